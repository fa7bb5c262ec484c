package io.seqpipe.tasks.tagging;

import io.seqpipe.tasks.CharacterColumn;
import io.seqpipe.tasks.CharacterIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.io.Json;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.tagging.ChunkCounts;
import io.seqpipe.tagging.EntityMetrics;
import io.seqpipe.tagging.TagScheme;
import io.seqpipe.testing.DriverLoss.DieInEpoch;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.PlainCsv;
import io.seqpipe.testing.TestSpark;
import io.seqpipe.testing.WrittenMetrics;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.seqpipe.testing.DriverLoss.savedParams;
import static io.seqpipe.testing.DriverLoss.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four jobs of the NER and POS tasks on real local Spark and DL4J, on the synthetic fixtures of
 * {@code scripts/make-tagging-fixtures.py} (dev uses person names and cities never seen in train, so the tagger must
 * generalize from context and casing).
 */
@Tag("spark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaggingPipelineSparkTest {
    static SparkSession spark;
    static java.nio.file.Path work;

    @BeforeAll
    static void start() throws Exception {
        spark = TestSpark.start("tagging");
        work = Files.createTempDirectory("seqpipe-tagging");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static TaggingTaskConfig config(String task, String... extra) {
        String ext = task.equals("ner") ? ".conll" : ".conllu";
        List<String> overrides = new ArrayList<>(List.of(
                "paths.train=" + Fixtures.fixture("tagging/synthetic/train" + ext),
                "paths.validation=" + Fixtures.fixture("tagging/synthetic/dev" + ext),
                "paths.score=" + Fixtures.fixture("tagging/synthetic/raw.txt"),
                "paths.work=" + work.resolve(task), "model.hidden=24", "model.embedding=16", "model.dropout=0.1",
                "features.affixEmbedding=8", "train.epochs=5", "train.batchSize=16", "train.averagingFrequency=2",
                "train.learningRate=0.02", "train.earlyStopping.patience=0", "train.lengthBucketPool=4",
                "train.wordDropout=0.3"));
        overrides.addAll(List.of(extra));
        return TaggingTaskConfig.from(ConfigLayering.resolve(
                ConfigFactory.parseResources("io/seqpipe/tasks/" + task + ".defaults.conf"), null, overrides));
    }

    @Test
    @Order(1)
    void nerPrepareConvertsTagsBuildsVocabulariesAndRejectsBadSentences() throws Exception {
        PrepareTaggingData.Summary s = PrepareTaggingData.run(spark, config("ner"), false);
        SplitCounts train = s.splits().get("train");
        assertEquals(300, train.read());
        assertEquals(298, train.written());
        assertEquals(Map.of("wrong_column_count", 1L, "invalid_tag_sequence", 1L), train.rejectedByReason());
        assertEquals(80, s.splits().get("validation").written());
        assertEquals(List.of("B-ORG", "B-PER", "E-ORG", "E-PER", "O", "S-LOC", "S-ORG"), s.tags());
        assertEquals(Map.of("suffix3", s.affixVocabularySizes().get("suffix3")), s.affixVocabularySizes());

        String prepared = work.resolve("ner/prepared").toString();
        Dataset<Row> rows = spark.read().parquet(prepared + "/train");
        assertEquals(298, rows.count());
        Row first = rows.orderBy("line").first();
        assertEquals(List.of("Mr", "Ravi", "Mensah", "called", "Oslo", "on", "Monday", "."), first.getList(3));
        assertEquals(List.of("O", "B-PER", "E-PER", "O", "S-LOC", "O", "O", "O"), first.getList(4));
        assertEquals(3, first.getInt(5), "word, casing and one suffix channel");
        List<Row> rejects = spark.read().json(prepared + "/rejects").orderBy("offset").collectAsList();
        assertEquals(2, rejects.size());
        assertEquals("wrong_column_count", rejects.get(0).getAs("reason"));
        assertEquals("broken line", rejects.get(0).getAs("line"));
        assertTrue(((String) rejects.get(1).getAs("detail")).contains("X-PER"), rejects.get(1).toString());
    }

    @Test
    @Order(2)
    void nerTrainsAndEvaluatesWithConllevalEntityF1OnUnseenNames() throws Exception {
        TaggingTaskConfig cfg = config("ner");
        TrainTagger.Summary t = TrainTagger.run(spark, cfg, false, List.of());
        assertEquals(298, t.training().trainExamples());
        assertEquals("entity F1", t.validationMetric());
        assertTrue(t.bestValidation() > 0.8, "validation entity F1 " + t.bestValidation());
        assertTrue(Files.exists(work.resolve("ner/model/artifacts/suffix3.vocabulary.txt")));
        double padding = t.training().paddingEfficiency();
        assertTrue(padding > 0.5 && padding <= 1.0, "padding " + padding);
        assertEquals(1, t.training().executors().size(), "local mode: one executor (the driver)");
        long minibatches = t.training().executors().values().iterator().next();
        assertTrue(minibatches >= 5 * 19, "5 epochs of at least ceil(298 / 16) minibatches: " + minibatches);

        EvaluateTagger.Report r = EvaluateTagger.run(spark, cfg, false);
        assertEquals(158, r.entities().goldChunks(), "chunks the fixture generator wrote into dev");
        assertTrue(r.entities().f1() > 0.8, "test entity F1 " + r.entities().f1());
        assertEquals(t.bestValidation(), r.entities().f1(), 1e-9, "same data, same model, same metric");
        Map<String, Object> json = Json.readMap(new Path(work.resolve("ner/metrics/metrics.json").toString()),
                spark.sparkContext().hadoopConfiguration());
        @SuppressWarnings("unchecked")
        Map<String, Double> metrics = (Map<String, Double>) json.get("metrics");
        assertEquals(r.entities().f1(), metrics.get("f1.micro"), 1e-12);
        assertEquals(WrittenMetrics.of(json), r.metrics(), "the typed metrics are those metrics.json holds");
        assertTrue(metrics.containsKey("f1.PER") && metrics.containsKey("f1.LOC") && metrics.containsKey("f1.ORG"));
        assertEquals(4 + 3 * 3 + 1, spark.read().parquet(r.historyPath()).count(), "one history row per metric: accuracy, micro P/R/F1, P/R/F1 per type, token accuracy");
    }

    @Test
    @Order(3)
    void nerScoresRawTextIntoTagsAndEntitySpans() throws Exception {
        ScoreTagger.Summary s = ScoreTagger.run(spark, config("ner", "score.outputFormats=[csv, jsonl, conll]"),
                false);
        assertEquals(List.of("predictions.csv", "predictions.jsonl", "predictions.conll"), s.files());
        assertEquals(3, s.input().written());
        assertEquals(1, s.blankLines());
        Map<String, Object> summary = Json.readMap(new Path(work.resolve("ner/predictions/summary.json").toString()),
                new Configuration());
        assertEquals(1, ((Number) summary.get("blankLines")).intValue(), summary.toString());
        assertEquals(s.tokens(), ((Number) summary.get("tokens")).longValue(), summary.toString());
        List<Row> rows = spark.read().parquet(s.output() + "/predictions").orderBy("line").collectAsList();
        assertEquals(List.of(1L, 3L, 4L), rows.stream().map(r -> r.getLong(1)).toList());
        assertEquals(List.of("Mr", "Kofi", "Mensah", "visited", "Riga", "on", "Friday", "."), rows.get(0).getList(2));
        List<String> entities = rows.get(0).<Row>getList(4).stream()
                .map(e -> e.getString(1) + ":" + e.getString(0) + ":" + e.getInt(2) + "-" + e.getInt(3)).toList();
        assertEquals(List.of("PER:Kofi Mensah:1-3", "LOC:Riga:4-5"), entities);
        java.nio.file.Path dir = work.resolve("ner/predictions");
        assertSingleFilesEqualParquet(rows, dir);
        assertTrue(rows.stream().allMatch(r -> r.isNullAt(r.fieldIndex("gold_tags"))), "raw text has no gold tags");
        List<List<String[]>> sentences = conllSentences(Files.readString(dir.resolve("predictions.conll")));
        assertEquals(rows.size(), sentences.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).getList(2), sentences.get(i).stream().map(f -> f[0]).toList());
            assertEquals(rows.get(i).getList(3), sentences.get(i).stream().map(f -> f[1]).toList());
            assertTrue(sentences.get(i).stream().allMatch(f -> f.length == 2), "token and predicted tag");
        }
    }

    /**
     * A tagger with a character encoder, through prepare (character vocabulary, char_ids column), train (the second
     * input), evaluate and score (unseen text's characters through the saved vocabulary): cnn and lstm, two epochs
     * each. Validation and test F1 agree, as without characters.
     */
    @Test
    @Order(3)
    void nerWithACharacterEncoderPreparesTrainsEvaluatesAndScores() throws Exception {
        for (String encoder : List.of("cnn", "lstm")) {
            java.nio.file.Path dir = work.resolve("ner-chars-" + encoder);
            TaggingTaskConfig cfg = config("ner", "paths.work=" + dir, "model.chars.encoder=" + encoder,
                    "model.chars.embedding=8", "model.chars.hidden=8", "model.chars.filters=16",
                    "model.chars.maxWordLength=5", "train.epochs=2");
            PrepareTaggingData.run(spark, cfg, false);
            List<String> chars = Files.readAllLines(dir.resolve("prepared/" + CharacterIds.FILE));
            assertEquals(List.of("<pad>", "<unk>"), chars.subList(0, 2));
            assertTrue(chars.contains("M") && chars.contains("m") && chars.contains("."), chars.toString());
            Row first = spark.read().parquet(dir.resolve("prepared/train").toString()).orderBy("line").first();
            int[][] ids = CharacterColumn.read(first, first.fieldIndex(CharacterColumn.COLUMN));
            assertArrayEquals(new int[]{chars.indexOf("M"), chars.indexOf("r")}, ids[0], "Mr");
            assertArrayEquals(java.util.stream.Stream.of("M", "e", "n", "s", "a").mapToInt(chars::indexOf).toArray(),
                    ids[2],
                    "Mensah cut to its first 5 characters (model.chars.maxWordLength)");

            TrainTagger.Summary t = TrainTagger.run(spark, cfg, false, List.of());
            assertEquals(chars, Files.readAllLines(dir.resolve("model/artifacts/" + CharacterIds.FILE)));
            EvaluateTagger.Report r = EvaluateTagger.run(spark, cfg, false);
            assertEquals(t.bestValidation(), r.entities().f1(), 1e-9, encoder + ": same data, model and metric");
            assertTrue(r.entities().f1() > 0.2, encoder + " test entity F1 " + r.entities().f1());
            ScoreTagger.Summary s = ScoreTagger.run(spark, cfg, false);
            assertEquals(3, s.input().written());
        }
        TaggingTaskConfig off = config("ner");
        assertFalse(off.chars().enabled(), "model.chars.encoder defaults to none");
        TaggingTaskConfig noVocabulary = config("ner", "model.chars.encoder=lstm",
                "paths.model=" + work.resolve("ner-chars-unprepared/model"));
        var e = assertThrows(RuntimeException.class, () -> TrainTagger.run(spark, noVocabulary, false, List.of()));
        assertTrue(e.getMessage().contains("model.chars.encoder = lstm needs the character vocabulary")
                && e.getMessage().contains("has no char-vocabulary.txt: run prepare again"), e.getMessage());
        assertFalse(List.of(spark.read().parquet(work.resolve("ner/prepared/train").toString()).columns())
                .contains(CharacterColumn.COLUMN), "without a character encoder the prepared data is unchanged");
    }

    @Test
    @Order(4)
    void nerScoresColumnsWithGoldTagsIntoConllColumnsThatConllevalReads() throws Exception {
        ScoreTagger.Summary s = ScoreTagger.run(spark, config("ner", "score.format=columns",
                "paths.score=" + Fixtures.fixture("tagging/synthetic/dev.conll"),
                "paths.predictions=" + work.resolve("ner/predictions-dev"), "score.outputFormats=conll"), false);
        List<Row> rows = spark.read().parquet(s.output() + "/predictions").orderBy("line").collectAsList();
        List<List<String[]>> sentences = conllSentences(Files.readString(
                work.resolve("ner/predictions-dev/predictions.conll")));
        assertEquals(rows.size(), sentences.size());
        long goldChunks = 0;
        ChunkCounts counts = new ChunkCounts();
        for (int i = 0; i < rows.size(); i++) {
            List<String[]> sentence = sentences.get(i);
            assertTrue(sentence.stream().allMatch(f -> f.length == 3), "token, gold tag, predicted tag");
            List<String> gold = sentence.stream().map(f -> f[1]).toList();
            List<String> predicted = sentence.stream().map(f -> f[2]).toList();
            assertEquals(rows.get(i).getList(2), sentence.stream().map(f -> f[0]).toList());
            assertEquals(rows.get(i).getList(3), predicted);
            assertEquals(rows.get(i).getList(rows.get(i).fieldIndex("gold_tags")), gold);
            goldChunks += TagScheme.IOB2.decode(gold).size();
            counts.add(gold, predicted);
        }
        assertEquals(158, goldChunks, "the dev file's chunks, its IOB1 tags written as IOB2");
        assertEquals(158, counts.goldChunks());
        double f1 = EntityMetrics.of(counts).f1();
        assertTrue(f1 > 0.8, "entity F1 from the file's columns " + f1);
    }

    /** The sentences of a CoNLL-columns file: blank-line separated blocks of space-separated fields. */
    static List<List<String[]>> conllSentences(String text) {
        assertTrue(text.endsWith("\n\n"), "every sentence ends with a blank line");
        List<List<String[]>> sentences = new ArrayList<>();
        for (String block : text.substring(0, text.length() - 2).split("\n\n", -1)) {
            sentences.add(block.lines().map(l -> l.split(" ", -1)).toList());
        }
        return sentences;
    }

    /** The CSV and JSON-lines files, read in plain Java, hold {@code rows} (Parquet, in input order). */
    static void assertSingleFilesEqualParquet(List<Row> rows, java.nio.file.Path dir) throws Exception {
        List<Map<String, String>> csv = PlainCsv.readWithHeader(Files.readString(dir.resolve("predictions.csv")));
        List<String> json = Files.readAllLines(dir.resolve("predictions.jsonl"));
        assertEquals(List.of("source", "line", "tokens", "tags", "entities", "gold_tags"),
                List.copyOf(csv.get(0).keySet()));
        assertEquals(rows.size(), csv.size());
        assertEquals(rows.size(), json.size());
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Map<String, String> c = csv.get(i);
            JsonNode j = mapper.readTree(json.get(i));
            assertEquals(r.getString(0), c.get("source"));
            assertEquals(r.getLong(1), Long.parseLong(c.get("line")));
            assertEquals(String.join(" ", r.<String>getList(2)), c.get("tokens"));
            assertEquals(String.join(" ", r.<String>getList(3)), c.get("tags"));
            assertEquals(null, c.get("gold_tags"));
            JsonNode entities = mapper.readTree(c.get("entities"));
            assertEquals(mapper.valueToTree(entityMaps(r)), entities);
            assertEquals(r.getLong(1), j.get("line").asLong());
            assertEquals(r.<String>getList(2), strings(j.get("tokens")));
            assertEquals(r.<String>getList(3), strings(j.get("tags")));
            assertEquals(mapper.valueToTree(entityMaps(r)), j.get("entities"));
            assertTrue(j.get("gold_tags").isNull());
        }
    }

    private static List<Map<String, Object>> entityMaps(Row r) {
        return r.<Row>getList(4).stream().map(e -> Map.<String, Object>of("text", e.getString(0), "type",
                e.getString(1), "start", e.getInt(2), "end", e.getInt(3))).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * model.output = crf on the prepared NER data: the CRF head trains with parameter averaging, and evaluate decodes
     * with Viterbi under the IOBES constraints, the same entity F1 as the last validation.
     */
    @Test
    @Order(5)
    void nerWithACrfOutputTrainsAndEvaluatesWithConstrainedViterbi() throws Exception {
        TaggingTaskConfig cfg = config("ner", "model.output=crf", "train.epochs=2",
                "paths.model=" + work.resolve("ner-crf/model"),
                "paths.metrics=" + work.resolve("ner-crf/metrics"),
                "paths.metricsHistory=" + work.resolve("ner-crf/metrics-history"));
        TrainTagger.Summary t = TrainTagger.run(spark, cfg, false, List.of());
        assertTrue(t.bestValidation() > 0.8, "validation entity F1 " + t.bestValidation());

        var net = io.seqpipe.model.ModelBytes.restore(Files.readAllBytes(work.resolve("ner-crf/model/model.zip")));
        var crf = (io.seqpipe.model.crf.CrfOutputLayer) net.getLayer(io.seqpipe.model.NetworkFactory.OUTPUT);
        // tags: B-ORG, B-PER, E-ORG, E-PER, O, S-LOC, S-ORG
        var constraints = crf.layerConf().constraints();
        assertFalse(constraints.allowed(4, 3), "O -> E-PER is forbidden");
        assertFalse(constraints.allowed(1, 2), "B-PER -> E-ORG is forbidden");
        assertTrue(constraints.allowed(1, 3), "B-PER -> E-PER is allowed");
        assertFalse(constraints.allowedStart(3) || constraints.allowedEnd(1));

        EvaluateTagger.Report r = EvaluateTagger.run(spark, cfg, false);
        assertEquals(158, r.entities().goldChunks());
        assertEquals(t.bestValidation(), r.entities().f1(), 1e-9, "same data, same model, same decoding");

        ScoreTagger.Summary s = ScoreTagger.run(spark, config("ner", "model.output=crf",
                "paths.model=" + work.resolve("ner-crf/model"), "paths.predictions=" + work.resolve("ner-crf/pred")),
                false);
        List<Row> rows = spark.read().parquet(s.output() + "/predictions").orderBy("line").collectAsList();
        assertEquals(List.of("Mr", "Kofi", "Mensah", "visited", "Riga", "on", "Friday", "."), rows.get(0).getList(2));
        assertEquals(List.of("O", "B-PER", "I-PER", "O", "B-LOC", "O", "O", "O"), rows.get(0).getList(3),
                "the same columns as the softmax's: IOB2 tags");
    }

    @Test
    @Order(5)
    void existingOutputsAreNotReplacedWithoutOverwrite() {
        var e = assertThrows(RuntimeException.class, () -> PrepareTaggingData.run(spark, config("ner"), false));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    @Test
    @Order(6)
    void posTrainsOnConlluAndReportsTokenAccuracyPerTag() {
        TaggingTaskConfig cfg = config("pos");
        PrepareTaggingData.Summary p = PrepareTaggingData.run(spark, cfg, false);
        assertEquals(List.of("ADJ", "ADP", "AUX", "DET", "NOUN", "PROPN", "PUNCT", "VERB"), p.tags());
        assertEquals(300, p.splits().get("train").written());
        TrainTagger.run(spark, cfg, false, List.of());
        EvaluateTagger.Report r = EvaluateTagger.run(spark, cfg, false);
        assertEquals(null, r.entities());
        assertTrue(r.accuracy().accuracy() > 0.97, "UPOS accuracy " + r.accuracy().accuracy());
        assertEquals(r.tokens(), r.accuracy().perTag().stream().mapToLong(t -> t.support()).sum());
        assertFalse(r.accuracy().perTag().isEmpty());
    }

    @Test
    @Order(6)
    void prepareCutsAnExactSeededRandomSplitOfPathsTrain() {
        PrepareTaggingData.Summary s = PrepareTaggingData.run(spark, config("ner", "paths.validation=null",
                "paths.test=null", "paths.prepared=" + work.resolve("ner-split/prepared"), "split.method=random",
                "split.validation=0.1", "split.test=0.2", "split.seed=3"), false);
        // 300 sentences: round(300 * 0.2) = 60 test, round(300 * 0.1) = 30 validation, 210 train
        assertEquals(List.of("train", "validation", "test"), List.copyOf(s.splits().keySet()));
        assertEquals(List.of(210L, 30L, 60L), s.splits().values().stream().map(SplitCounts::read).toList());
        assertEquals(2, s.totalRejected(), "the two bad sentences, each counted in the split it fell in");
        assertEquals("random (seed 3, validation 0.1, test 0.2)", s.split());
        assertEquals(s.splits().get("test").written(), spark.read().parquet(work.resolve("ner-split/prepared/test")
                .toString()).count());
    }


    /**
     * NER and POS training resumed from the newest checkpoint after the driver died in epoch 3 ends with exactly the
     * parameters of an uninterrupted run (block momentum and length bucketing on, a checkpoint after every round).
     */
    @Test
    @Order(7)
    void nerTrainResumedFromACheckpointEndsWithTheUninterruptedParameters() throws Exception {
        assertResumeIsBitIdentical("ner");
    }

    @Test
    @Order(8)
    void posTrainResumedFromACheckpointEndsWithTheUninterruptedParameters() throws Exception {
        assertResumeIsBitIdentical("pos");
    }

    static void assertResumeIsBitIdentical(String task) throws Exception {
        String[] common = {"train.epochs=3", "train.checkpoint.everyRounds=1", "train.checkpoint.keep=2",
            "train.averaging=blockMomentum"};
        TaggingTaskConfig full = config(task, with(common, "paths.model=" + work.resolve(task + "-resume-full"),
                "train.checkpoint.dir=" + work.resolve(task + "-checkpoints-full")));
        TrainTagger.Summary uninterrupted = TrainTagger.run(spark, full, false, List.of());
        assertTrue(uninterrupted.training().checkpointsWritten() >= 6, "a checkpoint after every round and epoch: "
                + uninterrupted.training().checkpointsWritten());

        java.nio.file.Path dir = work.resolve(task + "-checkpoints");
        TaggingTaskConfig cfg = config(task, with(common, "paths.model=" + work.resolve(task + "-resume"),
                "train.checkpoint.dir=" + dir));
        IllegalStateException died = assertThrows(IllegalStateException.class,
                () -> TrainTagger.run(spark, cfg, false, List.of(new DieInEpoch(3))));
        assertEquals("simulated driver loss in epoch 3", died.getMessage());
        assertFalse(Files.exists(work.resolve(task + "-resume")));
        TrainTagger.Summary resumed = TrainTagger.run(spark, cfg, false, true, List.of());
        String resumedFrom = resumed.training().resumedFrom();
        assertTrue(resumedFrom.startsWith("checkpoint-e00002-"), resumedFrom);

        float[] expected = savedParams(work.resolve(task + "-resume-full"));
        float[] actual = savedParams(work.resolve(task + "-resume"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 0f, task + ": bit-identical");
        assertEquals(uninterrupted.bestValidation(), resumed.bestValidation(), 0.0);
        assertEquals(uninterrupted.finalLoss(), resumed.finalLoss(), 0.0);
        assertFalse(Files.exists(dir), "checkpoints are deleted once the model is committed");
    }


    /**
     * Pretrained vectors (GloVe text): prepare adds the file's words to the vocabulary (union), train starts the
     * word embedding from them and, frozen, ends with exactly the file's vectors; the provenance names the file. A
     * file whose dimension is not model.embedding fails before anything is written.
     */
    @Test
    @Order(9)
    void nerPreparesAndTrainsFromFrozenPretrainedVectors() throws Exception {
        java.nio.file.Path vectors = io.seqpipe.testing.Fixtures.vectorFile(work.resolve("vectors.glove.txt"), false,
                16, "Oslo", "called", "zanzibar", "monday", "oslo");
        String[] embeddings = {"paths.work=" + work.resolve("ner-vectors"), "model.embeddings.path=" + vectors,
            "model.embeddings.trainable=false", "model.embeddings.missing=zero", "train.epochs=1"};
        var wrongWidth = assertThrows(io.seqpipe.config.InvalidConfigException.class, () -> PrepareTaggingData.run(
                spark, config("ner", with(embeddings, "model.embedding=8")), false));
        assertEquals("model.embedding must equal the dimension of the vectors in model.embeddings.path (" + vectors
                + "): 16, got 8", wrongWidth.getMessage());
        assertFalse(Files.exists(work.resolve("ner-vectors/prepared")));

        TaggingTaskConfig cfg = config("ner", embeddings);
        PrepareTaggingData.run(spark, cfg, false);
        List<String> vocabulary = Files.readAllLines(work.resolve("ner-vectors/prepared/vocabulary.txt"));
        assertEquals("zanzibar", vocabulary.get(vocabulary.size() - 1), "the file's only new word, last");
        TrainTagger.Summary t = TrainTagger.run(spark, cfg, false, List.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> recorded = (Map<String, Object>) t.training().extras().get("embeddings");
        assertEquals("glove", recorded.get("format"));
        assertEquals(16, recorded.get("dimension"));
        assertEquals(4, recorded.get("wordsFound"), "oslo (the exact spelling wins), called, zanzibar, monday");
        assertEquals(vocabulary.size() - 2 - 4, recorded.get("wordsMissing"));
        assertTrue(((String) recorded.get("path")).endsWith("vectors.glove.txt"), recorded.toString());

        byte[] zip = Files.readAllBytes(work.resolve("ner-vectors/model/model.zip"));
        org.deeplearning4j.nn.graph.ComputationGraph net = org.deeplearning4j.util.ModelSerializer
                .restoreComputationGraph(new java.io.ByteArrayInputStream(zip), false);
        org.nd4j.linalg.api.ndarray.INDArray w = net.getLayer("word_embedding").getParam("W");
        float[] oslo = w.getRow(vocabulary.indexOf("oslo")).toFloatVector();
        assertEquals(5 * 0.25f, oslo[0], 0f, "frozen: oslo keeps the exact spelling's vector after training");
        assertEquals(5 * 0.25f + 15 * 0.01f, oslo[15], 0f);
        assertEquals(0f, w.getRow(vocabulary.indexOf("mr")).toFloatVector()[0], 0f, "missing = zero, frozen");
    }
}
