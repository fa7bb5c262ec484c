package io.seqpipe.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The standalone Spark cluster of {@code scripts/cluster/start-cluster.sh} (Master + 2 Workers, 1 core each, on
 * 127.0.0.1, free ports so it does not meet another cluster on this machine), started and stopped through the same
 * scripts a user runs. A JVM shutdown hook stops it too, so an aborted test run leaves no daemons behind.
 */
final class LocalSparkCluster implements AutoCloseable {
    private final Path repo;
    private final Path sparkHome;
    private final Path dir;
    private final String masterUrl;
    private final Thread shutdownHook;

    private LocalSparkCluster(Path repo, Path sparkHome, Path dir, String masterUrl) {
        this.repo = repo;
        this.sparkHome = sparkHome;
        this.dir = dir;
        this.masterUrl = masterUrl;
        this.shutdownHook = new Thread(this::stopQuietly, "stop-spark-cluster");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Assembles the Spark home (if needed) under {@code <repo>/target/spark-home} and starts the cluster in {@code dir}. */
    static LocalSparkCluster start(Path repo, Path dir) {
        Path sparkHome = repo.resolve("target/spark-home");
        run(repo, Map.of("MVN", System.getProperty("seqpipe.mvn", "mvn"),
                "MVN_ARGS", System.getProperty("seqpipe.mvnArgs", "")), 600,
                repo.resolve("scripts/cluster/spark-home.sh").toString(), sparkHome.toString());
        String out = run(repo, Map.of("SPARK_HOME", sparkHome.toString(), "CLUSTER_DIR", dir.toString(),
                "MASTER_PORT", Integer.toString(freePort()), "MASTER_WEBUI_PORT", Integer.toString(freePort()),
                "WORKERS", "2", "WORKER_CORES", "1", "WORKER_MEMORY", "3g"), 180,
                repo.resolve("scripts/cluster/start-cluster.sh").toString());
        String[] lines = out.strip().split("\n");
        return new LocalSparkCluster(repo, sparkHome, dir, lines[lines.length - 1].strip());
    }

    String masterUrl() {
        return masterUrl;
    }

    Path sparkHome() {
        return sparkHome;
    }

    Path dir() {
        return dir;
    }

    /** PIDs of the worker daemons, from the PID files the start script wrote. */
    List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try {
                pids.add(Long.parseLong(Files.readString(dir.resolve("pids/worker-" + i + ".pid")).strip()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pids;
    }

    /** The executor JVMs the workers are running now: their children with CoarseGrainedExecutorBackend. */
    List<ProcessHandle> executors() {
        List<ProcessHandle> out = new ArrayList<>();
        for (long worker : workerPids()) {
            ProcessHandle.of(worker).ifPresent(w -> w.children()
                    .filter(c -> c.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                    .forEach(out::add));
        }
        return out;
    }

    /** The value after {@code flag} in a process's command line, e.g. {@code --executor-id}. */
    static String argument(ProcessHandle p, String flag) {
        String[] words = p.info().commandLine().orElse("").split(" ");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals(flag)) {
                return words[i + 1];
            }
        }
        throw new IllegalStateException("no " + flag + " in the command line of " + p.pid());
    }

    /** Executor directories the workers created for {@code appId} (one per executor ever launched for it). */
    List<Path> executorDirs(String appId) {
        List<Path> out = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Path app = dir.resolve("work-" + i).resolve(appId);
            if (Files.isDirectory(app)) {
                try (var s = Files.list(app)) {
                    s.filter(Files::isDirectory).forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or ran
        }
    }

    private void stopQuietly() {
        run(repo, Map.of("CLUSTER_DIR", dir.toString()), 60, repo.resolve("scripts/cluster/stop-cluster.sh").toString());
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a script to completion; its stdout, or an exception with both streams when it fails. */
    static String run(Path repo, Map<String, String> env, int timeoutSeconds, String... command) {
        try {
            Path out = Files.createTempFile("script", ".out");
            Path err = Files.createTempFile("script", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds
                        + " s: " + Files.readString(err, StandardCharsets.UTF_8));
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Files.delete(out);
            Files.delete(err);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n"
                        + stdout + stderr);
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
