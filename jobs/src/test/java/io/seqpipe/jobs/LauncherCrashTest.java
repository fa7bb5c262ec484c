package io.seqpipe.jobs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the launchers ({@code scripts/seqpipe}, {@code scripts/spark-submit.sh}) do when the JVM dies: the JVM's error
 * log goes to the log folder, never the working directory, and the user gets one line naming the signal, the log and
 * what to do. The JVM here is a real one that crashes itself (a write to address 0 through {@code sun.misc.Unsafe}),
 * started by a stand-in {@code java} / {@code spark-submit} that keeps the launcher's {@code -XX:ErrorFile} option.
 */
class LauncherCrashTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern CRASH_LINE = Pattern.compile(
            "seqpipe: error: the JVM crashed \\(signal (\\S+)\\); details in (\\S+); (.+)");

    @TempDir
    Path tmp;
    Path logs;
    Path workDir;
    Path crashProgram;
    Map<String, String> env;

    record Result(int exitCode, String out) {
        List<String> seqpipeLines() {
            return out.lines().filter(l -> l.startsWith("seqpipe: ")).toList();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        logs = tmp.resolve("logs");
        workDir = Files.createDirectories(tmp.resolve("work"));
        crashProgram = Files.writeString(tmp.resolve("Crash.java"), """
                public class Crash {
                    public static void main(String[] args) throws Exception {
                        if (args.length > 0 && args[0].equals("exit3")) {
                            System.exit(3);
                        }
                        java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                        f.setAccessible(true);
                        ((sun.misc.Unsafe) f.get(null)).putAddress(0L, 42L);
                    }
                }
                """);
        env = new HashMap<>();
        env.put("SEQPIPE_LOG_DIR", logs.toString());
        env.put("SEQPIPE_JAR", Files.writeString(tmp.resolve("seqpipe.jar"), "stand-in").toString());
    }

    /** A JDK whose java runs Crash.java with the JVM options it was given that start with -XX:ErrorFile. */
    private Path crashingJdk(String mode) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("jdk/bin"));
        String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path java = Files.writeString(bin.resolve("java"), "#!/usr/bin/env bash\n"
                + "opts=(); for a in \"$@\"; do case \"$a\" in -XX:ErrorFile=*) opts+=(\"$a\");; esac; done\n"
                + "exec '" + realJava + "' \"${opts[@]}\" '" + crashProgram + "' " + mode + "\n");
        assertTrue(java.toFile().setExecutable(true));
        return bin.getParent();
    }

    private Result exec(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        return new Result(p.exitValue(), out);
    }

    private void assertOneCrashLine(Result r, String advice) throws IOException {
        assertEquals(134, r.exitCode(), r.out()); // the JVM aborts after writing its log
        List<String> lines = r.seqpipeLines();
        assertEquals(1, lines.size(), r.out());
        Matcher m = CRASH_LINE.matcher(lines.get(0));
        assertTrue(m.matches(), lines.get(0));
        assertEquals("SIGSEGV", m.group(1), "the fatal signal, not the abort that follows it");
        assertEquals(advice, m.group(3));
        Path log = Path.of(m.group(2));
        assertEquals(logs, log.getParent());
        assertTrue(log.getFileName().toString().matches("hs_err_seqpipe_\\d{8}T\\d{6}Z_\\d+_pid\\d+\\.log"),
                log.toString());
        String text = Files.readString(log);
        assertTrue(text.startsWith("#\n# A fatal error has been detected by the Java Runtime Environment"), text);
        assertTrue(text.contains("SIGSEGV"), text);
        try (Stream<Path> left = Files.list(workDir)) {
            assertEquals(List.of(), left.toList(), "nothing written to the working directory");
        }
    }

    @Test
    void seqpipeNamesTheSignalAndTheLogAndSaysToResumeATraining() throws Exception {
        env.put("JAVA_HOME", crashingJdk("crash").toString());
        env.put("SPARK_HOME", tmp.toString()); // Spark's jars from there: no Maven look-up
        Result r = exec("bash", ROOT.resolve("scripts/seqpipe").toString(), "train", "--conf", "x.conf");
        assertOneCrashLine(r, "resume with train --resume");
    }

    @Test
    void otherCommandsAreToldToRunAgain() throws Exception {
        env.put("JAVA_HOME", crashingJdk("crash").toString());
        env.put("SPARK_HOME", tmp.toString());
        Result r = exec("bash", ROOT.resolve("scripts/seqpipe").toString(), "score", "--conf", "x.conf");
        assertOneCrashLine(r, "run it again");
    }

    @Test
    void sparkSubmitGivesTheDriverTheErrorFileAndTheSameLine() throws Exception {
        // a spark-submit that starts the driver JVM with SPARK_SUBMIT_OPTS, as Spark's own does in client mode
        Path sparkHome = tmp.resolve("spark");
        Path submit = Files.createDirectories(sparkHome.resolve("bin")).resolve("spark-submit");
        Files.writeString(submit, "#!/usr/bin/env bash\n# shellcheck disable=SC2086\n"
                + "exec '" + crashingJdk("crash").resolve("bin/java") + "' $SPARK_SUBMIT_OPTS \"$@\"\n");
        assertTrue(submit.toFile().setExecutable(true));
        env.put("SPARK_HOME", sparkHome.toString());
        Result r = exec("bash", ROOT.resolve("scripts/spark-submit.sh").toString(), "--master", "local[1]", "--",
                "train", "--conf", "x.conf");
        assertOneCrashLine(r, "resume with train --resume");
    }

    @Test
    void anOrdinaryFailureKeepsItsExitCodeAndGetsNoCrashLine() throws Exception {
        env.put("JAVA_HOME", crashingJdk("exit3").toString());
        env.put("SPARK_HOME", tmp.toString());
        Result r = exec("bash", ROOT.resolve("scripts/seqpipe").toString(), "train", "--conf", "x.conf");
        assertEquals(3, r.exitCode(), r.out());
        assertFalse(r.out().contains("crashed"), r.out());
        try (Stream<Path> written = Files.exists(logs) ? Files.list(logs) : Stream.empty()) {
            assertEquals(List.of(), written.toList());
        }
    }
}
