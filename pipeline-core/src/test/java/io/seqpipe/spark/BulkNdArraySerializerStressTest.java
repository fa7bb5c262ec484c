package io.seqpipe.spark;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BulkNdArraySerializer} under garbage-collection pressure, each run in a JVM of its own ({@link SerializerStress}):
 * a serializer that reads or writes native memory its array no longer keeps alive crashes that JVM (SIGSEGV) or ships
 * another array's bytes. Before the serializer held its arrays reachable across the copy, four runs of 40 rounds out
 * of four failed (three crashes, one corruption).
 */
class BulkNdArraySerializerStressTest {
    /** 24 round trips of a 1000 × 2699 float view (10.8 MB, the size of the parameters of the crashed training). */
    private static final int SUITE_ROUNDS = 24;

    @TempDir
    Path tmp;

    @Test
    void roundTripsUnderGcPressureNeitherCrashNorCorrupt() throws Exception {
        Run run = runInChildJvm(tmp, SUITE_ROUNDS, 1000, 2700);
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals(0, run.field("corruptRounds"), run.describe());
        assertEquals(SUITE_ROUNDS, run.field("rounds"), run.describe());
        // the pressure was real: the collector ran and decoys reused the native memory throughout
        assertTrue(run.field("gcCycles") >= SUITE_ROUNDS, run.describe());
        assertTrue(run.field("pressureAllocations") >= SUITE_ROUNDS, run.describe());
        assertTrue(run.errorFiles().isEmpty(), run.describe());
    }

    /** The long run of scripts/stress-serializer.sh: {@code stress.jvms} JVMs of {@code stress.rounds} rounds each. */
    @Test
    @Tag("benchmark")
    void longStressRun() throws Exception {
        int jvms = Integer.getInteger("stress.jvms", 10);
        int rounds = Integer.getInteger("stress.rounds", 200);
        long bytes = 0;
        long gcCycles = 0;
        int crashes = 0;
        int corruptJvms = 0;
        int corruptRounds = 0;
        int roundsDone = 0;
        for (int i = 0; i < jvms; i++) {
            Run run = runInChildJvm(tmp.resolve("jvm-" + i), rounds, 1000, 2700);
            System.out.println("stress JVM " + i + ": " + run.describe());
            if (run.report() == null) {
                crashes++;
                continue;
            }
            roundsDone += (int) run.field("rounds");
            bytes += run.field("bytesSerialized");
            gcCycles += run.field("gcCycles");
            corruptRounds += (int) run.field("corruptRounds");
            corruptJvms += run.field("corruptRounds") > 0 ? 1 : 0;
        }
        String json = String.format(Locale.ROOT, "{\"jvms\": %d, \"roundsPerJvm\": %d, \"bytesPerArray\": %d, "
                        + "\"roundsCompleted\": %d, \"bytesSerialized\": %d, \"gcCycles\": %d, \"crashedJvms\": %d, "
                        + "\"corruptedJvms\": %d, \"corruptRounds\": %d}%n", jvms, rounds, 1000L * 2699 * 4,
                roundsDone, bytes, gcCycles, crashes, corruptJvms, corruptRounds);
        Path out = Path.of("target/bench/serializer-stress.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json);
        System.out.print(json);
        assertEquals(0, crashes + corruptJvms, json);
    }

    /** One {@link SerializerStress} run in its own JVM: exit code, its JSON report (null if it died) and output. */
    record Run(int exitCode, String report, String output, List<Path> errorFiles) {
        long field(String name) {
            Matcher m = Pattern.compile("\"" + name + "\": (\\d+)").matcher(report == null ? "" : report);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        String describe() {
            String tail = output.length() > 3000 ? output.substring(output.length() - 3000) : output;
            return "exit " + exitCode + ", report " + report + ", JVM error files " + errorFiles
                    + (report == null ? "\n" + tail : "");
        }
    }

    static Run runInChildJvm(Path dir, int rounds, int rows, int cols) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path json = dir.resolve("report.json");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx128m");
        cmd.add("-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"));
        // the module opens Spark needs, as this JVM got them
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || arg.startsWith("-Djdk.reflect")) {
                cmd.add(arg);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SerializerStress.class.getName());
        cmd.addAll(List.of(String.valueOf(rounds), String.valueOf(rows), String.valueOf(cols), json.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.log").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process process = pb.start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("stress JVM did not finish: " + dir);
        }
        String report = Files.exists(json) ? Files.readString(json).trim() : null;
        List<Path> errorFiles;
        try (Stream<Path> files = Files.list(dir)) {
            errorFiles = files.filter(p -> p.getFileName().toString().startsWith("hs_err")).toList();
        }
        return new Run(process.exitValue(), report,
                Files.readString(dir.resolve("output.log"), StandardCharsets.UTF_8), errorFiles);
    }
}
