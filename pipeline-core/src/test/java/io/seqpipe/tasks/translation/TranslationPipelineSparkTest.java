package io.seqpipe.tasks.translation;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.model.ModelBytes;
import io.seqpipe.io.Json;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.spark.BroadcastModel;
import io.seqpipe.testing.DriverLoss.DieInEpoch;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.PlainCsv;
import io.seqpipe.testing.TestSpark;
import io.seqpipe.testing.WrittenMetrics;
import io.seqpipe.translation.MisalignedCorpusException;
import io.seqpipe.translation.TranslationTokenizer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four translation jobs on real local Spark and DL4J, on the synthetic corpus of
 * {@code scripts/make-translation-fixtures.py}: word-by-word "German" with a verb-final order the model must reorder.
 * The model memorizes its 119 training pairs; the test split is 40 of them.
 */
@Tag("spark")
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TranslationPipelineSparkTest {
    static SparkSession spark;
    static java.nio.file.Path work;

    @BeforeAll
    static void start() throws Exception {
        spark = TestSpark.start("translation");
        work = Files.createTempDirectory("seqpipe-translation");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static String fixture(String name) {
        return Fixtures.fixture("translation/" + name).toString();
    }

    /** The aligned path prefix of a fixture split ({@code train} for train.de / train.en). */
    static String prefix(String split) {
        String de = fixture(split + ".de");
        return de.substring(0, de.length() - ".de".length());
    }

    static TranslationTaskConfig config(String... extra) {
        List<String> overrides = new ArrayList<>(List.of(
                "paths.train=" + prefix("train"), "paths.validation=" + prefix("test"),
                "paths.score=" + fixture("raw.de"), "paths.work=" + work,
                "vocabulary.minCount=1", "sequence.maxSourceLength=12", "sequence.maxTargetLength=12",
                "model.hidden=32", "model.embedding=24", "model.dropout=0", "decoder.hidden=48",
                "decoder.embedding=24", "decoder.attentionalWidth=48", "train.epochs=18", "train.batchSize=16",
                "train.averagingFrequency=2", "train.learningRate=0.01", "train.earlyStopping.patience=0",
                "train.lengthBucketPool=4", "decode.beamSize=3", "decode.maxLength=20", "decode.batchSize=8"));
        overrides.addAll(List.of(extra));
        return TranslationTaskConfig.from(ConfigLayering.resolve(
                ConfigFactory.parseResources("io/seqpipe/tasks/translation.defaults.conf"), null, overrides));
    }

    @Test
    @Order(1)
    void prepareBuildsVocabulariesWritesTheSequenceFrameAndRejectsOverLongPairs() throws Exception {
        PrepareTranslationData.Summary s = PrepareTranslationData.run(spark, config(), false);
        SplitCounts train = s.splits().get("train");
        assertEquals(120, train.read());
        assertEquals(119, train.written());
        assertEquals(Map.of("source_too_long", 1L), train.rejectedByReason());
        assertEquals(40, s.splits().get("validation").written());
        // 5 subjects (10 words), 4 verbs, 4 places (8 words), 3 adverbs, "." and the long line's "und spielen" + 4
        // reserved ids: the over-long pair's words are counted too (vocabularies come from every readable pair)
        List<String> source = Files.readAllLines(work.resolve("prepared/" + PrepareTranslationData.SOURCE_VOCABULARY));
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>"), source.subList(0, 4));
        assertTrue(source.contains("schläft") && source.contains("und") && !source.contains("sleeps"));
        List<String> target = Files.readAllLines(work.resolve("prepared/" + PrepareTranslationData.TARGET_VOCABULARY));
        assertTrue(target.contains("sleeps") && !target.contains("schläft"));
        assertEquals(s.sourceVocabularySize(), source.size());

        Dataset<Row> frame = spark.read().parquet(work.resolve("prepared/train").toString());
        assertEquals(119, frame.count());
        Row first = frame.filter("line = 3").first();
        assertEquals("eine frau heute am strand schläft .", first.getAs("source"));
        List<Integer> ids = first.getList(first.fieldIndex("source_ids"));
        List<String> tokens = new ArrayList<>();
        ids.forEach(id -> tokens.add(source.get(id)));
        assertEquals(List.of("eine", "frau", "heute", "am", "strand", "schläft", "."), tokens);
        List<Integer> in = first.getList(first.fieldIndex("decoder_input"));
        List<Integer> out = first.getList(first.fieldIndex("decoder_output"));
        assertEquals(9, in.size()); // <s> a woman sleeps on the beach today .
        assertEquals(2, in.get(0));
        assertEquals(3, out.get(out.size() - 1));
        assertEquals(in.subList(1, in.size()), out.subList(0, out.size() - 1));
        assertEquals("a", target.get(in.get(1)));
        assertEquals(119, frame.select("row").distinct().count());

        Row reject = spark.read().json(work.resolve("prepared/rejects").toString()).first();
        assertEquals("source_too_long", reject.getAs("reason"));
        assertEquals(61L, (long) reject.<Long>getAs("offset"));
        assertTrue(reject.<String>getAs("detail").contains("16 source tokens > maxSourceLength 12"),
                reject.<String>getAs("detail"));
        assertEquals(119L, ((Number) ((Map<?, ?>) ((Map<?, ?>) Json.readMap(Files.readString(
                work.resolve("prepared/summary.json"))).get("splits")).get("train")).get("written")).longValue());
    }

    @Test
    @Order(2)
    void misalignedFilesFailNamingBothCountsAndLeaveNothing() {
        TranslationTaskConfig cfg = config("paths.train=" + prefix("short"), "paths.validation=null",
                "paths.test=null", "paths.work=" + work.resolve("misaligned"));
        MisalignedCorpusException e = assertThrows(MisalignedCorpusException.class,
                () -> PrepareTranslationData.run(spark, cfg, false));
        assertTrue(e.getMessage().contains("short.de has 3 lines but") && e.getMessage().contains("short.en has 2"),
                e.getMessage());
        assertFalse(Files.exists(work.resolve("misaligned/prepared")));
    }

    @Test
    @Order(3)
    void tabSeparatedPairsWithMalformedLinesAreRejectedAndCounted() throws Exception {
        TranslationTaskConfig cfg = config("input.format=tsv", "input.sourceColumn=1", "input.targetColumn=0",
                "paths.train=" + fixture("pairs.tsv"), "paths.validation=null", "paths.test=null",
                "paths.work=" + work.resolve("tsv"));
        PrepareTranslationData.Summary s = PrepareTranslationData.run(spark, cfg, false);
        SplitCounts train = s.splits().get("train");
        assertEquals(32, train.read());
        assertEquals(30, train.written());
        assertEquals(Map.of("wrong_column_count", 1L, "empty_target", 1L), train.rejectedByReason());
        Row row = spark.read().parquet(work.resolve("tsv/prepared/train").toString()).filter("line = 1").first();
        assertEquals("die katze schläft zu hause .", row.getAs("source"));
        assertEquals("the cat sleeps at home .", row.getAs("target"));
        List<Row> rejects = spark.read().json(work.resolve("tsv/prepared/rejects").toString()).orderBy("offset")
                .collectAsList();
        assertEquals(6L, (long) rejects.get(0).<Long>getAs("offset"));
        assertEquals("wrong_column_count", rejects.get(0).getAs("reason"));
        assertEquals("this line has no tab", rejects.get(0).getAs("line"));
        assertEquals(10L, (long) rejects.get(1).<Long>getAs("offset"));
        assertEquals("empty_target", rejects.get(1).getAs("reason"));
    }

    @Test
    @Order(4)
    void trainMemorizesTheCorpusAndWritesTheModelDirectory() throws Exception {
        TrainTranslator.Summary t = TrainTranslator.run(spark, config(), false, false, List.of());
        assertEquals(119, t.training().trainExamples());
        assertEquals(40, t.training().validationExamples());
        assertEquals(18, t.training().epochsRun());
        assertTrue(t.bestValidationPerplexity() < 1.05, "validation perplexity " + t.bestValidationPerplexity());
        double padding = t.training().paddingEfficiency();
        assertTrue(padding > 0.8 && padding <= 1.0, "" + padding);
        assertEquals(2, t.training().executors().size() == 1 ? 2 : t.training().executors().size());
        assertTrue(t.training().executors().values().stream().mapToLong(Long::longValue).sum() >= 18 * 8);
        java.nio.file.Path model = work.resolve("model");
        assertTrue(Files.exists(model.resolve("_SUCCESS")));
        List<String> labels = Files.readAllLines(model.resolve("labels.txt"));
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>"), labels.subList(0, 4));
        Map<String, Object> provenance = Json.readMap(Files.readString(model.resolve("provenance.json")));
        assertEquals("translation", provenance.get("task"));
        assertEquals(18, ((List<?>) provenance.get("history")).size());
    }

    @Test
    @Order(5)
    void evaluateReproducesTheMemorizedPairsAndWritesMetrics() throws Exception {
        EvaluateTranslator.Report r = EvaluateTranslator.run(spark, config(), false);
        assertEquals(40, r.input().written());
        assertTrue(r.bleu().score() > 95, "BLEU " + r.bleu().score());
        assertTrue(r.chrf().score() > 95, "chrF " + r.chrf().score());
        assertTrue(r.perplexity() < 1.05, "perplexity " + r.perplexity());
        assertEquals(0, r.unfinished());
        // 40 references: 6-9 tokens + </s>
        assertEquals(40 + r.bleu().statistics().refLength(), r.targetTokens());
        assertEquals(List.of(1L, 2L, 3L), r.examples().subList(0, 3).stream().map(TranslationScoring.Example::line)
                .toList());
        assertEquals("a woman sleeps on the beach today .", r.examples().get(2).hypothesis());

        Map<String, Object> json = Json.readMap(Files.readString(work.resolve("metrics/metrics.json")));
        Map<?, ?> metrics = (Map<?, ?>) json.get("metrics");
        assertEquals(r.bleu().score(), (Double) metrics.get("bleu"), 1e-12);
        assertEquals(r.chrf().score(), (Double) metrics.get("chrf"), 1e-12);
        assertTrue(((Map<?, ?>) json.get("definitions")).get("bleu").toString().contains("HuggingFace"));
        assertEquals(WrittenMetrics.of(json), r.metrics(), "the typed metrics are those metrics.json holds");
        Dataset<Row> history = spark.read().parquet(work.resolve("metrics-history").toString());
        assertEquals(r.bleu().score(), history.filter("metric = 'bleu'").first().<Double>getAs("value"), 1e-12);
    }

    /** Statistics summed over partitions give exactly the single-machine corpus numbers. */
    @Test
    @Order(6)
    void distributedMetricsEqualTheSingleMachineMetrics() {
        TranslationTaskConfig cfg = config();
        TranslatorModel model = TranslatorModel.load(cfg.paths().model(), spark.sparkContext().hadoopConfiguration());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TranslationTokenizer tokenizer = model.trainedWith().target().tokenizer();
        List<TranslationScoring.TestPair> pairs = TranslationData.encode(TranslationData.read(sc, cfg,
                        prefix("test")), model.encoder()).filter(TranslationData.Encoded::kept)
                .map(e -> new TranslationScoring.TestPair(e.pair().line(), e.pair().source(), e.pair().target(),
                        tokenizer.tokenize(e.pair().target()), e.outcome().pair())).collect();
        BroadcastModel weights = BroadcastModel.of(sc, model.directory().weights());
        TranslationScoring.Partial one = EvaluateTranslator.evaluate(sc.parallelize(pairs, 1), weights,
                model.encoder(), cfg.search(), 8, 5);
        TranslationScoring.Partial five = EvaluateTranslator.evaluate(sc.parallelize(pairs, 5), weights,
                model.encoder(), cfg.search(), 3, 5);
        ComputationGraph net = ModelBytes.restore(model.directory().weights());
        TranslationScoring.Partial local = TranslationScoring.evaluate(net, model.encoder(), pairs, cfg.search(), 5);
        for (TranslationScoring.Partial p : List.of(one, five)) {
            assertEquals(local.bleu(), p.bleu());
            assertEquals(local.sacreBleu(), p.sacreBleu());
            assertEquals(local.chrf(), p.chrf());
            assertEquals(local.targetTokens(), p.targetTokens());
            assertEquals(local.nll(), p.nll(), 1e-4 * Math.max(1, local.nll()));
            assertEquals(local.examples(), p.examples());
        }
        assertEquals(40, local.sentences());
        weights.close();
    }

    /** The nested {@code attention} column (Spark returns inner arrays as Scala sequences). */
    static List<List<Float>> attention(Row r) {
        List<List<Float>> out = new ArrayList<>();
        for (Object row : r.getList(r.fieldIndex("attention"))) {
            @SuppressWarnings("unchecked")
            scala.collection.Seq<Float> seq = (scala.collection.Seq<Float>) row;
            out.add(scala.collection.JavaConverters.seqAsJavaList(seq));
        }
        return out;
    }

    @Test
    @Order(7)
    void scoreTranslatesEveryLineWithAttentionAndRejectsBlankLines() throws Exception {
        ScoreTranslator.Summary s = ScoreTranslator.run(spark, config("score.attention=true",
                "score.outputFormats=csv,jsonl"), false);
        assertEquals(List.of("predictions.csv", "predictions.jsonl"), s.files());
        assertEquals(3, s.input().written());
        assertEquals(Map.of("empty_text", 1L), s.input().rejectedByReason());
        Map<String, Object> summary = Json.readMap(new Path(s.output() + "/summary.json"), new Configuration());
        assertEquals(List.of("predictions.csv", "predictions.jsonl"), summary.get("files"), summary.toString());
        assertEquals(s.unfinished(), ((Number) summary.get("unfinished")).longValue(), summary.toString());
        List<Row> rows = spark.read().parquet(s.output() + "/predictions").orderBy("line").collectAsList();
        assertEquals(List.of(1L, 3L, 4L), rows.stream().map(r -> r.<Long>getAs("line")).toList());
        assertEquals("the cat sleeps at home .", rows.get(0).getAs("translation"));
        assertEquals("the cat plays on the beach .", rows.get(2).getAs("translation"));
        for (Row r : rows) {
            List<String> out = r.getList(r.fieldIndex("translation_tokens"));
            List<List<Float>> attention = attention(r);
            assertEquals(out.size() + 1, attention.size()); // + the step that produced </s>
            int sourceLength = r.getList(r.fieldIndex("source_tokens")).size();
            for (List<Float> row : attention) {
                assertEquals(sourceLength, row.size());
                assertEquals(1.0, row.stream().mapToDouble(Float::doubleValue).sum(), 1e-4);
            }
            assertTrue(r.<Boolean>getAs("finished"));
        }
        // "schläft" (source position 2) is what the decoder looks at when it writes "sleeps" (output position 2)
        List<List<Float>> first = attention(rows.get(0));
        List<Float> sleeps = first.get(2);
        assertEquals(2, sleeps.indexOf(sleeps.stream().max(Float::compare).orElseThrow()));
        // the plain files: token lists joined by spaces in CSV, attention as JSON text; nested values kept in JSON lines
        java.nio.file.Path dir = java.nio.file.Path.of(java.net.URI.create(s.output()));
        List<Map<String, String>> csv = PlainCsv.readWithHeader(Files.readString(dir.resolve("predictions.csv")));
        List<String> jsonl = Files.readAllLines(dir.resolve("predictions.jsonl"));
        assertEquals(3, csv.size());
        assertEquals(3, jsonl.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            assertEquals(String.valueOf(r.<Long>getAs("line")), csv.get(i).get("line"), "input order");
            assertEquals(r.<String>getAs("translation"), csv.get(i).get("translation"));
            assertEquals(String.join(" ", r.<String>getList(r.fieldIndex("source_tokens"))),
                    csv.get(i).get("source_tokens"));
            assertEquals(r.<Double>getAs("log_prob"), Double.parseDouble(csv.get(i).get("log_prob")));
            List<List<Double>> fromCsv = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    csv.get(i).get("attention"), new com.fasterxml.jackson.core.type.TypeReference<>() { });
            List<List<Float>> parquet = attention(r);
            assertEquals(parquet.size(), fromCsv.size());
            for (int t = 0; t < parquet.size(); t++) {
                for (int k = 0; k < parquet.get(t).size(); k++) {
                    assertEquals(parquet.get(t).get(k), fromCsv.get(t).get(k).floatValue());
                }
            }
            Map<String, Object> json = Json.readMap(jsonl.get(i));
            assertEquals(r.getList(r.fieldIndex("translation_tokens")), json.get("translation_tokens"));
            assertEquals(r.<Boolean>getAs("finished"), json.get("finished"));
        }
        Row reject = spark.read().json(s.output() + "/rejects").first();
        assertEquals(2L, (long) reject.<Long>getAs("offset"));
        assertEquals("empty_text", reject.getAs("reason"));
    }


    /** An interrupted run resumed from its checkpoints ends with the parameters of an uninterrupted one. */
    @Test
    @Order(8)
    void resumeAfterADriverLossEndsWithTheUninterruptedParameters() throws Exception {
        String[] common = {"train.epochs=3", "train.checkpoint.everyRounds=1"};
        List<String> full = new ArrayList<>(List.of(common));
        full.addAll(List.of("paths.model=" + work.resolve("model-full"),
                "train.checkpoint.dir=" + work.resolve("checkpoints-full")));
        TrainTranslator.Summary uninterrupted = TrainTranslator.run(spark, config(full.toArray(String[]::new)), false,
                false, List.of());
        List<String> resumedArgs = new ArrayList<>(List.of(common));
        resumedArgs.addAll(List.of("paths.model=" + work.resolve("model-resumed"),
                "train.checkpoint.dir=" + work.resolve("checkpoints-resumed")));
        TranslationTaskConfig cfg = config(resumedArgs.toArray(String[]::new));
        IllegalStateException died = assertThrows(IllegalStateException.class,
                () -> TrainTranslator.run(spark, cfg, false, false, List.of(new DieInEpoch(2))));
        assertEquals("simulated driver loss in epoch 2", died.getMessage());
        assertFalse(Files.exists(work.resolve("model-resumed")));
        assertTrue(Files.exists(work.resolve("checkpoints-resumed")));

        TrainTranslator.Summary resumed = TrainTranslator.run(spark, cfg, false, true, List.of());
        String resumedFrom = resumed.training().resumedFrom();
        assertTrue(resumedFrom.startsWith("checkpoint-e00001-r"), resumedFrom);
        float[] expected = savedParams(work.resolve("model-full"));
        float[] actual = savedParams(work.resolve("model-resumed"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 0f,
                "bit-identical to the uninterrupted run");
        assertEquals(uninterrupted.bestValidationPerplexity(), resumed.bestValidationPerplexity(), 0.0);
        assertFalse(Files.exists(work.resolve("checkpoints-resumed")), "checkpoints are deleted with the model");
    }
}
