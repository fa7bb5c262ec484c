package io.seqpipe.jobs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/spark-submit.sh --gpus-per-executor N}: the Spark GPU settings and the CUDA jar it submits, seen by a
 * stand-in {@code spark-submit} that prints its arguments; and {@code scripts/gpu-discovery.sh}'s JSON from a stand-in
 * {@code nvidia-smi}.
 */
class SparkSubmitGpuModeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    Map<String, String> env;

    private record Result(int exitCode, String out) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("spark/bin"));
        Path submit = Files.writeString(bin.resolve("spark-submit"),
                "#!/usr/bin/env bash\nfor a in \"$@\"; do echo \"$a\"; done\n");
        assertTrue(submit.toFile().setExecutable(true));
        env = new HashMap<>();
        env.put("SPARK_HOME", tmp.resolve("spark").toString());
        env.put("SEQPIPE_LOG_DIR", tmp.resolve("logs").toString());
    }

    private Result exec(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().remove("SEQPIPE_GPUS_PER_EXECUTOR");
        pb.environment().remove("SEQPIPE_JAR");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "timed out");
        return new Result(p.exitValue(), out);
    }

    private Result submit(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("scripts/spark-submit.sh"));
        command.addAll(List.of(args));
        return exec(command.toArray(String[]::new));
    }

    @Test
    void gpuModeAsksForGpusFindsThemWithTheDiscoveryScriptAndSubmitsTheCudaJar() throws Exception {
        Path jar = Files.writeString(tmp.resolve("seqpipe-cuda.jar"), "stand-in");
        env.put("SEQPIPE_JAR", jar.toString());
        Result r = submit("--master", "yarn", "--gpus-per-executor", "2",
                "--conf", "spark.task.resource.gpu.amount=0.5",
                "--", "train", "--conf", "ner.conf");
        assertEquals(0, r.exitCode(), r.out());
        List<String> args = r.lines();
        String discovery = "spark.executor.resource.gpu.discoveryScript=" + ROOT.resolve("scripts/gpu-discovery.sh");
        int gpus = args.indexOf("spark.executor.resource.gpu.amount=2");
        assertTrue(gpus > 0 && args.get(gpus - 1).equals("--conf"), r.out());
        assertTrue(args.contains("spark.task.resource.gpu.amount=1"), r.out());
        assertTrue(args.contains(discovery), r.out());
        // the user's own settings come after the wrapper's, so they win
        assertTrue(args.indexOf("spark.task.resource.gpu.amount=0.5")
                        > args.indexOf("spark.task.resource.gpu.amount=1"),
                r.out());
        assertFalse(args.contains("--gpus-per-executor"), "the wrapper's own option is not passed on: " + r.out());
        assertEquals(List.of(jar.toString(), "train", "--conf", "ner.conf"),
                args.subList(args.size() - 4, args.size()));
    }

    @Test
    void theEnvironmentVariableAndTheDiscoveryScriptPathWork() throws Exception {
        env.put("SEQPIPE_JAR", Files.writeString(tmp.resolve("x.jar"), "stand-in").toString());
        env.put("SEQPIPE_GPUS_PER_EXECUTOR", "1");
        env.put("SEQPIPE_GPU_DISCOVERY_SCRIPT", "/opt/seqpipe/gpu-discovery.sh");
        Result r = submit("--", "score");
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.lines().contains("spark.executor.resource.gpu.amount=1"), r.out());
        assertTrue(r.lines().contains("spark.executor.resource.gpu.discoveryScript=/opt/seqpipe/gpu-discovery.sh"),
                r.out());
    }

    @Test
    void withoutGpusNoGpuSettingAndAMissingCudaJarSaysHowToBuildIt() throws Exception {
        env.put("SEQPIPE_JAR", Files.writeString(tmp.resolve("seqpipe.jar"), "stand-in").toString());
        Result cpu = submit("--gpus-per-executor=0", "--", "train");
        assertEquals(0, cpu.exitCode(), cpu.out());
        assertFalse(cpu.out().contains("resource.gpu"), cpu.out());

        env.remove("SEQPIPE_JAR");
        Path cudaJar = ROOT.resolve("jobs/target/seqpipe-cuda.jar");
        if (!Files.exists(cudaJar)) {
            Result missing = submit("--gpus-per-executor", "1", "--", "train");
            assertEquals(2, missing.exitCode(), missing.out());
            assertEquals("seqpipe: " + cudaJar + " not found; build it with: mvn -B -Pcuda package -DskipTests",
                    missing.lines().get(0));
        }
        Result bad = submit("--gpus-per-executor", "two", "--", "train");
        assertEquals(2, bad.exitCode(), bad.out());
        assertEquals("seqpipe: --gpus-per-executor must be a whole number (0: CPU only), got 'two'",
                bad.lines().get(0));
    }

    @Test
    void discoveryScriptPrintsSparksResourceJsonOrFailsWithTheReason() throws Exception {
        Path smi = Files.writeString(tmp.resolve("nvidia-smi"), "#!/bin/sh\nprintf '0\\n1\\n3\\n'\n");
        assertTrue(smi.toFile().setExecutable(true));
        env.put("NVIDIA_SMI", smi.toString());
        Result r = exec("scripts/gpu-discovery.sh");
        assertEquals(0, r.exitCode(), r.out());
        assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\", \"3\"]}\n", r.out());

        env.put("NVIDIA_SMI", tmp.resolve("no-such-nvidia-smi").toString());
        Result none = exec("scripts/gpu-discovery.sh");
        assertEquals(1, none.exitCode(), none.out());
        assertTrue(none.lines().get(0).startsWith("{\"name\": \"gpu\", \"addresses\": [], \"error\": \"nvidia-smi not"
                + " found on "), none.out());
        assertTrue(none.out().contains("gpu-discovery: nvidia-smi not found on "), none.out());

        Files.writeString(smi, "#!/bin/sh\necho 'NVIDIA-SMI has failed because it could not communicate with the"
                + " NVIDIA driver'\nexit 9\n");
        env.put("NVIDIA_SMI", smi.toString());
        Result failing = exec("scripts/gpu-discovery.sh");
        assertEquals(1, failing.exitCode(), failing.out());
        assertTrue(failing.lines().get(0).endsWith(": NVIDIA-SMI has failed because it could not communicate with the"
                + " NVIDIA driver\"}"), failing.out());
    }
}
