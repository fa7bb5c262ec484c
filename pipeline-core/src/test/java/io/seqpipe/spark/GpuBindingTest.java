package io.seqpipe.spark;

import io.seqpipe.spark.GpuBinding.Backend;
import io.seqpipe.spark.GpuBinding.Decision;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a task does with the GPU Spark assigned it, from the backend and the addresses alone (no GPU, no Spark). */
class GpuBindingTest {

    @Test
    void backendFromNd4jsBackendClassName() {
        assertEquals(Backend.CPU, Backend.of("org.nd4j.linalg.cpu.nativecpu.CpuBackend"));
        assertEquals(Backend.CUDA, Backend.of("org.nd4j.linalg.jcublas.JCublasBackend"));
    }

    @Test
    void cpuTaskWithoutGpuDoesNothing() {
        assertFalse(GpuBinding.decide(Backend.CPU, List.of(), null, 0).binds());
        assertFalse(GpuBinding.decide(Backend.CPU, List.of(), "0,1", 0).binds());
    }

    @Test
    void gpuAssignedToTheCpuBackendFailsNamingTheCudaJar() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GpuBinding.decide(Backend.CPU, List.of("1"), null, 1));
        assertTrue(e.getMessage().startsWith("Spark assigned this task GPU [1] but ND4J runs its CPU backend:"
                + " submit the CUDA jar (jobs/target/seqpipe-cuda.jar, built with 'mvn -Pcuda package'"),
                e.getMessage());
    }

    @Test
    void cudaBackendWithoutAnyGpuFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GpuBinding.decide(Backend.CUDA, List.of(), null, 0));
        assertTrue(e.getMessage().startsWith("ND4J runs its CUDA backend (the -Pcuda jar) but sees no GPU: run it on"
                + " nodes with an NVIDIA GPU"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> GpuBinding.decide(Backend.CUDA, List.of("0"), "", 0));
        assertTrue(e.getMessage().contains("sees no GPU (CUDA_VISIBLE_DEVICES=)"), e.getMessage());
    }

    @Test
    void cudaTaskIsBoundToItsAddress() {
        assertEquals(new Decision(3), GpuBinding.decide(Backend.CUDA, List.of("3"), null, 4));
        assertEquals(new Decision(0), GpuBinding.decide(Backend.CUDA, List.of(" 0"), "", 1));
        // no GPU scheduling (local mode, or GPU settings left out): ND4J's own choice
        assertFalse(GpuBinding.decide(Backend.CUDA, List.of(), null, 2).binds());
    }

    @Test
    void cudaVisibleDevicesRenumbersAddresses() {
        // nvidia-smi index 5 is CUDA's device 1 when only GPUs 2 and 5 are visible
        assertEquals(new Decision(1), GpuBinding.decide(Backend.CUDA, List.of("5"), "2, 5", 2));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GpuBinding.decide(Backend.CUDA, List.of("3"), "2,5", 2));
        assertTrue(e.getMessage().startsWith("Spark assigned this task GPU 3 but CUDA_VISIBLE_DEVICES=2,5 hides it"),
                e.getMessage());
    }

    @Test
    void addressesTheCudaBackendCannotUseFail() {
        IllegalStateException beyond = assertThrows(IllegalStateException.class,
                () -> GpuBinding.decide(Backend.CUDA, List.of("2"), null, 2));
        assertTrue(beyond.getMessage().startsWith("Spark assigned this task GPU 2 but the CUDA backend sees 2"
                + " device(s) (0..1)"), beyond.getMessage());
        IllegalStateException two = assertThrows(IllegalStateException.class,
                () -> GpuBinding.decide(Backend.CUDA, List.of("0", "1"), null, 2));
        assertTrue(two.getMessage().contains("set spark.task.resource.gpu.amount to 1"), two.getMessage());
        IllegalStateException uuid = assertThrows(IllegalStateException.class,
                () -> GpuBinding.decide(Backend.CUDA, List.of("GPU-8f3a"), null, 2));
        assertTrue(uuid.getMessage().startsWith("Spark assigned this task GPU address 'GPU-8f3a'"), uuid.getMessage());
    }

    @Test
    void assignedAddressesFromTheTasksResources() {
        assertEquals(List.of("0", "2"), GpuBinding.assigned(
                Map.of("gpu", new ResourceInformation("gpu", new String[]{"0", "2"}))));
        assertEquals(List.of(), GpuBinding.assigned(
                Map.of("fpga", new ResourceInformation("fpga", new String[]{"0"}))));
    }

    @Test
    void outsideASparkTaskOnTheCpuBackendBindingDoesNothing() {
        GpuBinding.bindCurrentTask();
    }

    @Test
    void theCudaBuildOnTheCpuBackendIsAnErrorAndThisBuildIsTheCpuOne() {
        assertEquals(Backend.CPU, GpuBinding.builtFor(), "the default build writes nd4jBackend=nd4j-native");
        GpuBinding.requireBuiltBackend(Backend.CPU, Backend.CPU);
        GpuBinding.requireBuiltBackend(Backend.CUDA, Backend.CUDA);
        GpuBinding.requireBuiltBackend(Backend.CPU, Backend.CUDA);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GpuBinding.requireBuiltBackend(Backend.CUDA, Backend.CPU));
        assertTrue(e.getMessage().startsWith("this is SeqPipe's CUDA build (the -Pcuda jar, seqpipe-cuda.jar) but"
                + " ND4J runs its CPU backend"), e.getMessage());
        assertTrue(e.getMessage().endsWith("use the CPU jar (jobs/target/seqpipe.jar)"), e.getMessage());
    }
}
