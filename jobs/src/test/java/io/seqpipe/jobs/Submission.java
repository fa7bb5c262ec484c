package io.seqpipe.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One seqpipe command submitted to the cluster through {@code scripts/spark-submit.sh} (the user's wrapper, with its
 * recommended settings) in client deploy mode. The wrapper and the Spark home's {@code bin/spark-class} exec the JVM,
 * so the child process is the driver itself: {@code org.apache.spark.deploy.SparkSubmit} running the shaded jar.
 * stdout (the command's summary) and stderr (driver log) go to files under the test's log directory.
 */
final class Submission {
    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private Submission(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static Submission start(Path repo, LocalSparkCluster cluster, Path jar, Path logs, String name,
                            List<String> seqpipeArgs) {
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("scripts/spark-submit.sh").toString(),
                "--master", cluster.masterUrl(), "--deploy-mode", "client", "--driver-memory", "1g",
                "--driver-java-options", "-Dorg.bytedeco.javacpp.maxbytes=1g -Dorg.bytedeco.javacpp.maxphysicalbytes=3g",
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.executor.cores=1",
                "--conf", "spark.cores.max=2",
                "--conf", "spark.executor.memory=1g",
                // sized for this 24 GB machine; the wrapper's defaults are for real nodes
                "--conf", "spark.executor.memoryOverhead=1g",
                "--conf", "spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.maxbytes=1g "
                        + "-Dorg.bytedeco.javacpp.maxphysicalbytes=3g",
                "--"));
        cmd.addAll(seqpipeArgs);
        try {
            Files.createDirectories(logs);
            Path out = logs.resolve(name + ".out");
            Path err = logs.resolve(name + ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("SPARK_HOME", cluster.sparkHome().toString());
            pb.environment().put("SEQPIPE_JAR", jar.toString());
            pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            return new Submission(name, pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the command; its exit code. */
    int await(int timeoutSeconds) {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError(name + " did not finish in " + timeoutSeconds + " s; log tail:\n" + errTail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} every 100 ms while the driver runs; fails if the driver ends first or time runs out. */
    void awaitWhileRunning(BooleanSupplier condition, int timeoutSeconds, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before " + what
                        + "; log tail:\n" + errTail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " after " + timeoutSeconds + " s; log tail:\n" + errTail());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The driver JVM: the SparkSubmit process among the child and its descendants (scripts/spark-submit.sh stays as
     * the parent that reports how the JVM ended; the Spark wrappers below it exec the JVM).
     */
    ProcessHandle driver() {
        ProcessHandle child = process.toHandle();
        List<ProcessHandle> candidates = new java.util.ArrayList<>();
        candidates.add(child);
        child.descendants().forEach(candidates::add);
        for (ProcessHandle p : candidates) {
            String cmd = p.info().commandLine().orElse("");
            if (cmd.contains("org.apache.spark.deploy.SparkSubmit") && cmd.contains("seqpipe.jar")) {
                return p;
            }
        }
        throw new AssertionError("no SparkSubmit driver among process " + child.pid() + " and its descendants: "
                + candidates.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
    }

    /** Kills the driver with SIGKILL (no shutdown hooks, no cleanup: a lost machine) and returns its exit code. */
    int killDriver() {
        driver().destroyForcibly();
        return await(60);
    }

    String out() {
        return read(stdout);
    }

    String err() {
        return read(stderr);
    }

    /** The last line on stderr starting with {@code seqpipe: error:}. */
    String reason() {
        List<String> lines = err().lines().filter(l -> l.startsWith("seqpipe: error:")).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    String errTail() {
        List<String> lines = err().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
