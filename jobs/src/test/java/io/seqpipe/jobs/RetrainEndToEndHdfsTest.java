package io.seqpipe.jobs;

import io.seqpipe.io.Json;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.MiniHdfs;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nightly retraining through the real CLI on local Spark with every input, the registry and the run logs on HDFS
 * (MiniDFSCluster): night 1 promotes the first model; night 2 trains on corrupted labels and keeps the champion,
 * scoring with it; re-running night 2 adds no version; a run while the lock is held refuses with exit code 3; a run
 * that fails mid-way leaves the registry as it was and the next run of that date is clean. {@code report} compares
 * the two nights' runs. Then the registry tool and {@code evaluate} with {@code registry://}.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetrainEndToEndHdfsTest {
    static final String DAY1 = "2026-11-23";
    static final String DAY2 = "2026-11-24";
    static final String DAY3 = "2026-11-25";
    static MiniHdfs hdfs;
    static java.nio.file.Path conf;

    @BeforeAll
    static void startHdfs() throws IOException {
        System.setProperty("spark.ui.enabled", "false");
        hdfs = MiniHdfs.start("retrain");
        String dev = hdfs.upload(Fixtures.fixture("sentiment/dev.tsv"), "/data/fixed/dev.tsv");
        for (String day : List.of(DAY1, DAY3)) {
            hdfs.upload(Fixtures.fixture("sentiment/train.tsv"), "/data/" + day + "/train.tsv");
        }
        // night 2's snapshot has every label flipped: a challenger that must lose
        java.nio.file.Path flipped = Files.createTempFile("flipped", ".tsv");
        List<String> lines = Files.readAllLines(Fixtures.fixture("sentiment/train.tsv"), StandardCharsets.ISO_8859_1);
        Files.write(flipped, lines.stream().map(RetrainEndToEndHdfsTest::flip).collect(Collectors.toList()),
                StandardCharsets.ISO_8859_1);
        hdfs.upload(flipped, "/data/" + DAY2 + "/train.tsv");
        for (String day : List.of(DAY1, DAY2, DAY3)) {
            hdfs.upload(Fixtures.fixture("sentiment/unlabelled.tsv"), "/data/" + day + "/corpus.tsv");
        }
        // a nightly config: the sample's settings, inputs templated with ${retrain.date}, one fixed test set
        conf = Files.createTempFile("nightly", ".conf");
        Files.writeString(conf, Files.readString(java.nio.file.Path.of("../conf/sentiment.conf")) + "\n"
                + "paths.train = \"" + hdfs.uri("/data/") + "\"${retrain.date}\"/train.tsv\"\n"
                + "paths.score = \"" + hdfs.uri("/data/") + "\"${retrain.date}\"/corpus.tsv\"\n"
                + "paths.validation = \"" + dev + "\"\n"
                + "paths.test = \"" + dev + "\"\n"
                + "paths.work = \"" + hdfs.uri("/jobs") + "\"\n"
                + "registry.root = \"" + hdfs.uri("/registry") + "\"\n"
                + "train { epochs = 3, seed = 7 }\nmodel { hidden = 16, embedding = 16 }\n");
    }

    private static String flip(String line) {
        if (line.endsWith("\t0")) {
            return line.substring(0, line.length() - 1) + "1";
        }
        return line.endsWith("\t1") ? line.substring(0, line.length() - 1) + "0" : line;
    }

    @AfterAll
    static void stopHdfs() {
        hdfs.close();
    }

    static CliRun seqpipe(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--conf", conf.toString()));
        args.addAll(Arrays.asList(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    static List<String> versions() {
        return list("/registry/sentiment").stream().filter(n -> n.startsWith("20")).sorted().toList();
    }

    static String champion() {
        List<String> pointers = list("/registry/sentiment/CHAMPION").stream().filter(n -> n.endsWith(".json")
                && !n.startsWith("_")).sorted().toList();
        if (pointers.isEmpty()) {
            return null;
        }
        return (String) Json.readMap(hdfs.read("/registry/sentiment/CHAMPION/" + pointers.get(pointers.size() - 1)))
                .get("version");
    }

    /** The run logs of a date, oldest first. */
    static List<Map<String, Object>> runLogs(String date) {
        return list("/registry/sentiment/runs/" + date).stream().sorted()
                .map(n -> Json.readMap(hdfs.read("/registry/sentiment/runs/" + date + "/" + n))).toList();
    }

    static Map<String, Object> lastRunLog(String date) {
        List<Map<String, Object>> logs = runLogs(date);
        return logs.get(logs.size() - 1);
    }

    @SuppressWarnings("unchecked")
    static String stepStatus(Map<String, Object> log, String step) {
        return ((List<Map<String, Object>>) log.get("steps")).stream().filter(s -> step.equals(s.get("step")))
                .map(s -> (String) s.get("status")).findFirst().orElse("absent");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> decision(Map<String, Object> log) {
        return (Map<String, Object>) log.get("decision");
    }

    static List<String> list(String dir) {
        try {
            if (!hdfs.fs().exists(new Path(dir))) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (FileStatus s : hdfs.fs().listStatus(new Path(dir))) {
                names.add(s.getPath().getName());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void nightOneWithoutAChampionPromotesTheFirstModelAndScoresWithIt() {
        CliRun r = seqpipe("retrain", "--date", DAY1);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of(DAY1), versions());
        assertEquals(DAY1, champion());
        assertEquals(List.of("_SUCCESS", "checksums.json", "config.json", "config.resolved.conf", "labels.txt",
                "metrics.json",
                "model.zip", "provenance.json", "version.json", "vocabulary.txt"),
                list("/registry/sentiment/" + DAY1).stream().sorted().toList());
        Map<String, Object> log = lastRunLog(DAY1);
        assertEquals("succeeded", log.get("status"));
        assertEquals(true, decision(log).get("promote"));
        assertTrue(((String) decision(log).get("reason")).startsWith("no champion yet; challenger accuracy "),
                log.toString());
        double accuracy = ((Number) decision(log).get("challengerValue")).doubleValue();
        assertTrue(accuracy > 0.7, "night 1 accuracy " + accuracy);
        for (String step : List.of("lock", "prepare", "train", "evaluate-challenger", "register", "decide", "promote",
                "score")) {
            assertEquals("ok", stepStatus(log, step), step + " in " + log);
        }
        assertEquals("skipped", stepStatus(log, "evaluate-champion"));
        assertEquals(DAY1, log.get("scoredWith"));
        assertTrue(hdfs.exists("/jobs/retrain/" + DAY1 + "/predictions/_SUCCESS"));
        assertFalse(hdfs.exists("/registry/sentiment/LOCK"), "the lock is released");
        assertTrue(r.out().contains("  decision: promote: no champion yet"), r.out());
    }

    @Test
    @Order(2)
    void nightTwoWithAWorseChallengerKeepsTheChampionAndScoresWithIt() {
        CliRun r = seqpipe("retrain", "--date", DAY2);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of(DAY1, DAY2), versions(), "the challenger is registered, not promoted");
        assertEquals(DAY1, champion());
        Map<String, Object> log = lastRunLog(DAY2);
        assertEquals("succeeded", log.get("status"));
        assertEquals(false, decision(log).get("promote"));
        String reason = (String) decision(log).get("reason");
        double challenger = ((Number) decision(log).get("challengerValue")).doubleValue();
        double champion = ((Number) decision(log).get("championValue")).doubleValue();
        assertTrue(challenger < champion, challenger + " vs " + champion);
        assertTrue(reason.startsWith("challenger failed the sanity gates") || reason.startsWith(
                "challenger is not better by more than the margin: accuracy"), reason);
        assertEquals("ok", stepStatus(log, "evaluate-champion"));
        assertEquals("skipped", stepStatus(log, "promote"));
        assertEquals("ok", stepStatus(log, "score"));
        assertEquals(DAY1, log.get("scoredWith"));
        assertTrue(hdfs.exists("/jobs/retrain/" + DAY2 + "/predictions/_SUCCESS"));
        assertTrue(r.out().contains("  decision: keep: " + reason), r.out());
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void reportComparesNightOneAndNightTwoFromTheirMetricsProvenanceConfigAndHistory(@TempDir java.nio.file.Path tmp)
            throws Exception {
        String night1 = "/jobs/retrain/" + DAY1 + "/challenger-metrics";
        String night2 = "/jobs/retrain/" + DAY2 + "/challenger-metrics";
        CliRun r = CliRun.of("report", "--runs", hdfs.uri(night1), hdfs.uri(night2), "--output",
                hdfs.uri("/reports/nights"));
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> metrics1 = (Map<String, Object>) Json.readMap(hdfs.read(night1 + "/metrics.json"))
                .get("metrics");
        Map<String, Object> metrics2 = (Map<String, Object>) Json.readMap(hdfs.read(night2 + "/metrics.json"))
                .get("metrics");
        String name1 = DAY1 + "/challenger-metrics";
        String name2 = DAY2 + "/challenger-metrics";
        assertTrue(r.out().startsWith("report: compared 2 sentiment runs\n  " + name1 + ": accuracy "), r.out());
        assertTrue(r.out().contains("  page: " + hdfs.uri("/reports/nights/comparison.html")), r.out());

        Map<String, Object> cmp = Json.readMap(hdfs.read("/reports/nights/comparison.json"));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) cmp.get("metrics");
        assertEquals(List.of("accuracy", "f1.macro", "precision.macro", "recall.macro", "auc", "loss"),
                rows.subList(0, 6).stream().map(m -> m.get("metric")).toList(), "headline metrics first");
        for (Map<String, Object> row : rows) {
            String metric = (String) row.get("metric");
            assertEquals(Arrays.asList(metrics1.get(metric), metrics2.get(metric)), row.get("values"), metric);
        }
        assertEquals(List.of(name1), rows.get(0).get("best"), "night 1's accuracy beats the flipped labels'");
        List<Map<String, Object>> curves = (List<Map<String, Object>>) cmp.get("learningCurves");
        List<Map<String, Object>> history1 = (List<Map<String, Object>>) Json.readMap(hdfs.read(
                "/registry/sentiment/" + DAY1 + "/provenance.json")).get("history");
        assertEquals(history1.stream().map(h -> h.get("loss")).toList(), curves.get(0).get("loss"));
        assertEquals("validationAccuracy", curves.get(0).get("validationMetric"));
        List<Map<String, Object>> differences = (List<Map<String, Object>>) cmp.get("configDifferences");
        assertTrue(differences.contains(Map.of("key", "retrain.date", "values", List.of(DAY1, DAY2))),
                differences.toString());
        List<Map<String, Object>> history = (List<Map<String, Object>>) cmp.get("history");
        for (int i = 0; i < 2; i++) {
            List<Map<String, Object>> evaluations = (List<Map<String, Object>>) history.get(i).get("evaluations");
            assertEquals(1, evaluations.size(), "one evaluation of night " + (i + 1) + "'s model: " + evaluations);
            assertEquals(i == 0 ? metrics1.get("accuracy") : metrics2.get("accuracy"),
                    ((Map<String, Object>) evaluations.get(0).get("metrics")).get("accuracy"));
        }

        String html = hdfs.read("/reports/nights/comparison.html");
        ReportInBrowser.assertCharts(html, List.of("training-loss", "validation-metric"));
        assertTrue(html.contains("<td class=\"n best\">"), "the best values are marked");
        ReportInBrowser.render(html, tmp, 1000, 1600);

        CliRun again = CliRun.of("report", "--runs", hdfs.uri(night1), hdfs.uri(night2), "--output",
                hdfs.uri("/reports/nights"));
        assertEquals(SeqPipeCli.FAILED, again.exitCode());
        assertEquals("seqpipe: error: output " + hdfs.uri("/reports/nights") + " already exists; remove it or pass"
                + " --overwrite to replace it", again.reason());
    }

    @Test
    @Order(4)
    void reRunningNightTwoAddsNoVersionAndTrainsNothing() {
        CliRun r = seqpipe("retrain", "--date", DAY2);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of(DAY1, DAY2), versions());
        assertEquals(DAY1, champion());
        assertEquals(2, runLogs(DAY2).size());
        Map<String, Object> log = lastRunLog(DAY2);
        assertEquals("skipped", stepStatus(log, "prepare"));
        assertEquals("skipped", stepStatus(log, "train"));
        assertEquals("skipped", stepStatus(log, "register"));
        assertEquals(false, decision(log).get("promote"));
        assertTrue(r.out().contains("version " + DAY2 + " already registered (reused)"), r.out());
    }

    @Test
    @Order(5)
    void aSecondRunWhileTheLockIsHeldRefusesWithExitCodeThree() throws IOException {
        String holder = "{\"runId\": \"other-run\", \"purpose\": \"retrain " + DAY3 + "\", \"host\": \"node7\", "
                + "\"pid\": 4242, \"since\": \"2026-11-25T02:00:00Z\"}";
        try (var out = hdfs.fs().create(new Path("/registry/sentiment/LOCK"), false)) {
            out.write(holder.getBytes(StandardCharsets.UTF_8));
        }
        CliRun r = seqpipe("retrain", "--date", DAY3);
        assertEquals(SeqPipeCli.LOCKED, r.exitCode(), r.err());
        assertTrue(r.reason().startsWith("seqpipe: error: another run holds the lock " + hdfs.uri(
                "/registry/sentiment/LOCK") + " (run other-run, retrain " + DAY3 + ", on node7 pid 4242"), r.reason());
        Map<String, Object> log = lastRunLog(DAY3);
        assertEquals("refused", log.get("status"));
        assertEquals(holder, hdfs.read("/registry/sentiment/LOCK"), "the holder's lock is left alone");
        assertEquals(List.of(DAY1, DAY2), versions());
        hdfs.fs().delete(new Path("/registry/sentiment/LOCK"), false);
    }

    @Test
    @Order(6)
    void aRunThatFailsMidWayLeavesTheRegistryAsItWasAndTheNextRunIsClean() {
        CliRun crash = seqpipe("retrain", "--date", DAY3, "--set", "paths.test=" + hdfs.uri("/data/missing.tsv"));
        assertEquals(SeqPipeCli.FAILED, crash.exitCode(), crash.err());
        assertTrue(crash.reason().contains("/data/missing.tsv does not exist"), crash.reason());
        assertEquals(List.of(DAY1, DAY2), versions());
        assertEquals(DAY1, champion());
        Map<String, Object> failed = lastRunLog(DAY3);
        assertEquals("failed", failed.get("status"));
        assertEquals("ok", stepStatus(failed, "train"));
        assertEquals("failed", stepStatus(failed, "evaluate-challenger"));
        assertEquals("absent", stepStatus(failed, "register"));
        assertFalse(hdfs.exists("/registry/sentiment/LOCK"), "the lock is released after a failure");
        assertTrue(list("/registry/sentiment").stream().noneMatch(n -> n.startsWith("_")),
                list("/registry/sentiment").toString());

        // the same night again, fixed: it trains on the same snapshot as night 1 with the same seed, so the
        // challenger ties with the champion and does not replace it
        CliRun again = seqpipe("retrain", "--date", DAY3);
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(List.of(DAY1, DAY2, DAY3), versions());
        Map<String, Object> log = lastRunLog(DAY3);
        assertEquals("succeeded", log.get("status"));
        assertEquals(DAY1, champion());
        assertEquals(decision(log).get("challengerValue"), decision(log).get("championValue"), log.toString());
    }

    @Test
    @Order(7)
    void theRegistryToolListsPromotesRollsBackAndPrunesAndEvaluateReadsTheChampion() {
        CliRun list = seqpipe("registry", "list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("3 version(s), champion " + DAY1), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("  *  " + DAY1 + " ") && l.contains(" " + DAY1
                + " ")), list.out());

        CliRun promote = seqpipe("registry", "promote", "--version", DAY3, "--reason", "tie, newer data");
        assertEquals(0, promote.exitCode(), promote.err());
        assertEquals(DAY3, champion());
        CliRun rollback = seqpipe("registry", "rollback");
        assertEquals(0, rollback.exitCode(), rollback.err());
        assertEquals("registry: rolled back sentiment from " + DAY3 + " to " + DAY1, rollback.out().strip());
        assertEquals(DAY1, champion());

        CliRun show = seqpipe("registry", "show");
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().contains("    3 ") && show.out().contains(" rollback " + DAY1 + " (was " + DAY3 + ")"),
                show.out());

        CliRun prune = seqpipe("registry", "prune", "--keep", "1");
        assertEquals(0, prune.exitCode(), prune.err());
        assertEquals(List.of(DAY1, DAY3), versions(), "the champion and the newest stay");

        CliRun evaluate = seqpipe("evaluate", "--set", "paths.model=registry://sentiment",
                "--set", "paths.work=" + hdfs.uri("/jobs/adhoc"));
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        Map<String, Object> metrics = Json.readMap(hdfs.read("/jobs/adhoc/metrics/metrics.json"));
        assertEquals(hdfs.uri("/registry/sentiment/" + DAY1), metrics.get("model"));

        CliRun missing = seqpipe("evaluate", "--set", "paths.model=registry://sentiment/" + DAY2,
                "--set", "paths.work=" + hdfs.uri("/jobs/adhoc2"));
        assertEquals(SeqPipeCli.FAILED, missing.exitCode());
        assertEquals("seqpipe: error: registry version registry://sentiment/" + DAY2 + " at " + hdfs.uri(
                "/registry/sentiment/" + DAY2) + " does not exist", missing.reason());
    }
}
