package io.seqpipe.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The schedule files a user installs as they are: the Airflow DAG compiles, {@code scripts/nightly-retrain.sh} submits
 * {@code retrain} with the date and config it should (checked with a stand-in spark-submit that prints its
 * arguments), the crontab line calls that script, and the sample nightly config resolves with a date.
 */
class NightlyScheduleTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Result(int exitCode, String out) {
    }

    private Result exec(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        return new Result(p.exitValue(), out);
    }

    private static boolean onPath(String program) {
        try {
            return new ProcessBuilder(program, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void theAirflowDagCompiles() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not on PATH: the Airflow DAG's syntax check is skipped");
        // the byte code goes to a temporary prefix, not into scripts/schedule/__pycache__
        Result r = exec(Map.of("PYTHONPYCACHEPREFIX", tmp.toString()), "python3", "-m", "py_compile",
                "scripts/schedule/seqpipe_nightly_dag.py");
        assertEquals(0, r.exitCode(), r.out());
        String dag = Files.readString(ROOT.resolve("scripts/schedule/seqpipe_nightly_dag.py"));
        assertTrue(dag.contains("SparkSubmitOperator(") && dag.contains("\"retrain\"")
                && dag.contains("\"{{ ds }}\"") && dag.contains("java_class=\"io.seqpipe.jobs.SeqPipe\""), dag);
    }

    @Test
    void theNightlyScriptSubmitsRetrainForYesterdayOrTheGivenDate() throws Exception {
        assumeTrue(onPath("bash"), "bash is not on PATH");
        Path sparkHome = tmp.resolve("spark");
        Files.createDirectories(sparkHome.resolve("bin"));
        Path fake = sparkHome.resolve("bin/spark-submit");
        Files.writeString(fake, "#!/usr/bin/env bash\nprintf 'ARG %s\\n' \"$@\"\n");
        assertTrue(fake.toFile().setExecutable(true));
        Path jar = Files.writeString(tmp.resolve("seqpipe.jar"), "stand-in");
        Map<String, String> env = Map.of("SPARK_HOME", sparkHome.toString(), "SEQPIPE_JAR", jar.toString(),
                "SEQPIPE_SUBMIT_ARGS", "--master local[2]");

        Result yesterday = exec(env, "bash", "scripts/nightly-retrain.sh", "--set", "train.epochs=2");
        assertEquals(0, yesterday.exitCode(), yesterday.out());
        List<String> args = yesterday.out().lines().filter(l -> l.startsWith("ARG ")).map(l -> l.substring(4))
                .toList();
        int retrain = args.indexOf("retrain");
        assertTrue(retrain > 0, args.toString());
        assertEquals(List.of("--master", "local[2]"), args.subList(args.indexOf("--master"),
                args.indexOf("--master") + 2));
        assertEquals(jar.toString(), args.get(retrain - 1));
        assertEquals(List.of("retrain", "--conf", ROOT.resolve("conf/nightly-sentiment.conf").toString(), "--date",
                LocalDate.now().minusDays(1).toString(), "--set", "train.epochs=2"),
                args.subList(retrain, args.size()));

        Result given = exec(env, "bash", "scripts/nightly-retrain.sh", "--date", "2026-11-23");
        assertTrue(given.out().contains("ARG --date\nARG 2026-11-23\n"), given.out());
    }

    @Test
    void theCrontabLineAndTheSystemdUnitsCallTheScript() throws IOException {
        List<String> cron = Files.readAllLines(ROOT.resolve("scripts/schedule/seqpipe-nightly.crontab")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.contains("=")).toList();
        assertEquals(1, cron.size(), cron.toString());
        String[] fields = cron.get(0).split("\\s+", 6);
        assertEquals(List.of("15", "2", "*", "*", "*"), List.of(fields).subList(0, 5));
        assertTrue(fields[5].contains("scripts/nightly-retrain.sh") && !fields[5].matches(".*[^\\\\]%.*"),
                "the command runs the script and escapes every % for cron: " + fields[5]);
        String service = Files.readString(ROOT.resolve("scripts/schedule/seqpipe-nightly.service"));
        assertTrue(service.contains("ExecStart=/opt/seqpipe/scripts/nightly-retrain.sh")
                && service.contains("Type=oneshot"), service);
        String timer = Files.readString(ROOT.resolve("scripts/schedule/seqpipe-nightly.timer"));
        assertTrue(timer.contains("OnCalendar=*-*-* 02:15:00 UTC") && timer.contains("Unit=seqpipe-nightly.service"),
                timer);
    }

    @Test
    void theSampleNightlyConfigTemplatesItsInputsWithTheDate() {
        CliRun r = CliRun.of("retrain", "--conf", "../conf/nightly-sentiment.conf", "--date", "2026-11-23",
                "--print-config");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("paths.train = \"hdfs:///data/reviews/2026-11-23/train.tsv\"\n"), r.out());
        assertTrue(r.out().contains("paths.test = \"hdfs:///data/reviews/fixed/test.tsv\"\n"), r.out());
        assertTrue(r.out().contains("retrain.workDir = \"hdfs:///seqpipe/runs/sentiment/retrain\"\n"), r.out());
    }
}
