package io.seqpipe.tasks.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.seqpipe.SeqPipeException;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.data.SeededSplit;
import io.seqpipe.lm.CutSequence;
import io.seqpipe.lm.LmDataConfig;
import io.seqpipe.lm.LmSplit;
import io.seqpipe.lm.LmVocabulary;
import io.seqpipe.lm.SequenceCutter;
import io.seqpipe.lm.UnitCounts;
import io.seqpipe.lm.UnitRange;
import io.seqpipe.lm.baseline.AddOneUnigramModel;
import io.seqpipe.lm.baseline.KneserNeyBigramModel;
import io.seqpipe.lm.baseline.NgramBaseline;
import io.seqpipe.lm.baseline.NgramCounts;
import io.seqpipe.model.ModelBytes;
import io.seqpipe.testing.DriverLoss.DieInEpoch;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.TestSpark;
import io.seqpipe.text.Vocabulary;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static io.seqpipe.testing.DriverLoss.savedParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code prepare} for language models on local Spark, on the small corpora of {@code fixtures/lm}: three files (one
 * with an undecodable line, one blank) read one document per file, and a file read one document per line. The
 * expected streams are built here from the documents as written, with the Spark-free {@code io.seqpipe.lm} classes
 * in one pass. The same session trains a tiny LSTM ({@code train}) on a repetitive corpus written here.
 */
@Tag("spark")
class LmPipelineSparkTest {
    /** files/a.txt and files/b.txt as kept: b.txt's second line is undecodable and left out; c.txt is blank and
     * d.txt empty. */
    static final String DOC_A = "to be or not\nto be\n";
    static final String DOC_B = "that is\nthe question\n";

    static SparkSession spark;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        spark = TestSpark.start("lm-prepare");
        work = Files.createTempDirectory("seqpipe-lm");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static LmTaskConfig config(String prepared, String... extra) {
        List<String> overrides = new ArrayList<>(List.of("paths.work=" + work, "paths.prepared=" + work.resolve(prepared)));
        overrides.addAll(List.of(extra));
        return LmTaskConfig.from(ConfigLayering.resolve(
                ConfigFactory.parseResources(LmDataConfig.DEFAULTS_RESOURCE), null, overrides));
    }

    static List<CutSequence> sequences(Path prepared, String split) {
        List<CutSequence> out = new ArrayList<>();
        for (Row row : spark.read().parquet(prepared.resolve(split).toString()).collectAsList()) {
            out.add(LmData.sequence(row));
        }
        out.sort(Comparator.comparingLong(CutSequence::index));
        return out;
    }

    static int[] stream(Path prepared, String split) {
        List<Row> rows = new ArrayList<>(spark.read().parquet(prepared.resolve(split + LmData.STREAM_SUFFIX)
                .toString()).collectAsList());
        rows.sort(Comparator.comparingLong(r -> r.getLong(0)));
        List<Integer> units = new ArrayList<>();
        long next = 0;
        for (Row r : rows) {
            assertEquals(next, r.getLong(0), "the stream's pieces tile it");
            List<Integer> piece = r.getList(1);
            units.addAll(piece);
            next += piece.size();
        }
        return units.stream().mapToInt(Integer::intValue).toArray();
    }

    static JsonNode summary(Path prepared) throws Exception {
        return new ObjectMapper().readTree(prepared.resolve("summary.json").toFile());
    }

    /** Every target offset 1 .. n-1 is counted by exactly one written sequence. */
    static void assertEveryTargetCountedOnce(List<CutSequence> sequences, long n) {
        Map<Long, Integer> counted = new TreeMap<>();
        for (CutSequence s : sequences) {
            for (int t = s.firstCountedStep(); t < s.validSteps(); t++) {
                counted.merge(s.start() + 1 + t, 1, Integer::sum);
            }
        }
        assertEquals(Math.max(0, n - 1), counted.size());
        for (long offset = 1; offset < n; offset++) {
            assertEquals(1, counted.get(offset), "target offset " + offset);
        }
    }

    @Test
    void filesAreDocumentsSplitByOffsetAndCutAsOnePassWithOneOrFourPartitions() throws Exception {
        String[] settings = {"paths.train=" + Fixtures.fixture("lm/files"), "split.trainFraction=0.6",
                "split.testFraction=0.2", "lm.sequenceLength=4", "lm.stride=3"};
        LmTaskConfig one = config("files-1", settings);
        PrepareLmData.Summary summary = PrepareLmData.run(spark, one, false, 1);
        PrepareLmData.run(spark, config("files-4", settings), false, 4);

        // the stream: a.txt, <doc>, b.txt without its undecodable line; 41 units, train [0, 24), test [33, 41)
        List<String> units = one.data().unitTokenizer().stream(List.of(DOC_A, DOC_B));
        assertEquals(41, units.size());
        LmSplit.Ranges ranges = one.data().split().ranges(units.size());
        assertEquals(new UnitRange(0, 24), ranges.train());
        assertEquals(new UnitRange(24, 33), ranges.validation());
        assertEquals(new UnitRange(33, 41), ranges.test());

        Path prepared = work.resolve("files-1");
        LmVocabulary vocabulary = LmVocabulary.fromLines(Files.readAllLines(prepared.resolve("vocabulary.txt")));
        assertEquals(LmVocabulary.build(new UnitCounts().addAll(units.subList(0, 24)), "<doc>", 1, 30000).toLines(),
                vocabulary.toLines(), "the vocabulary of the training units only");
        assertEquals("t", vocabulary.unit(3), "t is the most frequent training unit (5 times)");
        assertEquals(List.of(" ", "o"), List.of(vocabulary.unit(4), vocabulary.unit(5)), "4 times each, by unit");
        assertEquals(1, vocabulary.id("q"), "q is only in the held-out text: <unk>");
        assertEquals(LmVocabulary.BOUNDARY_ID, vocabulary.id("<doc>"));

        int[] ids = vocabulary.encode(units);
        SequenceCutter cutter = new SequenceCutter(4, 3);
        for (String dir : List.of("files-1", "files-4")) {
            Path out = work.resolve(dir);
            assertEquals(Files.readAllLines(prepared.resolve("vocabulary.txt")),
                    Files.readAllLines(out.resolve("vocabulary.txt")));
            for (String split : PrepareLmData.SPLITS) {
                UnitRange r = ranges.of(split);
                int[] splitIds = Arrays.copyOfRange(ids, (int) r.start(), (int) r.end());
                List<CutSequence> written = sequences(out, split);
                assertEquals(cutter.cut(splitIds), written, dir + " " + split + ": the cut of one pass");
                assertEveryTargetCountedOnce(written, r.length());
                if (!split.equals(LmSplit.TRAIN)) {
                    assertArrayEquals(splitIds, stream(out, split), dir + " " + split + " stream");
                }
            }
            assertTrue(Files.exists(out.resolve("_SUCCESS")));
        }

        assertEquals(2, summary.documents());
        assertEquals(Map.of("train", 24L, "validation", 9L, "test", 8L), summary.units());
        assertEquals(Map.of("train", 8L, "validation", 3L, "test", 2L), summary.sequences());
        JsonNode json = summary(prepared);
        assertEquals(2, json.get("documents").asLong());
        assertEquals(3, json.get("rejectedTotal").asLong());
        assertEquals(1, json.get("rejected").get("undecodable_bytes").asLong());
        assertEquals(2, json.get("rejected").get("empty_text").asLong(), "c.txt is blank, d.txt has no bytes");
        assertEquals(24, json.get("units").get("train").asLong());
        assertEquals(9, json.get("units").get("validation").asLong());
        assertEquals(8, json.get("units").get("test").asLong());
        assertEquals(8, json.get("sequences").get("train").asLong());
        assertEquals(3, json.get("sequences").get("validation").asLong());
        assertEquals(2, json.get("sequences").get("test").asLong());
        assertEquals(vocabulary.size(), json.get("vocabularySize").asInt());
        assertEquals(0, json.get("unknownTrainUnits").asLong());
        assertTrue(summary.lines().contains("  validation: 9 char units, 3 sequences, 8 targets"), summary.lines()
                .toString());

        List<Row> rejects = spark.read().json(prepared.resolve("rejects").toString())
                .orderBy("source", "offset").collectAsList();
        assertEquals(3, rejects.size());
        Row undecodable = rejects.get(0);
        assertTrue(undecodable.<String>getAs("source").endsWith("lm/files/b.txt"), undecodable.toString());
        assertEquals(2L, undecodable.<Long>getAs("offset"), "the line of b.txt");
        assertEquals("undecodable_bytes", undecodable.getAs("reason"));
        assertEquals("train", undecodable.getAs("split"));
        Row empty = rejects.get(1);
        assertTrue(empty.<String>getAs("source").endsWith("lm/files/c.txt"), empty.toString());
        assertEquals(0L, empty.<Long>getAs("offset"), "a whole document");
        assertEquals("empty_text", empty.getAs("reason"));
        assertTrue(rejects.get(2).<String>getAs("source").endsWith("lm/files/d.txt"), rejects.get(2).toString());
        assertEquals("empty_text", rejects.get(2).getAs("reason"));
    }

    @Test
    void linesAreWordDocumentsSplitByDocument() throws Exception {
        Path corpus = Fixtures.fixture("lm/lines.txt");
        LmTaskConfig cfg = config("lines", "paths.train=" + corpus, "input.documents=line", "lm.unit=word",
                "split.by=document", "split.trainFraction=0.34", "split.testFraction=0.33", "split.seed=7",
                "lm.sequenceLength=2");
        PrepareLmData.Summary summary = PrepareLmData.run(spark, cfg, false, 2);
        Path prepared = work.resolve("lines");

        // documents at lines 1, 4 and 6 (line 2 is undecodable, line 3 blank, line 5 empty), dealt by their hash
        Map<Long, String> documents = new TreeMap<>(Map.of(1L, "the cat sat", 4L, "on the mat", 6L, "a cat"));
        SeededSplit dealer = cfg.data().split().documentSplit();
        List<Long> ranked = new ArrayList<>(documents.keySet());
        ranked.sort(Comparator.comparing(line -> dealer.sortKey(SeededSplit.identity(corpus.toString(), line))));
        Map<String, List<String>> bySplit = new TreeMap<>();
        for (long line : documents.keySet()) {
            bySplit.computeIfAbsent(dealer.assign(ranked.indexOf(line), 3), s -> new ArrayList<>())
                    .add(documents.get(line));
        }
        assertEquals(3, bySplit.size(), "one document in each split: " + bySplit);
        LmVocabulary vocabulary = LmVocabulary.fromLines(Files.readAllLines(prepared.resolve("vocabulary.txt")));
        List<String> trainUnits = cfg.data().unitTokenizer().stream(bySplit.get(LmSplit.TRAIN));
        assertEquals(LmVocabulary.build(new UnitCounts().addAll(trainUnits), "<doc>", 1, 30000).toLines(),
                vocabulary.toLines());
        for (String split : PrepareLmData.SPLITS) {
            int[] ids = vocabulary.encode(cfg.data().unitTokenizer().stream(bySplit.get(split)));
            assertEquals(ids.length, summary.units().get(split), split);
            assertEquals(new SequenceCutter(2, 2).cut(ids), sequences(prepared, split), split);
            if (!split.equals(LmSplit.TRAIN)) {
                assertArrayEquals(ids, stream(prepared, split), split);
            }
        }

        List<Row> rejects = spark.read().json(prepared.resolve("rejects").toString()).orderBy("offset")
                .collectAsList();
        assertEquals(List.of(2L, 3L), rejects.stream().map(r -> r.<Long>getAs("offset")).toList());
        assertEquals(List.of("undecodable_bytes", "empty_text"),
                rejects.stream().map(r -> r.<String>getAs("reason")).toList());
        assertEquals(3, summary(prepared).get("documents").asLong());
        assertEquals(Map.of("empty_text", 1L, "undecodable_bytes", 1L), summary.rejected());
    }

    @Test
    void filesOfTheirOwnAreTheSplitsEachAStreamWithTheVocabularyOfTrainOnly() throws Exception {
        Path train = Files.writeString(work.resolve("files-train.txt"), "the cat sat\na dog ran\n");
        Path validation = Files.writeString(work.resolve("files-validation.txt"), "the dog sat\n \t\nthe bird flew\n\n");
        LmTaskConfig cfg = config("files", "paths.train=" + train, "paths.validation=" + validation,
                "input.documents=line", "lm.unit=word", "split.by=files", "lm.sequenceLength=3");
        PrepareLmData.Summary summary = PrepareLmData.run(spark, cfg, false, 2);
        Path prepared = work.resolve("files");
        LmVocabulary vocabulary = LmVocabulary.fromLines(Files.readAllLines(prepared.resolve("vocabulary.txt")));
        List<String> trainUnits = List.of("the", "cat", "sat", "<doc>", "a", "dog", "ran");
        assertEquals(LmVocabulary.build(new UnitCounts().addAll(trainUnits), "<doc>", 1, 30000).toLines(),
                vocabulary.toLines(), "the vocabulary of the training file only");
        int[] validationIds = vocabulary.encode(List.of("the", "dog", "sat", "<doc>", "the", "bird", "flew"));
        assertArrayEquals(validationIds, stream(prepared, LmSplit.VALIDATION));
        assertEquals(Vocabulary.UNK_ID, validationIds[5], "bird is not a training word");
        assertEquals(Map.of(LmSplit.TRAIN, 7L, LmSplit.VALIDATION, 7L, LmSplit.TEST, 0L), summary.units());
        assertEquals(new SequenceCutter(3, 3).cut(vocabulary.encode(trainUnits)), sequences(prepared, LmSplit.TRAIN));
        List<Row> rejects = spark.read().json(prepared.resolve("rejects").toString()).collectAsList();
        assertEquals(1, rejects.size());
        assertEquals(LmSplit.VALIDATION, rejects.get(0).getAs("split"), "the blank line of the validation file (an"
                + " empty one is no document)");
        assertEquals(2L, rejects.get(0).<Long>getAs("offset"));
        assertEquals(4, summary(prepared).get("documents").asLong());
    }

    @Test
    @Tag("real-data")
    void tinyShakespeareGetsTheNanoGptSplitInSequences() throws Exception {
        Path input = Fixtures.sharedDataset("tinyshakespeare").resolve("input.txt");
        LmTaskConfig cfg = config("tinyshakespeare", "paths.train=" + input);
        PrepareLmData.Summary summary = PrepareLmData.run(spark, cfg, false);
        assertEquals(1, summary.documents());
        assertEquals(Map.of("train", 1_003_854L, "validation", 111_540L, "test", 0L), summary.units());
        assertEquals(Map.of("train", 3922L, "validation", 436L, "test", 0L), summary.sequences());
        assertEquals(68, summary.vocabularySize(), "65 characters, <pad>, <unk> and <doc>");
        assertEquals(0, summary.rejectedTotal());

        Path prepared = work.resolve("tinyshakespeare");
        LmVocabulary vocabulary = LmVocabulary.fromLines(Files.readAllLines(prepared.resolve("vocabulary.txt")));
        String text = Files.readString(input, StandardCharsets.UTF_8);
        List<String> units = cfg.data().unitTokenizer().units(text);
        int[] validation = vocabulary.encode(units.subList(1_003_854, units.size()));
        assertArrayEquals(validation, stream(prepared, LmSplit.VALIDATION));
        List<CutSequence> written = sequences(prepared, LmSplit.VALIDATION);
        assertEquals(cfg.data().cutter().cut(validation), written);
        assertEveryTargetCountedOnce(written, validation.length);
    }

    /** A corpus with a short period: a recurrent network learns it within a few epochs, a unigram model cannot. */
    static final String PHRASE = "to be or not to be, that is the question.\n";
    /** A tiny network and its training: small enough for a test, truncated BPTT of 8 steps in 16-step sequences. */
    static final String[] TINY_TRAINING = {"split.trainFraction=0.8", "split.testFraction=0.1",
            "lm.sequenceLength=16", "lm.stride=12", "model.cell=lstm", "model.layers=1", "model.hidden=24",
            "model.embedding=8", "model.dropout=0", "train.tbptt=8", "train.epochs=3", "train.batchSize=8",
            "train.averagingFrequency=2", "train.learningRate=0.03", "train.seed=7", "train.earlyStopping.patience=0",
            "train.checkpoint.everyRounds=1", "train.validationBatchSize=4"};
    private static Path trainingCorpus;

    /** The repetitive corpus, prepared once for the training tests. */
    static synchronized Path preparedTrainingCorpus() throws Exception {
        if (trainingCorpus == null) {
            Path text = work.resolve("phrase.txt");
            Files.writeString(text, PHRASE.repeat(30), StandardCharsets.UTF_8);
            PrepareLmData.run(spark, trainingConfig("phrase-prepared", "unused"), false, 2);
            trainingCorpus = text;
        }
        return work.resolve("phrase-prepared");
    }

    static LmTaskConfig trainingConfig(String prepared, String name, String... extra) {
        List<String> settings = new ArrayList<>(List.of(TINY_TRAINING));
        settings.addAll(List.of("paths.train=" + work.resolve("phrase.txt"), "paths.model=" + work.resolve(name),
                "train.checkpoint.dir=" + work.resolve(name + "-checkpoints")));
        settings.addAll(List.of(extra));
        return config(prepared, settings.toArray(String[]::new));
    }

    private static TrainLm.Summary trainedModel;

    /** The tiny LSTM trained once on the prepared phrase corpus into phrase-model/, for training and evaluate. */
    static synchronized TrainLm.Summary trainedPhraseModel() throws Exception {
        if (trainedModel == null) {
            preparedTrainingCorpus();
            trainedModel = TrainLm.run(spark, trainingConfig("phrase-prepared", "phrase-model"), false, false,
                    List.of());
        }
        return trainedModel;
    }

    @Test
    void aTinyLstmTrainedWithTruncatedBpttBeatsTheAddOneUnigramOnTheValidationSplit() throws Exception {
        Path prepared = preparedTrainingCorpus();
        LmTaskConfig cfg = trainingConfig("phrase-prepared", "phrase-model");
        TrainLm.Summary summary = trainedPhraseModel();

        // the unigram add-one baseline of the same split, over the targets the validation sequences count
        List<String> vocabularyLines = Files.readAllLines(prepared.resolve("vocabulary.txt"));
        LmVocabulary vocabulary = LmVocabulary.fromLines(vocabularyLines);
        int[] ids = vocabulary.encode(cfg.data().unitTokenizer().stream(List.of(PHRASE.repeat(30))));
        LmSplit.Ranges ranges = cfg.data().split().ranges(ids.length);
        int[] train = Arrays.copyOfRange(ids, (int) ranges.train().start(), (int) ranges.train().end());
        int[] validation = stream(prepared, LmSplit.VALIDATION);
        double unigram = new AddOneUnigramModel(new NgramCounts(vocabulary.size()).observe(train))
                .crossEntropy(Arrays.copyOfRange(validation, 1, validation.length)).natsPerToken();
        assertTrue(unigram > 2.0, "the unigram baseline: " + unigram);
        assertTrue(summary.bestValidationCrossEntropy() < unigram - 0.3, "LSTM " + summary.bestValidationCrossEntropy()
                + " nats/unit, unigram " + unigram);

        assertEquals(validation.length - 1, sequences(prepared, LmSplit.VALIDATION).stream()
                .mapToLong(CutSequence::countedSteps).sum(), "the validator's targets are the baseline's");
        assertEquals(train.length - 1, summary.training().tokens().get(TrainLm.TRAIN_TARGETS));
        assertEquals(sequences(prepared, LmSplit.TRAIN).size(), summary.training().trainExamples());
        Path model = work.resolve("phrase-model");
        for (String file : List.of("model.zip", "vocabulary.txt", "labels.txt", "provenance.json", "_SUCCESS")) {
            assertTrue(Files.exists(model.resolve(file)), file);
        }
        assertEquals(vocabularyLines, Files.readAllLines(model.resolve("vocabulary.txt")),
                "the prepared vocabulary, escaped as written");
        JsonNode provenance = new ObjectMapper().readTree(model.resolve("provenance.json").toFile());
        assertEquals(summary.bestValidationCrossEntropy(),
                provenance.get("metrics").get("validation.crossEntropy").asDouble(), 0.0);
        assertEquals(8, provenance.get("training").get("tbptt").asInt(), provenance.get("training").toString());
        assertTrue(summary.lines().get(2).contains("best validation cross-entropy"), summary.lines().toString());
        assertFalse(Files.exists(work.resolve("phrase-model-checkpoints")), "deleted with the commit");

        // the distributed validator equals one sequence at a time on the driver, with the kept (best) parameters
        ComputationGraph network = ModelBytes.restore(Files.readAllBytes(model.resolve("model.zip")));
        double nats = 0;
        long targets = 0;
        for (CutSequence s : sequences(prepared, LmSplit.VALIDATION)) {
            float[][][] inputs = new float[1][1][s.validSteps()];
            for (int t = 0; t < s.validSteps(); t++) {
                inputs[0][0][t] = s.inputs()[t];
            }
            INDArray probabilities = network.outputSingle(Nd4j.createFromArray(inputs));
            for (int t = s.firstCountedStep(); t < s.validSteps(); t++) {
                nats -= Math.log(probabilities.getDouble(0, s.targets()[t], t));
                targets++;
            }
        }
        assertEquals(nats / targets, summary.bestValidationCrossEntropy(), 1e-5);
    }

    /** An interrupted run resumed from its checkpoints ends with the parameters of an uninterrupted one. */
    @Test
    void resumeAfterADriverLossEndsWithTheUninterruptedParameters() throws Exception {
        preparedTrainingCorpus();
        TrainLm.Summary uninterrupted = TrainLm.run(spark, trainingConfig("phrase-prepared", "phrase-full"), false,
                false, List.of());
        LmTaskConfig cfg = trainingConfig("phrase-prepared", "phrase-resumed");
        IllegalStateException died = assertThrows(IllegalStateException.class,
                () -> TrainLm.run(spark, cfg, false, false, List.of(new DieInEpoch(2))));
        assertEquals("simulated driver loss in epoch 2", died.getMessage());
        assertFalse(Files.exists(work.resolve("phrase-resumed")));
        assertTrue(Files.exists(work.resolve("phrase-resumed-checkpoints")));

        TrainLm.Summary resumed = TrainLm.run(spark, cfg, false, true, List.of());
        String resumedFrom = resumed.training().resumedFrom();
        assertTrue(resumedFrom.startsWith("checkpoint-e00001-r"), resumedFrom);
        assertArrayEquals(savedParams(work.resolve("phrase-full")), savedParams(work.resolve("phrase-resumed")), 0f,
                "bit-identical to the uninterrupted run");
        assertEquals(uninterrupted.bestValidationCrossEntropy(), resumed.bestValidationCrossEntropy(), 0.0);
        assertTrue(resumed.lines().contains("  resumed from checkpoint " + resumedFrom), resumed.lines().toString());
    }

    /**
     * The test stream in chunks of 40 targets read in segments of 7 steps with the state carried: one plain pass on
     * the driver over the saved network, chunk by chunk and segment by segment with rnnTimeStep.
     */
    static double driverNats(ComputationGraph network, int[] stream, int chunkLength, int segmentLength) {
        double nats = 0;
        for (int chunkStart = 0; chunkStart < stream.length - 1; chunkStart += chunkLength) {
            int last = Math.min(chunkStart + chunkLength, stream.length - 1);
            network.rnnClearPreviousState();
            for (int from = chunkStart; from < last; from += segmentLength) {
                int to = Math.min(from + segmentLength, last);
                float[][][] inputs = new float[1][1][to - from];
                for (int t = from; t < to; t++) {
                    inputs[0][0][t - from] = stream[t];
                }
                INDArray probabilities = network.rnnTimeStep(Nd4j.createFromArray(inputs))[0];
                for (int t = from; t < to; t++) {
                    nats -= Math.log(probabilities.getDouble(0, stream[t + 1], t - from));
                }
            }
        }
        return nats;
    }

    static LmTaskConfig evaluateConfig(String name, String... extra) {
        List<String> settings = new ArrayList<>(List.of("paths.metrics=" + work.resolve(name),
                "paths.metricsHistory=" + work.resolve(name + "-history"), "evaluate.chunkLength=40",
                "evaluate.segmentLength=7"));
        settings.addAll(List.of(extra));
        return trainingConfig("phrase-prepared", "phrase-model", settings.toArray(String[]::new));
    }

    @Test
    void evaluateWithOneOrThreePartitionsEqualsTheDriverPassWithTheStateCarriedAndBeatsTheUnigram() throws Exception {
        Path prepared = preparedTrainingCorpus();
        trainedPhraseModel();
        EvaluateLm.Report one = EvaluateLm.run(spark, evaluateConfig("phrase-metrics-1"), false, 1);
        EvaluateLm.Report three = EvaluateLm.run(spark, evaluateConfig("phrase-metrics-3"), false, 3);

        int[] test = stream(prepared, LmSplit.TEST);
        assertEquals(126, test.length, "the last 10 % of the 1260 units");
        ComputationGraph network = ModelBytes.restore(Files.readAllBytes(work.resolve("phrase-model")
                .resolve("model.zip")));
        double expected = driverNats(network, test, 40, 7) / (test.length - 1);
        for (EvaluateLm.Report r : List.of(one, three)) {
            assertEquals("test", r.split(), "auto: prepare wrote a test stream");
            assertEquals(test.length - 1, r.network().tokens());
            assertEquals(4, r.chunks(), "125 targets in chunks of 40");
            assertEquals(expected, r.network().natsPerToken(), 1e-9 * expected, "distributed = driver pass");
        }
        double resetEverySegment = driverNats(network, test, 7, 7) / (test.length - 1);
        assertTrue(Math.abs(resetEverySegment - expected) > 1e-4, "the state is carried across segments: "
                + expected + " vs " + resetEverySegment + " with a zero state per segment");

        // the baselines from the training split's units, on the same targets
        LmVocabulary vocabulary = LmVocabulary.fromLines(Files.readAllLines(prepared.resolve("vocabulary.txt")));
        int[] ids = vocabulary.encode(evaluateConfig("unused").data().unitTokenizer()
                .stream(List.of(PHRASE.repeat(30))));
        int[] train = Arrays.copyOfRange(ids, 0, 1008);
        NgramCounts counts = new NgramCounts(vocabulary.size()).observe(train);
        assertEquals(counts, EvaluateLm.trainCounts(spark, prepared.resolve(LmSplit.TRAIN).toString(),
                vocabulary.size()), "the counts of the train sequences are the train stream's");
        int[] targets = Arrays.copyOfRange(test, 1, test.length);
        double unigram = new AddOneUnigramModel(counts).crossEntropy(targets, test[0]).natsPerToken();
        double kneserNey = new KneserNeyBigramModel(counts).crossEntropy(targets, test[0]).natsPerToken();
        assertEquals(unigram, one.baselines().get(NgramBaseline.UNIGRAM_ADD_ONE).natsPerToken(), 1e-9 * unigram);
        assertEquals(kneserNey, three.baselines().get(NgramBaseline.BIGRAM_KNESER_NEY).natsPerToken(),
                1e-9 * kneserNey);
        assertTrue(one.beats(NgramBaseline.UNIGRAM_ADD_ONE), "LSTM " + expected + ", unigram " + unigram);
        assertTrue(expected < unigram - 0.3, "LSTM " + expected + ", unigram " + unigram);

        JsonNode json = new ObjectMapper().readTree(work.resolve("phrase-metrics-3").resolve("metrics.json").toFile());
        JsonNode metrics = json.get("metrics");
        assertEquals("lm", json.get("task").asText());
        assertEquals(three.network().natsPerToken(), metrics.get("crossEntropy").asDouble(), 0.0);
        assertEquals(Math.exp(expected), metrics.get("perplexity").asDouble(), 1e-9 * Math.exp(expected));
        assertEquals(expected / Math.log(2), metrics.get("bitsPerCharacter").asDouble(), 1e-9 * expected);
        assertEquals(unigram, metrics.get("baseline.unigram-add1.crossEntropy").asDouble(), 1e-9 * unigram);
        assertEquals(kneserNey, json.get("baselines").get("bigram-kn").get("crossEntropy").asDouble(),
                1e-9 * kneserNey);
        assertTrue(json.get("beats").get("unigram-add1").asBoolean(), json.toString());
        assertEquals(three.beats(NgramBaseline.BIGRAM_ADD_ONE), json.get("beats").get("bigram-add1").asBoolean());
        JsonNode evaluation = json.get("evaluation");
        assertEquals("test", evaluation.get("split").asText());
        assertEquals(125, evaluation.get("targets").asLong());
        assertEquals(40, evaluation.get("chunkLength").asInt());
        assertEquals(7, evaluation.get("segmentLength").asInt());
        assertTrue(Files.exists(work.resolve("phrase-metrics-3").resolve("_SUCCESS")));
        assertTrue(three.lines().get(2).contains("bits/char"), three.lines().toString());

        EvaluateLm.Report validation = EvaluateLm.run(spark, evaluateConfig("phrase-metrics-v",
                "evaluate.split=validation"), false, 2);
        assertEquals("validation", validation.split());
        assertEquals(stream(prepared, LmSplit.VALIDATION).length - 1, validation.network().tokens());

        // prepared data of another vocabulary, or without the stream asked for, is refused before any Spark work
        Path other = Files.createDirectories(work.resolve("other-prepared"));
        Files.write(other.resolve("vocabulary.txt"), List.of("<pad>", "<unk>", "<doc>", "x"));
        SeqPipeException differs = assertThrows(SeqPipeException.class, () -> EvaluateLm.run(spark,
                evaluateConfig("phrase-metrics-x", "paths.prepared=" + other), false, 1));
        assertEquals("paths.prepared " + other + " was prepared with another vocabulary than the model at file:"
                + work.resolve("phrase-model") + " (their vocabulary.txt differ)", differs.getMessage());
        Files.copy(prepared.resolve("vocabulary.txt"), other.resolve("vocabulary.txt"),
                StandardCopyOption.REPLACE_EXISTING);
        SeqPipeException noStream = assertThrows(SeqPipeException.class, () -> EvaluateLm.run(spark,
                evaluateConfig("phrase-metrics-x", "paths.prepared=" + other, "evaluate.split=test"), false, 1));
        assertTrue(noStream.getMessage().endsWith(" has no test-stream/ for evaluate.split = test (run prepare"
                + " first)"), noStream.getMessage());
        assertFalse(Files.exists(work.resolve("phrase-metrics-x").resolve("_SUCCESS")));
    }

    /** The prompts score continues: line 2 is blank, line 4 has units the vocabulary lacks. */
    static final List<String> PROMPTS = List.of("to be or", "   ", "that is", "Z@ be", "t");

    static LmTaskConfig scoreConfig(String name, String... extra) throws Exception {
        Path prompts = work.resolve("prompts.txt");
        Files.write(prompts, PROMPTS);
        List<String> settings = new ArrayList<>(List.of("paths.score=" + prompts,
                "paths.predictions=" + work.resolve(name), "generate.maxTokens=30"));
        settings.addAll(List.of(extra));
        return trainingConfig("phrase-prepared", "phrase-model", settings.toArray(String[]::new));
    }

    /** The predictions of a score run, by line: its sample {@code sample}. */
    static Map<Long, Row> generations(String name, int sample) {
        Map<Long, Row> out = new TreeMap<>();
        for (Row r : spark.read().parquet(work.resolve(name).resolve("predictions").toString()).collectAsList()) {
            if (r.getInt(r.fieldIndex("sample")) == sample) {
                out.put(r.getLong(r.fieldIndex("line")), r);
            }
        }
        return out;
    }

    static Map<Long, Row> generations(String name) {
        return generations(name, 0);
    }

    static List<String> tokens(Row r) {
        return r.getList(r.fieldIndex("tokens"));
    }

    /**
     * The network's softmax before each generated unit, on the driver: the prompt read with rnnTimeStep, then each
     * generated unit fed back one step at a time.
     */
    static List<double[]> driverDistributions(ComputationGraph network, int[] prompt, int[] generated) {
        network.rnnClearPreviousState();
        List<double[]> out = new ArrayList<>();
        float[][][] inputs = new float[1][1][prompt.length];
        for (int t = 0; t < prompt.length; t++) {
            inputs[0][0][t] = prompt[t];
        }
        INDArray probabilities = network.rnnTimeStep(Nd4j.createFromArray(inputs))[0];
        int last = prompt.length - 1;
        for (int i = 0; i < generated.length; i++) {
            double[] p = new double[(int) probabilities.size(1)];
            for (int v = 0; v < p.length; v++) {
                p[v] = probabilities.rank() == 2 ? probabilities.getDouble(0, v) : probabilities.getDouble(0, v, last);
            }
            out.add(p);
            probabilities = network.rnnTimeStep(Nd4j.createFromArray(new float[][][]{{{generated[i]}}}))[0];
            last = 0;
        }
        network.rnnClearPreviousState();
        return out;
    }

    @Test
    void scoreGeneratesTheSameTextForASeedWithOneOrThreePartitionsAndGreedyIsTheDriverArgmax() throws Exception {
        trainedPhraseModel();
        ScoreLm.Summary one = ScoreLm.generate(spark, scoreConfig("phrase-score-1", "generate.seed=5"), false, 1);
        ScoreLm.generate(spark, scoreConfig("phrase-score-3", "generate.seed=5", "generate.samplesPerPrompt=2"), false,
                3);
        ScoreLm.generate(spark, scoreConfig("phrase-score-6", "generate.seed=6"), false, 2);
        ScoreLm.generate(spark, scoreConfig("phrase-score-greedy", "generate.temperature=0"), false, 3);
        Map<Long, Row> first = generations("phrase-score-1");
        Map<Long, Row> third = generations("phrase-score-3");
        Map<Long, Row> otherSeed = generations("phrase-score-6");
        Map<Long, Row> greedy = generations("phrase-score-greedy");
        assertEquals(List.of(1L, 3L, 4L, 5L), new ArrayList<>(first.keySet()), "line 2 is blank");
        boolean seedChangesSome = false;
        for (long line : first.keySet()) {
            Row a = first.get(line);
            Row b = third.get(line);
            assertEquals(tokens(a), tokens(b), "line " + line + ": the same seed, 1 or 3 partitions");
            assertEquals(a.getString(a.fieldIndex("generated")), b.getString(b.fieldIndex("generated")));
            assertEquals(a.getList(a.fieldIndex("log_probs")), b.getList(b.fieldIndex("log_probs")));
            seedChangesSome |= !tokens(a).equals(tokens(otherSeed.get(line)));
        }
        assertTrue(seedChangesSome, "another seed changes at least one generation");
        Map<Long, Row> secondSample = generations("phrase-score-3", 1);
        assertEquals(first.keySet(), secondSample.keySet(), "two samples per prompt");
        assertTrue(first.keySet().stream().anyMatch(line -> !tokens(first.get(line))
                .equals(tokens(secondSample.get(line)))), "the second sample continues the prompt's stream");

        ComputationGraph network = ModelBytes.restore(Files.readAllBytes(work.resolve("phrase-model")
                .resolve("model.zip")));
        LmVocabulary vocabulary = LmVocabulary.fromLines(Files.readAllLines(work.resolve("phrase-model")
                .resolve("vocabulary.txt")));
        LmTaskConfig cfg = scoreConfig("unused");
        for (Map<Long, Row> run : List.of(first, secondSample, greedy)) {
            for (Row r : run.values()) {
                String prompt = r.getString(r.fieldIndex("prompt"));
                assertEquals(PROMPTS.get((int) r.getLong(r.fieldIndex("line")) - 1), prompt);
                int[] ids = vocabulary.encode(cfg.data().unitTokenizer().units(prompt));
                int[] generated = vocabulary.encode(tokens(r));
                List<Double> logProbs = r.getList(r.fieldIndex("log_probs"));
                List<double[]> steps = driverDistributions(network, ids, generated);
                assertEquals(generated.length, logProbs.size());
                for (int i = 0; i < generated.length; i++) {
                    assertEquals(Math.log(steps.get(i)[generated[i]]), logProbs.get(i), 1e-6,
                            "the network's log-probability of unit " + i + " of line " + r.getLong(0));
                    if (run == greedy) {
                        double[] p = steps.get(i);
                        int argmax = 0;
                        for (int v = 1; v < p.length; v++) {
                            argmax = p[v] > p[argmax] ? v : argmax;
                        }
                        assertEquals(argmax, generated[i], "temperature 0 takes the argmax at step " + i);
                    }
                }
                boolean boundary = generated[generated.length - 1] == LmVocabulary.BOUNDARY_ID;
                assertEquals(boundary, r.getBoolean(r.fieldIndex("finished")));
                assertEquals(boundary ? generated.length <= 30 : generated.length == 30, true);
                assertEquals(String.join("", boundary ? tokens(r).subList(0, generated.length - 1) : tokens(r)),
                        r.getString(r.fieldIndex("generated")));
            }
        }
        assertEquals(1, vocabulary.encode(List.of("Z"))[0], "Z is <unk>, and the prompt still generates");
        assertTrue(tokens(greedy.get(1L)).size() == 30 && String.join("", tokens(greedy.get(1L)))
                .startsWith(" not to be"), "the phrase learnt: " + tokens(greedy.get(1L)));

        List<Row> rejects = spark.read().json(work.resolve("phrase-score-1").resolve("rejects").toString())
                .collectAsList();
        assertEquals(1, rejects.size());
        assertEquals(2L, rejects.get(0).<Long>getAs("offset"), "the blank line's number");
        assertEquals("empty_text", rejects.get(0).getAs("reason"));
        assertEquals("score", rejects.get(0).getAs("split"));
        assertTrue(Files.exists(work.resolve("phrase-score-1").resolve("summary.json")));
        assertTrue(Files.exists(work.resolve("phrase-score-1").resolve("_SUCCESS")));
        assertTrue(one.lines().get(0).endsWith("phrase-score-1/predictions"), one.lines().toString());

        // a stop symbol ends the generation and is left out of the text
        ScoreLm.generate(spark, scoreConfig("phrase-score-stop", "generate.temperature=0", "generate.stopSymbol=\",\""),
                false, 1);
        Row stopped = generations("phrase-score-stop").get(1L);
        List<String> greedyTokens = tokens(greedy.get(1L));
        int comma = greedyTokens.indexOf(",");
        assertTrue(comma >= 0, "the greedy continuation of line 1 has a comma: " + greedyTokens);
        assertEquals(greedyTokens.subList(0, comma + 1), tokens(stopped));
        assertEquals(String.join("", greedyTokens.subList(0, comma)),
                stopped.getString(stopped.fieldIndex("generated")));
        assertTrue(stopped.getBoolean(stopped.fieldIndex("finished")));
        SeqPipeException unknownStop = assertThrows(SeqPipeException.class, () -> ScoreLm.generate(spark,
                scoreConfig("phrase-score-x", "generate.stopSymbol=Z"), false, 1));
        assertEquals("generate.stopSymbol must be a unit of the model's vocabulary, got 'Z'",
                unknownStop.getMessage());
    }

    @Test
    void likelihoodScoresEachDocumentAfterTheBoundaryAsOneDriverPassDoesWithOneOrThreePartitions() throws Exception {
        trainedPhraseModel();
        Path documents = work.resolve("documents.txt");
        Files.write(documents, List.of("to be or not to be", "  ", "that is the question", "Z@ be"));
        ScoreLmLikelihood.Summary one = ScoreLmLikelihood.run(spark, trainingConfig("phrase-prepared", "phrase-model",
                "paths.score=" + documents, "paths.predictions=" + work.resolve("likelihood-1"),
                "score.mode=likelihood", "input.documents=line", "evaluate.segmentLength=5"), false, 1);
        JobReport three = ScoreLm.run(spark, trainingConfig("phrase-prepared", "phrase-model",
                "paths.score=" + documents, "paths.predictions=" + work.resolve("likelihood-3"),
                "score.mode=likelihood", "input.documents=line", "evaluate.segmentLength=64"), false);
        assertTrue(three instanceof ScoreLmLikelihood.Summary, "score.mode = likelihood dispatches: " + three);

        ComputationGraph network = ModelBytes.restore(Files.readAllBytes(work.resolve("phrase-model")
                .resolve("model.zip")));
        LmVocabulary vocabulary = LmVocabulary.fromLines(Files.readAllLines(work.resolve("phrase-model")
                .resolve("vocabulary.txt")));
        LmTaskConfig cfg = trainingConfig("phrase-prepared", "unused");
        Map<Long, Row> byLine = new TreeMap<>();
        for (Row r : spark.read().parquet(work.resolve("likelihood-1").resolve("predictions").toString())
                .collectAsList()) {
            byLine.put(r.getLong(r.fieldIndex("line")), r);
        }
        Map<Long, Row> byLineThree = new TreeMap<>();
        for (Row r : spark.read().parquet(work.resolve("likelihood-3").resolve("predictions").toString())
                .collectAsList()) {
            byLineThree.put(r.getLong(r.fieldIndex("line")), r);
        }
        assertEquals(List.of(1L, 3L, 4L), new ArrayList<>(byLine.keySet()), "line 2 is blank");
        assertEquals(byLine.keySet(), byLineThree.keySet());
        double totalLogLikelihood = 0;
        long totalUnits = 0;
        for (Row r : byLine.values()) {
            String text = r.getString(r.fieldIndex("text"));
            int[] ids = vocabulary.encode(cfg.data().unitTokenizer().units(text));
            // one forward pass over the boundary and the whole document, no carried state, no segments
            float[][][] input = new float[1][1][ids.length];
            input[0][0][0] = LmVocabulary.BOUNDARY_ID;
            for (int t = 1; t < ids.length; t++) {
                input[0][0][t] = ids[t - 1];
            }
            network.rnnClearPreviousState();
            INDArray p = network.output(Nd4j.createFromArray(input))[0];
            List<Double> logProbs = r.getList(r.fieldIndex("log_probs"));
            List<Double> logProbsThree = byLineThree.get(r.getLong(r.fieldIndex("line")))
                    .getList(r.fieldIndex("log_probs"));
            assertEquals(ids.length, logProbs.size(), text);
            assertEquals(ids.length, r.getInt(r.fieldIndex("units")), text);
            double expected = 0;
            for (int t = 0; t < ids.length; t++) {
                double lp = Math.log(p.getDouble(0, ids[t], t));
                expected += lp;
                assertEquals(lp, logProbs.get(t), 1e-5, text + ": unit " + t);
                assertEquals(logProbs.get(t), logProbsThree.get(t), 1e-5, text + ": unit " + t + ", 3 partitions");
            }
            double logLikelihood = r.getDouble(r.fieldIndex("log_likelihood"));
            assertEquals(expected, logLikelihood, 1e-4, text);
            assertEquals(-logLikelihood / ids.length, r.getDouble(r.fieldIndex("cross_entropy")), 1e-12, text);
            assertEquals(Math.exp(-logLikelihood / ids.length), r.getDouble(r.fieldIndex("perplexity")), 1e-9, text);
            totalLogLikelihood += logLikelihood;
            totalUnits += ids.length;
        }
        assertEquals(18, byLine.get(1L).getInt(byLine.get(1L).fieldIndex("units")), "characters of line 1");
        assertEquals(0, byLine.get(1L).getInt(byLine.get(1L).fieldIndex("unknown_units")));
        assertEquals(2, byLine.get(4L).getInt(byLine.get(4L).fieldIndex("unknown_units")), "Z and @");
        assertTrue(byLine.get(1L).getDouble(byLine.get(1L).fieldIndex("cross_entropy"))
                < byLine.get(4L).getDouble(byLine.get(4L).fieldIndex("cross_entropy")),
                "the phrase the model learnt is likelier than unknown characters");
        assertEquals(totalUnits, one.units());
        assertEquals(-totalLogLikelihood / totalUnits, one.crossEntropy(), 1e-9);
        assertTrue(one.lines().get(2).startsWith("  " + totalUnits + " units scored: cross-entropy "),
                one.lines().toString());

        List<Row> rejects = spark.read().json(work.resolve("likelihood-1").resolve("rejects").toString())
                .collectAsList();
        assertEquals(1, rejects.size());
        assertEquals(2L, rejects.get(0).<Long>getAs("offset"), "the blank line's number");
        assertEquals("empty_text", rejects.get(0).getAs("reason"));
        assertTrue(Files.exists(work.resolve("likelihood-1").resolve("summary.json")));
        assertTrue(Files.exists(work.resolve("likelihood-1").resolve("_SUCCESS")));
    }
}
