package io.seqpipe.tasks.classification;

import io.seqpipe.SeqPipeException;
import io.seqpipe.data.ClassLayout;
import io.seqpipe.data.ParseOutcome;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.data.SeededSplit;
import io.seqpipe.data.TextRecord;
import io.seqpipe.tasks.CharsetHint;
import io.seqpipe.tasks.SplitCounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.eval.RocAuc;
import io.seqpipe.model.ModelBytes;
import io.seqpipe.io.Json;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.PlainCsv;
import io.seqpipe.testing.TestSpark;
import io.seqpipe.testing.WrittenMetrics;
import io.seqpipe.train.BatchAssembler;
import io.seqpipe.train.EncodedExample;
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
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four stages of the sentiment task on real local Spark (local[2]) and real DL4J, on tiny fixtures. */
@Tag("spark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassificationPipelineSparkTest {
    static SparkSession spark;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        spark = TestSpark.start("classification");
        work = Files.createTempDirectory("seqpipe-classification");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static ClassificationTaskConfig config(String... extra) {
        List<String> overrides = new ArrayList<>(List.of(
                "paths.train=" + Fixtures.fixture("sentiment/train.tsv"),
                "paths.validation=" + Fixtures.fixture("sentiment/dev.tsv"),
                "paths.test=" + Fixtures.fixture("sentiment/dev.tsv"),
                "paths.score=" + Fixtures.fixture("sentiment/unlabelled.tsv"),
                "paths.work=" + work, "labels.values=[\"0\", \"1\"]", "sequence.maxLength=24",
                "model.hidden=16", "model.embedding=16", "model.dropout=0.1", "train.epochs=6", "train.batchSize=16",
                "train.learningRate=0.02", "train.earlyStopping.patience=0", "score.input.idColumn=index"));
        overrides.addAll(List.of(extra));
        return ClassificationTaskConfig.from(ConfigLayering.resolve(
                ConfigFactory.parseResources("io/seqpipe/tasks/sentiment.defaults.conf"), null, overrides));
    }

    @Test
    @Order(1)
    void prepareWritesSequencesVocabularyLabelsAndCountsEveryReject() throws Exception {
        PrepareClassificationData.Summary s = PrepareClassificationData.run(spark, config(), false);
        SplitCounts train = s.splits().get("train");
        assertEquals(246, train.read());
        assertEquals(241, train.written());
        assertEquals(Map.of("empty_label", 1L, "empty_text", 1L, "undecodable_bytes", 1L, "unknown_label", 1L,
                "wrong_column_count", 1L), train.rejectedByReason());
        assertEquals(60, s.splits().get("validation").written());
        assertEquals(List.of("0", "1"), s.labels());

        Path prepared = work.resolve("prepared");
        assertTrue(Files.exists(prepared.resolve("_SUCCESS")));
        List<String> vocab = Files.readAllLines(prepared.resolve("vocabulary.txt"));
        assertEquals(List.of("<pad>", "<unk>"), vocab.subList(0, 2));
        assertEquals(s.vocabularySize(), vocab.size());
        assertEquals(List.of("0", "1"), Files.readAllLines(prepared.resolve("labels.txt")));

        Dataset<Row> rows = spark.read().parquet(prepared.resolve("train").toString());
        assertEquals(241, rows.count());
        assertEquals(ClassificationData.SEQUENCE_SCHEMA.fieldNames().length, rows.schema().fieldNames().length);
        assertEquals(240L, rows.agg(org.apache.spark.sql.functions.max("row")).first().getLong(0));
        Row crlf = rows.filter("text = 'the story was moving .'").first();
        assertEquals(1, crlf.<Integer>getAs("label"));
        List<Integer> ids = crlf.getList(crlf.fieldIndex("ids"));
        List<Integer> mask = crlf.getList(crlf.fieldIndex("mask"));
        assertEquals(24, ids.size());
        assertEquals(List.of(1, 1, 1, 1, 1, 0), mask.subList(0, 6));
        assertEquals(5, crlf.<Integer>getAs("length"));
        assertEquals(vocab.indexOf("story"), ids.get(1));

        List<String> rejects = new ArrayList<>();
        try (var files = Files.list(prepared.resolve("rejects"))) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                rejects.addAll(Files.readAllLines(p));
            }
        }
        assertEquals(5, rejects.size());
        Map<String, Object> unknown = rejects.stream().map(Json::readMap)
                .filter(m -> m.get("reason").equals("unknown_label")).findFirst().orElseThrow();
        assertEquals("train", unknown.get("split"));
        assertEquals("label '2' is not one of [0, 1]", unknown.get("detail"));
        assertTrue(unknown.get("source").toString().endsWith("fixtures/sentiment/train.tsv"));

        assertEquals(new CharsetHint("UTF-8", "input.charset", 1, CharsetHint.of("UTF-8", "input.charset", 1)
                .message()), s.charsetHint());
        Map<?, ?> hint = (Map<?, ?>) Json.readMap(Files.readString(prepared.resolve("summary.json"))).get("charsetHint");
        assertEquals("UTF-8", hint.get("charset"));
        assertEquals("input.charset", hint.get("charsetKey"));
        assertTrue(hint.get("message").toString().contains("--set input.charset="), hint.toString());
    }

    @Test
    @Order(2)
    void trainWritesASelfDescribingModelThatLearned() throws Exception {
        TrainClassifier.Summary s = TrainClassifier.run(spark, config(), false, List.of());
        assertEquals(241, s.training().trainExamples());
        assertEquals(60, s.training().validationExamples());
        assertEquals(6, s.training().epochsRun());
        assertTrue(s.bestValidationAccuracy() >= 0.8, "validation accuracy " + s.bestValidationAccuracy());
        Path model = work.resolve("model");
        for (String f : List.of("model.zip", "vocabulary.txt", "labels.txt", "config.json", "provenance.json",
                "_SUCCESS")) {
            assertTrue(Files.exists(model.resolve(f)), f);
        }
        Map<String, Object> provenance = Json.readMap(Files.readString(model.resolve("provenance.json")));
        assertEquals(42, ((Number) provenance.get("seed")).intValue());
        assertEquals(Files.readAllLines(model.resolve("vocabulary.txt")).size(),
                ((Number) provenance.get("vocabularySize")).intValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> build = (Map<String, Object>) provenance.get("build");
        assertEquals("1.0.0-M2.1", build.get("dl4j"));
        assertEquals("3.5.7", build.get("spark"));
        @SuppressWarnings("unchecked")
        List<Object> history = (List<Object>) provenance.get("history");
        assertEquals(6, history.size());
    }

    @Test
    @Order(3)
    void distributedEvaluationEqualsSingleMachineMetrics() throws Exception {
        EvaluateClassifier.Report r = EvaluateClassifier.run(spark, config(), false);
        assertEquals(60, r.classification().examples());
        assertTrue(r.classification().accuracy() >= 0.8, "accuracy " + r.classification().accuracy());

        // the same model on one machine: load, encode, predict, count
        ClassifierModel model = ClassifierModel.load(work.resolve("model").toString(), new org.apache.hadoop.conf
                .Configuration());
        ComputationGraph net = ModelBytes.restore(model.directory().weights());
        List<String> lines = Files.readAllLines(Fixtures.fixture("sentiment/dev.tsv"));
        List<EncodedExample> examples = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            var seq = model.encoder().encode(f[0]);
            examples.add(new EncodedExample(-1, seq.ids(), seq.mask(), Integer.parseInt(f[1])));
        }
        double[] scores = new double[examples.size()];
        boolean[] positive = new boolean[examples.size()];
        int correct = 0;
        for (int i = 0; i < examples.size(); i++) {
            INDArray[] x = BatchAssembler.features(examples.subList(i, i + 1));
            INDArray p = net.output(false, new INDArray[]{x[0]}, new INDArray[]{x[1]})[0];
            scores[i] = p.getDouble(0, 1);
            positive[i] = examples.get(i).label() == 1;
            correct += (p.getDouble(0, 1) > p.getDouble(0, 0) ? 1 : 0) == examples.get(i).label() ? 1 : 0;
        }
        assertEquals(correct / 60.0, r.classification().accuracy(), 1e-12);
        assertEquals(RocAuc.of(scores, positive), r.classification().auc(), 1e-6);

        Map<String, Object> json = Json.readMap(Files.readString(work.resolve("metrics/metrics.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) json.get("metrics");
        assertEquals(r.classification().accuracy(), ((Number) metrics.get("accuracy")).doubleValue(), 1e-12);
        assertEquals(r.classification().auc(), ((Number) metrics.get("auc")).doubleValue(), 1e-12);
        assertEquals(WrittenMetrics.of(json), r.metrics(), "the typed metrics are those metrics.json holds");
        long historyRows = spark.read().parquet(work.resolve("metrics-history").toString())
                .filter("metric = 'accuracy'").count();
        assertEquals(1, historyRows);
    }

    @Test
    @Order(4)
    void scoreWritesOnePredictionPerUsableLineAndRejectsTheRest() throws Exception {
        // the overrides are what --set gives; a secret-looking key stands for a credential in the config
        ClassificationTaskConfig withFormats = config("score.outputFormats=csv, jsonl");
        ClassificationTaskConfig cfg = ClassificationTaskConfig.from(withFormats.resolved()
                .withValue("registry.password", ConfigValueFactory.fromAnyRef("hunter2")));
        ScoreClassifier.Summary s = ScoreClassifier.run(spark, cfg, false);
        assertEquals(List.of("predictions.csv", "predictions.jsonl"), s.files());
        assertEquals(40, s.input().written());
        assertEquals(Map.of("empty_text", 1L), s.input().rejectedByReason());
        Dataset<Row> p = spark.read().parquet(work.resolve("predictions/predictions").toString());
        assertEquals(40, p.count());
        for (Row r : p.collectAsList()) {
            Map<String, Double> probs = r.getJavaMap(r.fieldIndex("probabilities"));
            assertEquals(1.0, probs.get("0") + probs.get("1"), 1e-5);
            String best = probs.get("1") > probs.get("0") ? "1" : "0";
            assertEquals(best, r.getAs("predicted_label"));
            assertEquals(probs.get(best), r.<Double>getAs("probability"), 1e-12);
        }
        String firstText = Files.readAllLines(Fixtures.fixture("sentiment/unlabelled.tsv")).get(1).split("\t")[1];
        assertEquals(firstText, p.filter("id = '0'").first().getAs("text"));
        assertEquals(40L, s.predictedLabels().values().stream().mapToLong(Long::longValue).sum());
        List<String> usableIds = Files.readAllLines(Fixtures.fixture("sentiment/unlabelled.tsv")).stream().skip(1)
                .map(l -> l.split("\t", -1)).filter(f -> !f[1].isBlank()).map(f -> f[0]).toList();
        assertSingleFilesEqualParquet(p, work.resolve("predictions"), usableIds);
        String resolved = Files.readString(work.resolve("predictions/" + ConfigLayering.RESOLVED_FILE));
        assertTrue(resolved.contains("\nscore.outputFormats = \"csv, jsonl\"\n"), resolved);
        assertTrue(resolved.contains("\nregistry.password = \"*****\"\n"), resolved);
        assertFalse(resolved.contains("hunter2"), resolved);
        assertEquals(work.toString(), ConfigFactory.parseString(resolved).getString("paths.work"), "parses as HOCON");
    }

    /** The CSV and JSON-lines files, read in plain Java, hold the Parquet predictions row for row, in input order. */
    static void assertSingleFilesEqualParquet(Dataset<Row> parquet, Path dir, List<String> idsInInputOrder)
            throws Exception {
        Map<String, Row> byId = new java.util.HashMap<>();
        parquet.collectAsList().forEach(r -> byId.put(r.getAs("id"), r));
        List<Map<String, String>> csv = PlainCsv.readWithHeader(Files.readString(dir.resolve("predictions.csv")));
        assertEquals(List.of("id", "text", "predicted_label", "probability", "probability_0", "probability_1"),
                List.copyOf(csv.get(0).keySet()));
        List<String> lines = Files.readAllLines(dir.resolve("predictions.jsonl"));
        assertEquals(byId.size(), csv.size());
        assertEquals(byId.size(), lines.size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < csv.size(); i++) {
            Map<String, String> c = csv.get(i);
            assertEquals(idsInInputOrder.get(i), c.get("id"), "input order");
            Row r = byId.get(c.get("id"));
            Map<String, Double> probs = r.getJavaMap(r.fieldIndex("probabilities"));
            assertEquals(r.<String>getAs("text"), c.get("text"));
            assertEquals(r.<String>getAs("predicted_label"), c.get("predicted_label"));
            assertEquals(r.<Double>getAs("probability"), Double.parseDouble(c.get("probability")));
            assertEquals(probs.get("0"), Double.parseDouble(c.get("probability_0")));
            assertEquals(probs.get("1"), Double.parseDouble(c.get("probability_1")));
            JsonNode j = json.readTree(lines.get(i));
            assertEquals(c.get("id"), j.get("id").asText());
            assertEquals(r.<String>getAs("text"), j.get("text").asText());
            assertEquals(r.<String>getAs("predicted_label"), j.get("predicted_label").asText());
            assertEquals(r.<Double>getAs("probability"), j.get("probability").asDouble());
            assertEquals(probs.get("0"), j.get("probabilities").get("0").asDouble());
            assertEquals(probs.get("1"), j.get("probabilities").get("1").asDouble());
        }
    }

    @Test
    @Order(5)
    void sameSeedGivesTheSameParameters() throws Exception {
        ClassificationTaskConfig cfg = config("train.epochs=2", "paths.model=" + work.resolve("model-a"));
        TrainClassifier.run(spark, cfg, false, List.of());
        TrainClassifier.run(spark, config("train.epochs=2", "paths.model=" + work.resolve("model-b")), false,
                List.of());
        INDArray a = ModelBytes.restore(Files.readAllBytes(work.resolve("model-a/model.zip"))).params();
        INDArray b = ModelBytes.restore(Files.readAllBytes(work.resolve("model-b/model.zip"))).params();
        assertArrayEquals(a.toFloatVector(), b.toFloatVector(), 0f);
        INDArray c = ModelBytes.restore(Files.readAllBytes(work.resolve("model/model.zip"))).params();
        assertTrue(a.distance2(c) > 1e-3, "a different run (6 epochs) differs");
    }


    @Test
    @Order(5)
    void anEnsembleOfTwoPredictsTheMeanProbabilitiesOfItsMembersWhoseFirstIsThePlainModel() throws Exception {
        Path plain = work.resolve("model-ensemble-plain");
        Path model = work.resolve("model-ensemble");
        TrainClassifier.run(spark, config("train.epochs=2", "paths.model=" + plain), false, List.of());
        TrainClassifier.Summary s = TrainClassifier.run(spark, config("train.epochs=2", "train.ensemble=2",
                "paths.model=" + model), false, List.of());
        ComputationGraph member0 = ModelBytes.restore(Files.readAllBytes(model.resolve("model.zip")));
        ComputationGraph member1 = ModelBytes.restore(Files.readAllBytes(model.resolve("members/model-1.zip")));
        assertArrayEquals(ModelBytes.restore(Files.readAllBytes(plain.resolve("model.zip"))).params().toFloatVector(),
                member0.params().toFloatVector(), 0f, "member 0 is the plain model");
        assertTrue(member0.params().distance2(member1.params()) > 1e-3, "member 1 has its own seed");
        assertFalse(Files.exists(plain.resolve("members")), "a single network has no members folder");

        Map<String, Object> provenance = Json.readMap(Files.readString(model.resolve("provenance.json")));
        Map<?, ?> ensemble = (Map<?, ?>) ((Map<?, ?>) provenance.get("training")).get("ensemble");
        List<Map<?, ?>> members = ((List<?>) ensemble.get("members")).stream().<Map<?, ?>>map(m -> (Map<?, ?>) m)
                .toList();
        assertEquals(List.of(42L, 43L), members.stream().map(m -> ((Number) m.get("seed")).longValue()).toList());
        double plainAccuracy = ((Number) ((Map<?, ?>) Json.readMap(Files.readString(plain.resolve("provenance.json")))
                .get("metrics")).get("validationAccuracy")).doubleValue();
        assertEquals(plainAccuracy, ((Number) members.get(0).get("validationAccuracy")).doubleValue(), 0.0);
        assertEquals(s.bestValidationAccuracy(), ((Number) ensemble.get("validationAccuracy")).doubleValue(), 0.0);
        assertEquals(s.bestValidationAccuracy(), ((Number) ((Map<?, ?>) provenance.get("metrics"))
                .get("validationAccuracy")).doubleValue(), 0.0);
        String last = s.lines().get(s.lines().size() - 1);
        assertTrue(last.startsWith("  ensemble of 2 (the lines above: member 0; validation accuracy: the mean "
                + "probabilities'): seed 42: 2 epochs (best "), last);
        assertTrue(last.contains("; seed 43: 2 epochs (best "), last);

        // the members' probabilities, computed here one example at a time, averaged
        ClassifierModel loaded = ClassifierModel.load(model.toString(), new org.apache.hadoop.conf.Configuration());
        assertEquals(2, loaded.members().size());
        List<String> dev = Files.readAllLines(Fixtures.fixture("sentiment/dev.tsv"));
        int correct = 0;
        for (String line : dev.subList(1, dev.size())) {
            String[] f = line.split("\t");
            float[] mean = meanProbabilities(loaded, f[0], member0, member1);
            correct += (mean[1] > mean[0] ? 1 : 0) == Integer.parseInt(f[1]) ? 1 : 0;
        }
        // validation and test are both dev.tsv here: train's ensemble accuracy, evaluate's and this one are one number
        assertEquals(correct / 60.0, s.bestValidationAccuracy(), 1e-12);
        EvaluateClassifier.Report r = EvaluateClassifier.run(spark, config("paths.model=" + model,
                "paths.metrics=" + work.resolve("metrics-ensemble"),
                "paths.metricsHistory=" + work.resolve("metrics-history-ensemble")), false);
        assertEquals(correct / 60.0, r.classification().accuracy(), 1e-12);

        ScoreClassifier.run(spark, config("paths.model=" + model, "paths.predictions="
                + work.resolve("predictions-ensemble")), false);
        Map<String, String> texts = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Fixtures.fixture("sentiment/unlabelled.tsv")).stream().skip(1).toList()) {
            String[] f = line.split("\t", -1);
            texts.put(f[0], f[1]);
        }
        List<Row> rows = spark.read().parquet(work.resolve("predictions-ensemble/predictions").toString())
                .collectAsList();
        assertEquals(40, rows.size());
        for (Row row : rows) {
            float[] mean = meanProbabilities(loaded, texts.get(row.<String>getAs("id")), member0, member1);
            Map<String, Double> probs = row.getJavaMap(row.fieldIndex("probabilities"));
            assertEquals(mean[0], probs.get("0"), 1e-6, row.toString());
            assertEquals(mean[1], probs.get("1"), 1e-6, row.toString());
            assertEquals(mean[1] > mean[0] ? "1" : "0", row.getAs("predicted_label"));
        }
    }

    private static float[] meanProbabilities(ClassifierModel model, String text, ComputationGraph... members) {
        var seq = model.encoder().encode(text);
        INDArray[] x = BatchAssembler.features(List.of(new EncodedExample(-1, seq.ids(), seq.mask(), 0)));
        float[] mean = new float[2];
        for (ComputationGraph member : members) {
            INDArray p = member.output(false, new INDArray[]{x[0]}, new INDArray[]{x[1]})[0];
            for (int c = 0; c < 2; c++) {
                mean[c] += p.getFloat(0, c) / members.length;
            }
        }
        return mean;
    }

    @Test
    @Order(6)
    void readsCorporaLabelledByFileOrDirectoryName() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ClassificationTaskConfig cfg = config();
        ClassLayout byExtension = new ClassLayout(ClassLayout.Kind.FILE_PER_CLASS, ClassLayout.LabelSource.EXTENSION);
        List<ParseOutcome> lines = ClassificationData.readLines(sc, Fixtures.fixture("sentiment/by-file").toString(),
                cfg.input(), byExtension, "paths.train").collect();
        assertEquals(24, lines.size(), "12 + 12 lines; the blank line is no record");
        Map<String, Long> labels = new java.util.TreeMap<>();
        lines.stream().filter(p -> !p.isRejected()).forEach(p -> labels.merge(p.record().label(), 1L, Long::sum));
        assertEquals(Map.of("neg", 11L, "pos", 12L), labels);
        Rejection undecodable = lines.stream().filter(ParseOutcome::isRejected).findFirst().orElseThrow().rejection();
        assertEquals(RejectReason.UNDECODABLE_BYTES, undecodable.reason());
        assertTrue(undecodable.source().endsWith("by-file/reviews.neg"), undecodable.source());
        assertEquals(4, undecodable.offset(), "the fourth line (byte offset 92)");

        List<ParseOutcome> docs = ClassificationData.readLines(sc, Fixtures.fixture("sentiment/by-directory")
                .toString(), cfg.input(), new ClassLayout(ClassLayout.Kind.DIRECTORY_PER_CLASS,
                ClassLayout.LabelSource.DIRECTORY), "paths.train").collect();
        assertEquals(6, docs.size());
        TextRecord twoLines = docs.stream().filter(p -> !p.isRejected() && p.record().id().equals("neg/2_1.txt"))
                .findFirst().orElseThrow().record();
        assertEquals("neg", twoLines.label());
        assertEquals("Two hours I will never get back. Avoid.", twoLines.text());
        assertEquals(List.of("neg/3_3.txt:0 empty_text"), docs.stream().filter(ParseOutcome::isRejected)
                .map(p -> SeededSplit.identity(p.rejection().source(), 0) + " " + p.rejection().reason().code())
                .toList());
    }

    @Test
    @Order(7)
    void pathLayoutsRefuseFilesOutsideAnyClassAndEmptyClasses() throws Exception {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ClassificationTaskConfig cfg = config();
        Path corpus = Files.createTempDirectory(work, "imdb");
        Files.createDirectories(corpus.resolve("pos"));
        Files.writeString(corpus.resolve("pos/1_9.txt"), "Great.");
        Files.createDirectories(corpus.resolve("neg"));
        Files.writeString(corpus.resolve("urls_pos.txt"), "http://example.org/1");
        ClassLayout byDirectory = new ClassLayout(ClassLayout.Kind.DIRECTORY_PER_CLASS,
                ClassLayout.LabelSource.DIRECTORY);
        String outside = assertThrows(SeqPipeException.class, () -> ClassificationData.readLines(sc,
                corpus.toString(), cfg.input(), byDirectory, "paths.train")).getMessage();
        assertTrue(outside.contains("urls_pos.txt is outside any class directory"), outside);
        Files.delete(corpus.resolve("urls_pos.txt"));
        String empty = assertThrows(SeqPipeException.class, () -> ClassificationData.readLines(sc, corpus.toString(),
                cfg.input(), byDirectory, "paths.train")).getMessage();
        assertTrue(empty.matches("paths.train .*: class directory .*/neg has no files"), empty);

        Path files = Files.createTempDirectory(work, "mr");
        Files.writeString(files.resolve("rt-polarity.pos"), "good .\n");
        Files.writeString(files.resolve("rt-polarity.neg"), "");
        ClassLayout byExtension = new ClassLayout(ClassLayout.Kind.FILE_PER_CLASS, ClassLayout.LabelSource.EXTENSION);
        String emptyFile = assertThrows(SeqPipeException.class, () -> ClassificationData.readLines(sc,
                files.toString(), cfg.input(), byExtension, "paths.train")).getMessage();
        assertTrue(emptyFile.contains("rt-polarity.neg (label 'neg') is empty"), emptyFile);
        Files.writeString(files.resolve("rt-polarity.neg"), "bad .\n");
        Files.writeString(files.resolve("README"), "about\n");
        String noLabel = assertThrows(SeqPipeException.class, () -> ClassificationData.readLines(sc,
                files.toString(), cfg.input(), byExtension, "paths.train")).getMessage();
        assertTrue(noLabel.contains("README is outside any class: the file extension (input.labelFrom = extension)"
                + " gives no label"), noLabel);
    }

    @Test
    @Order(8)
    void prepareCutsExactFoldsFromPathsTrainAndEvaluateReadsTheSameTestFold() throws Exception {
        String corpus = Fixtures.fixture("sentiment/by-file").toString();
        ClassificationTaskConfig cfg = config("paths.train=" + corpus, "paths.validation=null", "paths.test=null",
                "paths.prepared=" + work.resolve("prepared-folds"), "input.layout=file-per-class", "labels.values=[]",
                "split.method=folds", "split.folds=3", "split.fold=1", "split.validation=0.25", "split.seed=5");
        PrepareClassificationData.Summary s = PrepareClassificationData.run(spark, cfg, false);
        // 24 lines: fold 1 of 3 holds 8 (the test split); round(16 * 0.25) = 4 of the rest validate
        assertEquals(List.of("train", "validation", "test"), List.copyOf(s.splits().keySet()));
        assertEquals(List.of(12L, 4L, 8L), s.splits().values().stream().map(SplitCounts::read).toList());
        assertEquals(1, s.totalRejected(), "the undecodable line, counted in the split it fell in");
        assertEquals(List.of("neg", "pos"), s.labels());
        assertEquals("fold 1 of 3 held out as test (seed 5, validation 0.25 of the rest)", s.split());

        List<String> prepared = spark.read().parquet(work.resolve("prepared-folds/test").toString())
                .select("id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList().stream().sorted().toList();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<String> evaluated = ClassificationData.testLines(sc, corpus, cfg.input(), cfg.layout(), cfg.split())
                .filter(p -> !p.isRejected()).map(p -> p.record().source().substring(p.record().source()
                        .lastIndexOf('/') + 1) + ":" + p.record().offset()).collect().stream().sorted().toList();
        assertEquals(prepared, evaluated);
        assertEquals(s.splits().get("test").written(), evaluated.size());
    }

    @Test
    @Order(9)
    void evaluateWithFoldMetricsSummarizesRunsInsteadOfScoring() throws Exception {
        Map<String, Object> one = Json.readMap(Files.readString(work.resolve("metrics/metrics.json")));
        for (String fold : List.of("fold-0", "fold-1")) {
            Files.createDirectories(work.resolve("cv/" + fold + "/metrics"));
            Files.copy(work.resolve("metrics/metrics.json"), work.resolve("cv/" + fold + "/metrics/metrics.json"));
        }
        SentimentTask task = new SentimentTask(config("evaluate.foldMetrics=[\"" + work.resolve("cv")
                + "/fold-*/metrics\"]", "paths.metrics=" + work.resolve("cv/summary")).resolved());
        List<String> lines = task.evaluate(spark, false).lines();
        double accuracy = ((Number) ((Map<?, ?>) one.get("metrics")).get("accuracy")).doubleValue();
        assertTrue(lines.contains(String.format("  %-24s %.4f ± %.4f (min %.4f, max %.4f)", "accuracy", accuracy, 0.0,
                accuracy, accuracy)), String.join("\n", lines));
        Map<?, ?> means = (Map<?, ?>) Json.readMap(Files.readString(work.resolve("cv/summary/metrics.json")))
                .get("metrics");
        assertEquals(accuracy, ((Number) means.get("accuracy")).doubleValue(), 1e-12);
    }

    @Test
    @Order(10)
    void delimitedRecordsCarryTheirLineNumbersAcrossInputSplits() throws Exception {
        Path train = Fixtures.fixture("sentiment/train.tsv");
        String[] fileLines = new String(Files.readAllBytes(train), java.nio.charset.StandardCharsets.ISO_8859_1)
                .split("\n", -1);
        long nonBlank = java.util.Arrays.stream(fileLines).skip(1).filter(l -> !l.strip().isEmpty()).count();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        org.apache.hadoop.conf.Configuration hadoop = sc.hadoopConfiguration();
        hadoop.setLong("mapreduce.input.fileinputformat.split.maxsize", 300); // ~45 splits of a 14 KB file
        try {
            List<ParseOutcome> outcomes = io.seqpipe.spark.DelimitedTextSource.read(sc, train.toString(),
                    config().input(), "paths.train").lines().collect();
            assertEquals(nonBlank, outcomes.size(), "every line but the header and blank ones, once");
            assertEquals(nonBlank, outcomes.stream().map(o -> o.isRejected() ? o.rejection().offset()
                    : o.record().offset()).distinct().count());
            for (ParseOutcome o : outcomes) {
                if (!o.isRejected()) {
                    String line = fileLines[(int) o.record().offset() - 1];
                    assertEquals(line.substring(0, line.indexOf('\t')), o.record().text(), "line " + o.record().offset());
                }
            }
        } finally {
            hadoop.unset("mapreduce.input.fileinputformat.split.maxsize");
        }
    }

    /**
     * Pretrained vectors (word2vec text): prepare adds the file's words the training split lacks (union, lower-cased
     * as the tokenizer lower-cases) or keeps only the training words the file has (intersection); train starts the
     * embedding from the file's vectors and, frozen, ends with exactly them, missing words zero; the provenance
     * records the file; evaluate reads the model with its frozen embedding.
     */
    @Test
    @Order(11)
    void preparesAndTrainsFromFrozenPretrainedVectors() throws Exception {
        Path vectors = Fixtures.vectorFile(work.resolve("vectors.w2v.txt"), true, 16, "The", "plot", "Zanzibar",
                "movie", "dull");
        String[] embeddings = {"paths.work=" + work.resolve("vectors"), "model.embeddings.path=" + vectors,
            "model.embeddings.trainable=false", "model.embeddings.missing=zero", "train.epochs=1"};

        ClassificationTaskConfig intersection = config(with(embeddings, "model.embeddings.vocabulary=intersection",
                "paths.work=" + work.resolve("vectors-intersection")));
        PrepareClassificationData.run(spark, intersection, false);
        List<String> kept = Files.readAllLines(work.resolve("vectors-intersection/prepared/vocabulary.txt"));
        assertEquals(List.of("<pad>", "<unk>"), kept.subList(0, 2));
        assertEquals(java.util.Set.of("the", "plot", "movie", "dull"), java.util.Set.copyOf(kept.subList(2,
                kept.size())), "the training words the file has");

        ClassificationTaskConfig cfg = config(embeddings);
        PrepareClassificationData.Summary prepared = PrepareClassificationData.run(spark, cfg, false);
        List<String> vocabulary = Files.readAllLines(work.resolve("vectors/prepared/vocabulary.txt"));
        assertEquals("zanzibar", vocabulary.get(vocabulary.size() - 1), "the file's only new word, last, lower-cased");
        assertEquals(vocabulary.size(), prepared.vocabularySize());
        TrainClassifier.Summary t = TrainClassifier.run(spark, cfg, false, List.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> recorded = (Map<String, Object>) t.training().extras().get("embeddings");
        assertEquals("word2vec-text", recorded.get("format"));
        assertEquals(16, recorded.get("dimension"));
        assertEquals(false, recorded.get("trainable"));
        assertEquals(5, recorded.get("wordsFound"));
        assertEquals(vocabulary.size() - 2 - 5, recorded.get("wordsMissing"));
        assertTrue(((String) recorded.get("path")).endsWith("vectors.w2v.txt"), recorded.toString());
        Map<String, Object> provenance = Json.readMap(Files.readString(
                work.resolve("vectors/model/provenance.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> written = (Map<String, Object>) ((Map<String, Object>) provenance.get("training"))
                .get("embeddings");
        assertEquals(5, ((Number) written.get("wordsFound")).intValue(), "provenance.json records the vectors");

        ComputationGraph net = ModelBytes.restore(Files.readAllBytes(work.resolve("vectors/model/model.zip")));
        INDArray w = net.getLayer("embedding").getParam("W");
        float[] the = w.getRow(vocabulary.indexOf("the")).toFloatVector();
        assertEquals(0.25f, the[0], 0f, "frozen: 'the' keeps the vector of 'The' after training");
        assertEquals(0.25f + 15 * 0.01f, the[15], 0f);
        assertEquals(5 * 0.25f, w.getRow(vocabulary.indexOf("dull")).toFloatVector()[0], 0f);
        assertArrayEquals(new float[16], w.getRow(vocabulary.indexOf("soundtrack")).toFloatVector(),
                "missing = zero, frozen");
        assertEquals(60, EvaluateClassifier.run(spark, cfg, false).classification().examples());
    }

    /**
     * The character encoder: prepare counts the characters of the kept tokens as written (casing kept while the word
     * vocabulary is lower-cased; sequence.truncation = pre keeps the last tokens) and writes char_ids, one entry per
     * real token; train, evaluate and score run with the second input, and the model carries the character
     * vocabulary.
     */
    @Test
    @Order(12)
    void preparesTrainsEvaluatesAndScoresWithACharacterEncoder() throws Exception {
        Path train = work.resolve("chars-train.tsv");
        StringBuilder tsv = new StringBuilder("sentence\tlabel\n");
        for (int i = 0; i < 8; i++) {
            tsv.append("A Great movie\t1\nan AWFUL Film\t0\n");
        }
        Files.writeString(train, tsv.toString());
        String[] chars = {"paths.work=" + work.resolve("chars"), "paths.train=" + train, "paths.validation=" + train,
            "paths.test=" + train, "model.chars.encoder=cnn", "model.chars.filters=6", "model.chars.embedding=4",
            "model.chars.maxWordLength=4", "sequence.maxLength=2", "sequence.truncation=pre", "train.epochs=1"};
        ClassificationTaskConfig cfg = config(chars);
        PrepareClassificationData.run(spark, cfg, false);
        Path prepared = work.resolve("chars/prepared");
        List<String> vocabulary = Files.readAllLines(prepared.resolve("vocabulary.txt"));
        assertTrue(vocabulary.contains("great") && !vocabulary.contains("Great"), vocabulary.toString());
        List<String> characters = Files.readAllLines(prepared.resolve(io.seqpipe.tasks.CharacterIds.FILE));
        // the kept tokens: "Great movie" and "AWFUL Film" (pre-truncated), their first 4 characters
        assertEquals(java.util.Set.of("<pad>", "<unk>", "G", "r", "e", "a", "m", "o", "v", "A", "W", "F", "U", "i",
                "l"), java.util.Set.copyOf(characters));
        Row great = spark.read().parquet(prepared.resolve("train").toString()).filter("label = 1").first();
        int[][] ids = io.seqpipe.tasks.CharacterColumn.read(great, great.fieldIndex(
                io.seqpipe.tasks.CharacterColumn.COLUMN));
        assertEquals(2, ids.length, "one entry per real token");
        int[] gr = {characters.indexOf("G"), characters.indexOf("r"), characters.indexOf("e"), characters.indexOf("a")};
        assertArrayEquals(gr, ids[0], "Great, cut to maxWordLength 4");
        assertArrayEquals(new int[]{characters.indexOf("m"), characters.indexOf("o"), characters.indexOf("v"),
            characters.indexOf("i")}, ids[1]);

        TrainClassifier.Summary t = TrainClassifier.run(spark, cfg, false, List.of());
        assertEquals(16, t.training().trainExamples());
        assertEquals(characters, Files.readAllLines(work.resolve("chars/model/artifacts/"
                + io.seqpipe.tasks.CharacterIds.FILE)));
        ComputationGraph net = ModelBytes.restore(Files.readAllBytes(work.resolve("chars/model/model.zip")));
        assertEquals(List.of("tokens", "chars"), net.getConfiguration().getNetworkInputs());
        assertEquals(16, EvaluateClassifier.run(spark, cfg, false).classification().examples());
        assertEquals(40, ScoreClassifier.run(spark, cfg, false).input().written());
    }

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
