package io.seqpipe.jobs;

import io.seqpipe.io.Json;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.MiniHdfs;
import org.apache.hadoop.fs.FileStatus;
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
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real CLI, prepare → train → evaluate → score, with every input and output on a real HDFS (MiniDFSCluster) and
 * real Spark (local) and DL4J; plus the error paths a user meets first.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliEndToEndHdfsTest {
    static MiniHdfs hdfs;
    static String train;
    static String dev;
    static String corpus;

    @BeforeAll
    static void startHdfs() {
        System.setProperty("spark.ui.enabled", "false");
        hdfs = MiniHdfs.start("cli");
        train = hdfs.upload(Fixtures.fixture("sentiment/train.tsv"), "/data/sentiment/train.tsv");
        dev = hdfs.upload(Fixtures.fixture("sentiment/dev.tsv"), "/data/sentiment/dev.tsv");
        corpus = hdfs.upload(Fixtures.fixture("sentiment/unlabelled.tsv"), "/data/corpus/part-0.tsv");
    }

    @AfterAll
    static void stopHdfs() {
        hdfs.close();
    }

    static CliRun cli(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--conf", "../conf/sentiment.conf",
                "--set", "paths.train=" + train, "--set", "paths.validation=" + dev, "--set", "paths.test=" + dev,
                "--set", "paths.score=" + hdfs.uri("/data/corpus"), "--set", "paths.work=" + hdfs.uri("/runs/r1"),
                "--set", "train.epochs=8", "--set", "model.hidden=16", "--set", "model.embedding=16",
                // all 8 epochs run (the best is kept): the summary below does not depend on when training plateaus
                "--set", "train.earlyStopping.patience=0"));
        args.addAll(Arrays.asList(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void prepareOnHdfsCountsRejectsAndWritesTheSequenceFrame() {
        CliRun r = cli("prepare");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  train: read 246, written 241, rejected 5 (empty_label 1, empty_text 1, "
                + "undecodable_bytes 1, unknown_label 1, wrong_column_count 1)\n"), r.out());
        assertTrue(r.out().contains("  validation: read 60, written 60, rejected 0\n"), r.out());
        assertTrue(hdfs.exists("/runs/r1/prepared/_SUCCESS"));
        Map<String, Object> summary = Json.readMap(hdfs.read("/runs/r1/prepared/summary.json"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> splits = (Map<String, Map<String, Object>>) summary.get("splits");
        assertEquals(5, ((Number) splits.get("train").get("rejected")).intValue());
        assertEquals(train, splits.get("train").get("path"));
        assertEquals("<pad>\n<unk>\n", hdfs.read("/runs/r1/prepared/vocabulary.txt").substring(0, 12));
        assertEquals("0\n1\n", hdfs.read("/runs/r1/prepared/labels.txt"));
    }

    @Test
    @Order(2)
    void trainOnHdfsWritesTheModelDirectory() throws Exception {
        CliRun r = cli("train");
        assertEquals(0, r.exitCode(), r.err());
        // a short run summary first (the whole config is in the output and at debug level in the log), then the result
        assertTrue(r.out().startsWith("seqpipe train: task sentiment, master local["), r.out());
        assertTrue(r.out().contains("\n  reads  paths.prepared  " + hdfs.uri("/runs/r1/prepared") + "\n"
                + "  writes paths.model     " + hdfs.uri("/runs/r1/model") + "\n"
                + "  config: the output holds config.resolved.conf; --print-config prints every value\n"
                + "train: wrote " + hdfs.uri("/runs/r1/model") + "\n"), r.out());
        assertTrue(r.out().lines().count() < 10, r.out());
        assertTrue(r.out().contains("  241 train / 60 validation examples, 8 epochs"), r.out());
        List<String> files = new ArrayList<>();
        for (FileStatus s : hdfs.fs().listStatus(new Path("/runs/r1/model"))) {
            files.add(s.getPath().getName());
        }
        files.sort(null);
        assertEquals(List.of("_SUCCESS", "checksums.json", "config.json", "config.resolved.conf", "labels.txt",
                "model.zip",
                "provenance.json", "vocabulary.txt"), files);
        String resolved = hdfs.read("/runs/r1/model/config.resolved.conf");
        assertTrue(resolved.contains("\ntrain.epochs = \"8\"\n"), "a --set value, as --set gives it: " + resolved);
        assertTrue(resolved.contains("\npaths.train = \"" + train + "\"\n"), resolved);
        Map<String, Object> provenance = Json.readMap(hdfs.read("/runs/r1/model/provenance.json"));
        assertEquals("sentiment", provenance.get("task"));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) provenance.get("config");
        @SuppressWarnings("unchecked")
        Map<String, Object> paths = (Map<String, Object>) config.get("paths");
        assertEquals(train, paths.get("train"));
        // nothing but the committed outputs under the run directory: no temporary directories left
        List<String> top = new ArrayList<>();
        for (FileStatus s : hdfs.fs().listStatus(new Path("/runs/r1"))) {
            top.add(s.getPath().getName());
        }
        top.sort(null);
        assertEquals(List.of("model", "prepared"), top);
    }

    @Test
    @Order(3)
    void trainRefusesToReplaceAModelWithoutOverwrite() {
        CliRun r = cli("train");
        assertEquals(SeqPipeCli.FAILED, r.exitCode());
        assertEquals("seqpipe: error: output " + hdfs.uri("/runs/r1/model") + " already exists; remove it or pass "
                + "--overwrite to replace it", r.reason());
    }

    @Test
    @Order(4)
    void evaluateOnHdfsWritesMetricsAndHistory(@TempDir java.nio.file.Path tmp) throws Exception {
        CliRun r = cli("evaluate");
        assertEquals(0, r.exitCode(), r.err());
        // report.html beside metrics.json: the learning curves, the confusion matrix, P/R/F1 per class and the ROC
        // curve, rendered by a real browser
        String report = hdfs.read("/runs/r1/metrics/report.html");
        ReportInBrowser.assertCharts(report, List.of("learning-curves", "confusion-matrix", "per-class", "roc"));
        assertTrue(report.contains("<table id=\"per-class-table\">"), report);
        assertTrue(report.contains("<td>loss</td>"), "the metrics table");
        ReportInBrowser.render(report, tmp, 1100, 3000);
        Map<String, Object> json = Json.readMap(hdfs.read("/runs/r1/metrics/metrics.json"));
        @SuppressWarnings("unchecked")
        Map<String, Number> metrics = (Map<String, Number>) json.get("metrics");
        double accuracy = metrics.get("accuracy").doubleValue();
        assertTrue(accuracy >= 0.8, "accuracy " + accuracy);
        @SuppressWarnings("unchecked")
        Map<String, Object> confusion = (Map<String, Object>) json.get("confusionMatrix");
        @SuppressWarnings("unchecked")
        List<List<Number>> counts = (List<List<Number>>) confusion.get("counts");
        long total = 0;
        long trace = 0;
        for (int i = 0; i < counts.size(); i++) {
            for (int j = 0; j < counts.size(); j++) {
                total += counts.get(i).get(j).longValue();
            }
            trace += counts.get(i).get(i).longValue();
        }
        assertEquals(60, total);
        assertEquals((double) trace / total, accuracy, 1e-12);
        assertTrue(r.out().contains(String.format("  accuracy %.4f |", accuracy)), r.out());
        assertTrue(metrics.get("auc").doubleValue() > 0.8);

        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            Dataset<Row> history = spark.read().parquet(hdfs.uri("/runs/r1/metrics-history"));
            assertEquals(accuracy, history.filter("metric = 'accuracy'").first().<Double>getAs("value"), 1e-12);
            assertEquals(dev, history.first().getAs("dataset"));
        } finally {
            spark.stop();
        }
        CliRun again = cli("evaluate", "--overwrite", "--set", "evaluate.report=false");
        assertEquals(0, again.exitCode(), again.err());
        assertFalse(hdfs.exists("/runs/r1/metrics/report.html"), "evaluate.report = false writes no report");
        assertTrue(hdfs.exists("/runs/r1/metrics/metrics.json"));
        spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            assertEquals(2, spark.read().parquet(hdfs.uri("/runs/r1/metrics-history"))
                    .filter("metric = 'accuracy'").count(), "history is appended, not replaced");
        } finally {
            spark.stop();
        }
    }

    @Test
    @Order(5)
    void scoreOnHdfsWritesPredictionsForTheCorpusDirectory() {
        CliRun r = cli("score", "--set", "score.outputFormats=csv");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  score: read 41, written 40, rejected 1 (empty_text 1)\n"), r.out());
        assertTrue(r.out().contains("\n  writes paths.predictions  " + hdfs.uri("/runs/r1/predictions")
                + "  (+ predictions.csv)\n"), r.out());
        assertTrue(r.out().contains("\n  also as predictions.csv\n"), r.out());
        String csv = hdfs.read("/runs/r1/predictions/predictions.csv");
        assertTrue(csv.startsWith("id,text,predicted_label,probability,probability_0,probability_1\n0,"), csv);
        assertEquals(41, csv.lines().count(), "a header and the 40 predictions, merged into one file on HDFS");
        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            Dataset<Row> p = spark.read().parquet(hdfs.uri("/runs/r1/predictions/predictions"));
            assertEquals(40, p.count());
            assertEquals(40, p.select("id").distinct().count());
            Row first = p.filter("id = '0'").first();
            Map<String, Double> probs = first.getJavaMap(first.fieldIndex("probabilities"));
            assertEquals(1.0, probs.get("0") + probs.get("1"), 1e-5);
        } finally {
            spark.stop();
        }
        assertTrue(hdfs.read("/runs/r1/predictions/summary.json").contains("\"empty_text\" : 1"));
    }

    @Test
    @Order(6)
    void missingInputFailsWithOneLineAndLeavesNoOutput() {
        CliRun r = cli("prepare", "--set", "paths.train=" + hdfs.uri("/data/missing.tsv"),
                "--set", "paths.work=" + hdfs.uri("/runs/r2"));
        assertEquals(SeqPipeCli.FAILED, r.exitCode());
        assertEquals("seqpipe: error: paths.train " + hdfs.uri("/data/missing.tsv") + " does not exist or has no files"
                + " (resolved against " + hdfs.uri("") + ")", r.reason());
        assertFalse(hdfs.exists("/runs/r2/prepared"));
        try {
            FileStatus[] left = hdfs.fs().listStatus(new Path("/runs/r2"));
            assertEquals(0, left.length, "no temporary directories: " + Arrays.toString(left));
        } catch (java.io.FileNotFoundException e) {
            // nothing was created at all: fine
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(8)
    void theSentimentNotebookRunsAgainstThisRun(@TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path work = NotebookExecution.copyRun(hdfs, "/runs/r1", tmp.resolve("run"),
                "model/provenance.json", "metrics/metrics.json", "predictions/predictions.csv");
        NotebookExecution.execute("sentiment-results.ipynb", work, tmp);
    }

    @Test
    @Order(7)
    void evaluateRefusesAnIncompleteModelDirectory() throws Exception {
        hdfs.fs().mkdirs(new Path("/runs/r3/model"));
        hdfs.fs().create(new Path("/runs/r3/model/model.zip")).close();
        CliRun r = cli("evaluate", "--set", "paths.work=" + hdfs.uri("/runs/r3"));
        assertEquals(SeqPipeCli.FAILED, r.exitCode());
        assertEquals("seqpipe: error: model directory " + hdfs.uri("/runs/r3/model") + " is incomplete (no _SUCCESS "
                + "marker): the job that wrote it did not finish; run it again", r.reason());
    }
}
