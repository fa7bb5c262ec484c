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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SeqPipe as users run it: the shaded jar submitted with spark-submit ({@code scripts/spark-submit.sh}, which runs
 * {@code org.apache.spark.deploy.SparkSubmit}) in client mode to a standalone Master with 2 Workers on this machine,
 * every input and output on HDFS (a MiniDFSCluster in this JVM, reached by the driver and both executor JVMs over
 * hdfs://127.0.0.1). Then what a cluster does to a job: a driver killed before its commit, an executor killed in the
 * middle of training, a driver killed after a checkpoint and {@code train --resume}.
 *
 * <p>Runs in {@code mvn verify} (failsafe, after the shaded jar is packaged). Logs of every submission:
 * {@code jobs/target/cluster-it/}; cluster daemons' logs and executors' work dirs: {@code jobs/target/cluster-it/cluster}.
 */
@Tag("slow")
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterEndToEndIT {
    static final java.nio.file.Path REPO = java.nio.file.Path.of(System.getProperty("seqpipe.repo", ".."))
            .toAbsolutePath().normalize();
    static final java.nio.file.Path JAR = java.nio.file.Path.of(System.getProperty("seqpipe.jar",
            "target/seqpipe.jar")).toAbsolutePath();
    static final java.nio.file.Path LOGS = java.nio.file.Path.of("target/cluster-it").toAbsolutePath();
    static final int TIMEOUT = 300;

    static MiniHdfs hdfs;
    static LocalSparkCluster cluster;
    static String train;
    static String dev;
    static double referenceAccuracy = Double.NaN;

    @BeforeAll
    static void start() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: this test runs after `package` (mvn verify)");
        System.setProperty("spark.ui.enabled", "false");
        hdfs = MiniHdfs.start("cluster-it");
        train = hdfs.upload(Fixtures.fixture("sentiment/train.tsv"), "/data/sentiment/train.tsv");
        dev = hdfs.upload(Fixtures.fixture("sentiment/dev.tsv"), "/data/sentiment/dev.tsv");
        hdfs.upload(Fixtures.fixture("sentiment/unlabelled.tsv"), "/data/corpus/part-0.tsv");
        deleteRecursively(LOGS);
        cluster = LocalSparkCluster.start(REPO, LOGS.resolve("cluster"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (hdfs != null) {
            hdfs.close();
        }
    }

    /** The seqpipe arguments of {@code command} on the sentiment fixtures, with everything on HDFS. */
    static List<String> args(String command, String work, String... extra) {
        List<String> a = new ArrayList<>(List.of(command, "--conf", REPO.resolve("conf/sentiment.conf").toString(),
                "--set", "paths.train=" + train, "--set", "paths.validation=" + dev, "--set", "paths.test=" + dev,
                "--set", "paths.score=" + hdfs.uri("/data/corpus"), "--set", "paths.work=" + hdfs.uri(work),
                "--set", "train.epochs=3", "--set", "train.learningRate=0.02", "--set", "model.hidden=16",
                "--set", "model.embedding=16",
                // 241 examples = 2 averaging rounds per epoch on 2 workers: a checkpoint after every round
                "--set", "train.checkpoint.everyRounds=1"));
        a.addAll(Arrays.asList(extra));
        return a;
    }

    static Submission submit(String name, List<String> args) {
        return Submission.start(REPO, cluster, JAR, LOGS, name, args);
    }

    static int run(String name, List<String> args, Submission[] holder) {
        holder[0] = submit(name, args);
        return holder[0].await(TIMEOUT);
    }

    @Test
    @Order(1)
    void prepareTrainEvaluateScoreOnTheClusterWithEveryPathOnHdfs() throws Exception {
        Submission[] s = new Submission[1];
        assertEquals(0, run("1-prepare", args("prepare", "/runs/r1"), s), s[0].errTail());
        assertTrue(s[0].out().contains("  train: read 246, written 241, rejected 5 (empty_label 1, empty_text 1, "
                + "undecodable_bytes 1, unknown_label 1, wrong_column_count 1)\n"), s[0].out());
        assertTrue(s[0].out().contains("  validation: read 60, written 60, rejected 0\n"), s[0].out());
        assertTrue(hdfs.exists("/runs/r1/prepared/_SUCCESS"));

        assertEquals(0, run("2-train", args("train", "/runs/r1"), s), s[0].errTail());
        assertTrue(s[0].out().startsWith("seqpipe train: task sentiment, master " + cluster.masterUrl() + "\n"),
                s[0].out());
        assertTrue(s[0].out().contains("\ntrain: wrote " + hdfs.uri("/runs/r1/model") + "\n"), s[0].out());
        assertTrue(s[0].out().contains("  241 train / 60 validation examples, "), s[0].out());
        Map<String, Object> provenance = Json.readMap(hdfs.read("/runs/r1/model/provenance.json"));
        Map<String, Object> training = map(provenance, "training");
        assertEquals(cluster.masterUrl(), training.get("master"));
        assertEquals(2, ((Number) training.get("defaultParallelism")).intValue());
        // both executors fitted minibatches: ~8 per epoch each (241 examples, batches of 16, 2 workers)
        Map<String, Object> executors = map(training, "executors");
        assertEquals(2, executors.size(), "minibatches by executor: " + executors);
        int epochs = ((Number) training.get("epochsRun")).intValue();
        long total = 0;
        for (Map.Entry<String, Object> e : executors.entrySet()) {
            assertTrue(e.getKey().matches("[0-9]+@127\\.0\\.0\\.1"), e.getKey());
            long n = ((Number) e.getValue()).longValue();
            assertTrue(n >= 5L * epochs && n <= 11L * epochs, e.getKey() + " fitted " + n + " minibatches");
            total += n;
        }
        assertTrue(total >= 16L * epochs && total <= 20L * epochs, "minibatches " + total + " in " + epochs + " epochs");
        assertEquals(2 * epochs, ((Number) training.get("checkpointsWritten")).intValue());
        assertFalse(hdfs.exists("/runs/r1/checkpoints/checkpoint-e00001-r000001"),
                "checkpoints are deleted once the model is committed");
        referenceAccuracy = ((Number) map(provenance, "metrics").get("validationAccuracy")).doubleValue();
        assertTrue(referenceAccuracy >= 0.8, "validation accuracy " + referenceAccuracy);

        assertEquals(0, run("3-evaluate", args("evaluate", "/runs/r1"), s), s[0].errTail());
        Map<String, Object> metrics = map(Json.readMap(hdfs.read("/runs/r1/metrics/metrics.json")), "metrics");
        double accuracy = ((Number) metrics.get("accuracy")).doubleValue();
        // the same dev set, the same (best-epoch) parameters: saved on HDFS and loaded again on other JVMs
        assertEquals(referenceAccuracy, accuracy, 1e-9);
        assertTrue(((Number) metrics.get("auc")).doubleValue() > 0.8, "auc " + metrics.get("auc"));
        assertTrue(s[0].out().contains(String.format("  accuracy %.4f |", accuracy)), s[0].out());

        assertEquals(0, run("4-score", args("score", "/runs/r1"), s), s[0].errTail());
        assertTrue(s[0].out().contains("  score: read 41, written 40, rejected 1 (empty_text 1)\n"), s[0].out());
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            Dataset<Row> p = spark.read().parquet(hdfs.uri("/runs/r1/predictions/predictions"));
            assertEquals(40, p.count());
            assertEquals(40, p.select("id").distinct().count());
            for (Row r : p.collectAsList()) {
                Map<String, Double> probs = r.getJavaMap(r.fieldIndex("probabilities"));
                assertEquals(1.0, probs.get("0") + probs.get("1"), 1e-5);
                assertEquals(Math.max(probs.get("0"), probs.get("1")), r.<Double>getAs("probability"), 1e-12);
            }
        } finally {
            spark.stop();
        }
        assertEquals(List.of("_SUCCESS", "config.resolved.conf", "predictions", "rejects", "summary.json"),
                names("/runs/r1/predictions"));
    }

    @Test
    @Order(2)
    void aDriverKilledBeforeItsCommitLeavesNothingALaterJobAccepts() throws Exception {
        Submission prepare = submit("5-prepare-killed", args("prepare", "/runs/partial"));
        prepare.awaitWhileRunning(() -> names("/runs/partial").stream().anyMatch(n -> n.startsWith("_tmp.prepared.")),
                TIMEOUT, "temporary output of prepare");
        assertEquals(137, prepare.killDriver(), "SIGKILL");
        assertEquals("seqpipe: error: the JVM was killed (signal SIGKILL) without writing an error log, as the"
                + " kernel's out-of-memory killer does; run it again", prepare.reason());
        List<String> listed = names("/runs/partial");
        // a killed run cannot release its output lock; the next run on this host takes it over (its process is gone)
        assertEquals(List.of("_prepared.lock"), listed.stream().filter(n -> n.endsWith(".lock")).toList());
        List<String> left = listed.stream().filter(n -> !n.endsWith(".lock")).toList();
        assertEquals(1, left.size(), listed.toString());
        assertTrue(left.get(0).startsWith("_tmp.prepared."), listed.toString());
        assertFalse(hdfs.exists("/runs/partial/prepared"));

        Submission[] s = new Submission[1];
        assertEquals(1, run("6-train-after-killed-prepare", args("train", "/runs/partial"), s), s[0].errTail());
        assertEquals("seqpipe: error: prepared data (paths.prepared) " + hdfs.uri("/runs/partial/prepared")
                + " does not exist", s[0].reason());
        // Even if the half-written directory were exposed under the output's name (a filesystem without atomic
        // rename, a hand copy), it carries no _SUCCESS marker, and readers refuse it.
        assertFalse(hdfs.exists("/runs/partial/" + left.get(0) + "/_SUCCESS"));
        assertTrue(hdfs.fs().rename(new Path("/runs/partial/" + left.get(0)), new Path("/runs/partial/prepared")));
        // (in-process: the same CLI code, without another 30 s cluster submission)
        CliRun r = CliRun.of(args("train", "/runs/partial").toArray(String[]::new));
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("seqpipe: error: prepared data (paths.prepared) " + hdfs.uri("/runs/partial/prepared")
                + " is incomplete (no _SUCCESS marker): the job that wrote it did not finish; run it again", r.reason());
    }

    @Test
    @Order(3)
    void trainingSurvivesAnExecutorKilledMidway() throws Exception {
        String checkpoints = "/runs/r1/checkpoints-executor-loss";
        Submission train = submit("7-train-executor-loss", args("train", "/runs/r1",
                "--set", "paths.model=" + hdfs.uri("/runs/r1/model-executor-loss"),
                "--set", "train.checkpoint.dir=" + hdfs.uri(checkpoints)));
        // training is under way once its first checkpoint is committed; the next round starts right after it
        train.awaitWhileRunning(() -> hasCompleteCheckpoint(checkpoints), TIMEOUT, "checkpoint");
        List<ProcessHandle> executors = cluster.executors();
        assertEquals(2, executors.size(), "executor JVMs of the running application");
        ProcessHandle victim = executors.get(0);
        String appId = LocalSparkCluster.argument(victim, "--app-id");
        String executorId = LocalSparkCluster.argument(victim, "--executor-id");
        assertTrue(victim.destroyForcibly());
        victim.onExit().get();

        assertEquals(0, train.await(TIMEOUT), train.errTail());
        assertTrue(train.err().contains("Lost executor " + executorId + " on 127.0.0.1"), "driver saw the loss");
        assertEquals(3, cluster.executorDirs(appId).size(), "the worker launched a replacement executor: "
                + cluster.executorDirs(appId));
        Map<String, Object> provenance = Json.readMap(hdfs.read("/runs/r1/model-executor-loss/provenance.json"));
        double accuracy = ((Number) map(provenance, "metrics").get("validationAccuracy")).doubleValue();
        // retried tasks recompute the same minibatches from the same broadcast parameters
        assertEquals(referenceAccuracy, accuracy, 0.05, "validation accuracy after losing an executor");
        assertTrue(map(map(provenance, "training"), "executors").size() >= 2);
    }

    @Test
    @Order(4)
    void trainResumesFromItsCheckpointAfterTheDriverIsKilled() throws Exception {
        String checkpoints = "/runs/r1/checkpoints-driver-loss";
        List<String> trainArgs = args("train", "/runs/r1",
                "--set", "paths.model=" + hdfs.uri("/runs/r1/model-driver-loss"),
                "--set", "train.checkpoint.dir=" + hdfs.uri(checkpoints));
        Submission first = submit("8-train-driver-killed", trainArgs);
        first.awaitWhileRunning(() -> completeCheckpoints(checkpoints).size() >= 2, TIMEOUT, "two checkpoints");
        assertEquals(137, first.killDriver(), "SIGKILL");
        assertTrue(first.reason().endsWith("; resume with train --resume"), first.reason());
        assertFalse(hdfs.exists("/runs/r1/model-driver-loss"));
        List<String> complete = completeCheckpoints(checkpoints);
        assertTrue(complete.size() >= 2, complete.toString());
        String newest = complete.get(complete.size() - 1);

        List<String> resumeArgs = new ArrayList<>(trainArgs);
        resumeArgs.add("--resume");
        Submission[] s = new Submission[1];
        assertEquals(0, run("9-train-resume", resumeArgs, s), s[0].errTail());
        assertTrue(s[0].out().contains("  resumed from checkpoint " + newest + "\n"), s[0].out());
        Map<String, Object> provenance = Json.readMap(hdfs.read("/runs/r1/model-driver-loss/provenance.json"));
        assertEquals(newest, map(provenance, "training").get("resumedFrom"));
        assertEquals(List.of(), map(provenance, "training").get("skippedCheckpoints"));
        double accuracy = ((Number) map(provenance, "metrics").get("validationAccuracy")).doubleValue();
        assertEquals(referenceAccuracy, accuracy, 0.005, "±0.5 points of the uninterrupted run with the same seed");
        assertEquals(List.of(), completeCheckpoints(checkpoints), "deleted once the model is committed");
    }

    static boolean hasCompleteCheckpoint(String dir) {
        return !completeCheckpoints(dir).isEmpty();
    }

    static List<String> completeCheckpoints(String dir) {
        return names(dir).stream().filter(n -> n.startsWith("checkpoint-") && hdfs.exists(dir + "/" + n + "/_SUCCESS"))
                .sorted().toList();
    }

    static List<String> names(String dir) {
        try {
            if (!hdfs.fs().exists(new Path(dir))) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (FileStatus st : hdfs.fs().listStatus(new Path(dir))) {
                out.add(st.getPath().getName());
            }
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    static void deleteRecursively(java.nio.file.Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (java.nio.file.Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
