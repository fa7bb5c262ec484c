package io.seqpipe.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/device-check.sh}: its dry run (the commands a lent GPU machine would run, nothing run), its JSON for
 * parts it could not run, and its argument errors. The real run needs a GPU; nothing here does.
 */
class DeviceCheckScriptTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private record Result(int exitCode, String out) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Result exec(String... args) throws IOException, InterruptedException {
        return exec(null, args);
    }

    /** @param path a folder put first on PATH (a stand-in nvidia-smi), or null */
    private static Result exec(Path path, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("scripts/device-check.sh"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().remove("OUT");
        if (path != null) {
            pb.environment().put("PATH", path + java.io.File.pathSeparator + pb.environment().get("PATH"));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "timed out");
        return new Result(p.exitValue(), out);
    }

    @Test
    void dryRunPrintsEachPartsCommandsInOrderAndRunsNothing() throws Exception {
        Path out = tmp.resolve("out");
        Result r = exec("--dry-run", "--out", out.toString(), "--cpu-workers", "16", "--large-batch", "128",
                "--conll", "data/conll");
        assertEquals(0, r.exitCode(), r.out());
        assertEquals(List.of("preflight-gpu", "preflight-arch", "preflight-java", "preflight-mvn", "build-cuda",
                        "gradients-cuda",
                        "build-cpu", "throughput-gpu-b32", "throughput-cpu-b32", "conll-data", "conll-gpu", "conll-cpu",
                        "throughput-gpu-b128", "throughput-cpu-b128"),
                r.lines().stream().map(l -> l.substring(0, l.indexOf(':'))).toList());
        assertTrue(r.lines().contains("gradients-cuda: rm -f pipeline-core/target/surefire-reports/*GradientCheck*;"
                + " mvn -B -Dstyle.color=never -o -Pcuda -pl pipeline-core test -Dtest='*GradientCheck*'"
                + " -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false"), r.out());
        assertTrue(r.lines().contains("throughput-cpu-b128: mvn -B -Dstyle.color=never -o -pl pipeline-core test"
                + " -Dtest=DeviceThroughputBenchmark -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dbench.batch=128 -Dbench.workers=16 -Dbench.oneJvm=false -Dbench.out=" + ROOT
                + "/target/device-check/files/throughput-cpu-b128.json"), r.out());
        String gpuRun = r.lines().stream().filter(l -> l.startsWith("conll-gpu: ")).findFirst().orElseThrow();
        assertTrue(gpuRun.contains("SEQPIPE_JAR=target/device-check/files/seqpipe-cuda.jar"), gpuRun);
        assertTrue(gpuRun.contains("-Dspark.master=local[4]"), gpuRun);
        assertTrue(gpuRun.contains(" --set paths.train=target/device-check/files/conll/eng.train.first4000"
                + " --set paths.validation=data/conll/eng.testa --set paths.test=data/conll/eng.testb"
                + " --set train.epochs=3 --set paths.work=target/device-check/files/conll-gpu"), gpuRun);
        String cpuRun = r.lines().stream().filter(l -> l.startsWith("conll-cpu: ")).findFirst().orElseThrow();
        assertEquals(gpuRun.substring("conll-gpu: ".length()).replace("seqpipe-cuda.jar", "seqpipe-cpu.jar")
                .replace("conll-gpu", "conll-cpu"), cpuRun.substring("conll-cpu: ".length()),
                "the CPU run differs from the GPU run by its jar and its work folder alone");
        assertFalse(Files.exists(out), "a dry run writes nothing");
    }

    @Test
    void onlyAndSizesChangeTheCommands() throws Exception {
        Result r = exec("--dry-run", "--only", "conll", "--sentences", "500", "--epochs", "2", "--conll", "d");
        assertEquals(0, r.exitCode(), r.out());
        assertEquals(List.of("conll-data", "conll-gpu", "conll-cpu"),
                r.lines().stream().map(l -> l.substring(0, l.indexOf(':'))).toList());
        assertTrue(r.lines().get(0).endsWith("' d/eng.train > target/device-check/files/conll/eng.train.first500"),
                r.out());
        assertTrue(r.lines().get(1).contains("--set train.epochs=2"), r.out());
    }

    @Test
    void aPartWithoutTimeLeftIsRecordedAsSkippedInTheJson() throws Exception {
        Path out = tmp.resolve("out");
        Result r = exec("--only", "preflight", "--budget", "1", "--out", out.toString());
        assertEquals(1, r.exitCode(), r.out());
        String json = Files.readString(out.resolve("device-check.json"));
        for (String step : List.of("preflight-gpu", "preflight-arch", "preflight-java", "preflight-mvn")) {
            assertTrue(json.contains("\"" + step + "\": {\n      \"status\": \"skipped\",\n      \"exitCode\": null,\n"
                    + "      \"seconds\": 0,\n      \"detail\": \"no time left of --budget 1 s\"\n    }"), json);
        }
        assertTrue(json.contains("\"allPartsOk\": false"), json);
        assertEquals("", Files.readString(out.resolve("device-check.log")));
    }

    @Test
    void aGpuNewerThanTheCudaBinariesSkipsEveryCudaPartSayingWhy() throws Exception {
        // a Hopper GPU (compute capability 9.0), which ND4J 1.0.0-M2.1's CUDA binaries do not cover
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/usr/bin/env bash\ncase \"$*\" in *=compute_cap\\ *) echo 9.0 ;;"
                + " *) echo 'NVIDIA H200, 550.54, 143771 MiB, 9.0' ;; esac\n");
        assertTrue(smi.toFile().setExecutable(true));
        Path out = tmp.resolve("out");
        Result r = exec(bin, "--only", "preflight,gradients", "--out", out.toString());
        assertEquals(1, r.exitCode(), r.out());
        String json = Files.readString(out.resolve("device-check.json"));
        assertTrue(json.contains("\"preflight-arch\": {\n      \"status\": \"failed\""), json);
        assertTrue(json.contains("\"gradients-cuda\": {\n      \"status\": \"skipped\",\n      \"exitCode\": null,\n"
                + "      \"seconds\": 0,\n      \"detail\": \"ND4J 1.0.0-M2.1's CUDA binaries run on compute capability"
                + " 3.7 to 8.9, this GPU is 9.0 (preflight-arch)\"\n    }"), json);
        assertTrue(Files.readString(out.resolve("device-check.log")).contains("compute capability 9.0\n"));
    }

    @Test
    void badArgumentsAreUsageErrorsSayingWhatIsWrong() throws Exception {
        Result part = exec("--dry-run", "--only", "gradients,bogus");
        assertEquals(2, part.exitCode(), part.out());
        assertEquals("device-check: unknown part 'bogus'", part.lines().get(0));
        assertTrue(part.lines().get(1).endsWith("parts: preflight,build,gradients,throughput,conll"), part.out());
        Result epochs = exec("--dry-run", "--epochs", "0");
        assertEquals(2, epochs.exitCode(), epochs.out());
        assertEquals("device-check: --epochs must be a whole number >= 1, got '0'", epochs.lines().get(0));
        Result unknown = exec("--gpu");
        assertEquals(2, unknown.exitCode(), unknown.out());
        assertEquals("device-check: unknown argument '--gpu'", unknown.lines().get(0));
        Result missing = exec("--dry-run", "--out");
        assertEquals(2, missing.exitCode(), missing.out());
        assertEquals("device-check: --out needs a value", missing.lines().get(0));
    }
}
