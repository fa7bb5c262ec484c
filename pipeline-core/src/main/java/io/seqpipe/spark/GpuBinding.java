package io.seqpipe.spark;

import io.seqpipe.provenance.BuildInfo;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Binds ND4J, in the thread of a Spark task, to the GPU that Spark assigned the task
 * ({@code spark.task.resource.gpu.amount}, {@code TaskContext.resources()}), so that two executors or two tasks on one
 * node never share a device by accident (ND4J's CUDA backend otherwise hands devices to threads round-robin).
 * Called where executor-side work starts, before any array is created in the task: the training rounds' partitions
 * and {@link BroadcastModel#restore}.
 * <p>
 * A task without a GPU on the CPU backend: nothing to do. Every mismatch fails the task with a message that says what
 * to change, never a silent fall-back: a GPU assigned while ND4J runs its CPU backend (the CPU jar on a GPU node), the
 * CUDA backend with no GPU visible, an address the CUDA backend does not see, or more than one GPU per task.
 * What to do is decided by {@link #decide} (pure, unit-tested without a GPU); {@link #bindCurrentTask} applies it.
 */
public final class GpuBinding {
    private static final Logger LOG = LoggerFactory.getLogger(GpuBinding.class);
    /** Spark's resource name for GPUs (the discovery script's {@code "name"}). */
    public static final String RESOURCE = "gpu";
    private static final Backend BUILT_FOR = builtFor();

    private GpuBinding() {
    }

    /** The ND4J backend a JVM runs. */
    public enum Backend {
        CPU, CUDA;

        /** From ND4J's backend class name ({@code ...nativecpu.CpuBackend}, {@code ...jcublas.JCublasBackend}). */
        public static Backend of(String backendClassName) {
            return backendClassName.toLowerCase(java.util.Locale.ROOT).contains("jcublas") ? CUDA : CPU;
        }
    }

    /**
     * The backend this SeqPipe build was made for: CUDA for the {@code -Pcuda} jar, from the {@code nd4jBackend} that
     * Maven writes into {@code io/seqpipe/build.properties}; CPU when it says nothing else.
     */
    public static Backend builtFor() {
        return BuildInfo.targetBackend().contains("cuda") ? Backend.CUDA : Backend.CPU;
    }

    /**
     * Fails when the CUDA build runs on ND4J's CPU backend: its CUDA backend did not load (no NVIDIA driver or GPU),
     * and a CPU backend found elsewhere on the classpath (local runs add the Maven dependencies) would otherwise train
     * on the CPU as if nothing were wrong.
     */
    public static void requireBuiltBackend(Backend builtFor, Backend loaded) {
        if (builtFor == Backend.CUDA && loaded == Backend.CPU) {
            throw new IllegalStateException("this is SeqPipe's CUDA build (the -Pcuda jar, seqpipe-cuda.jar) but ND4J"
                    + " runs its CPU backend: the CUDA backend did not load (ND4J's 'Skipped [JCublasBackend]' warning"
                    + " says why; usually no NVIDIA driver or GPU on this node) and a CPU backend was found elsewhere"
                    + " on the classpath. Run it on GPU nodes, or use the CPU jar (jobs/target/seqpipe.jar)");
        }
    }

    /** What a task does: nothing ({@code device < 0}), or bind its thread to CUDA device ordinal {@code device}. */
    public record Decision(int device) {
        static final Decision NOTHING = new Decision(-1);

        public boolean binds() {
            return device >= 0;
        }
    }

    /**
     * What a task does, or an {@link IllegalStateException} saying why it cannot run.
     *
     * @param backend              the ND4J backend of this JVM
     * @param assigned             the GPU addresses Spark assigned the task (empty: none, or no task)
     * @param cudaVisibleDevices   the {@code CUDA_VISIBLE_DEVICES} environment variable, or null when unset: with it,
     *                             CUDA numbers the listed GPUs 0, 1, ... in that order, so an address (an
     *                             {@code nvidia-smi} index) becomes its position in the list
     * @param visibleDevices       how many devices the CUDA backend sees (ignored on the CPU backend)
     */
    public static Decision decide(Backend backend, List<String> assigned, String cudaVisibleDevices,
                                  int visibleDevices) {
        if (backend == Backend.CPU) {
            if (!assigned.isEmpty()) {
                throw new IllegalStateException("Spark assigned this task GPU " + assigned + " but ND4J runs its CPU"
                        + " backend: submit the CUDA jar (jobs/target/seqpipe-cuda.jar, built with 'mvn -Pcuda"
                        + " package'; scripts/spark-submit.sh --gpus-per-executor picks it), or drop the"
                        + " spark.executor.resource.gpu.* and spark.task.resource.gpu.* settings to train on the CPU");
            }
            return Decision.NOTHING;
        }
        if (visibleDevices <= 0) {
            throw new IllegalStateException("ND4J runs its CUDA backend (the -Pcuda jar) but sees no GPU"
                    + (cudaVisibleDevices == null ? "" : " (CUDA_VISIBLE_DEVICES=" + cudaVisibleDevices + ")")
                    + ": run it on nodes with an NVIDIA GPU and driver (check nvidia-smi), or submit the CPU jar"
                    + " (jobs/target/seqpipe.jar)");
        }
        if (assigned.isEmpty()) {
            return Decision.NOTHING;
        }
        if (assigned.size() > 1) {
            throw new IllegalStateException("Spark assigned this task " + assigned.size() + " GPUs " + assigned
                    + "; a SeqPipe task trains on one: set spark.task.resource.gpu.amount to 1 (or a fraction to share"
                    + " one GPU between tasks)");
        }
        String address = assigned.get(0).trim();
        int index;
        try {
            index = Integer.parseInt(address);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Spark assigned this task GPU address '" + address + "'; SeqPipe expects"
                    + " an nvidia-smi index (0, 1, ...), as scripts/gpu-discovery.sh prints", e);
        }
        int device = index;
        if (cudaVisibleDevices != null && !cudaVisibleDevices.isBlank()) {
            List<String> visible = new ArrayList<>();
            Arrays.stream(cudaVisibleDevices.split(",")).map(String::trim).forEach(visible::add);
            device = visible.indexOf(address);
            if (device < 0) {
                throw new IllegalStateException("Spark assigned this task GPU " + address + " but"
                        + " CUDA_VISIBLE_DEVICES=" + cudaVisibleDevices + " hides it: unset CUDA_VISIBLE_DEVICES on"
                        + " the executors and let Spark's discovery script and scheduling pick the GPUs");
            }
        }
        if (device >= visibleDevices) {
            throw new IllegalStateException("Spark assigned this task GPU " + address + " but the CUDA backend sees "
                    + visibleDevices + " device(s) (0.." + (visibleDevices - 1) + "): check that the discovery script"
                    + " and CUDA see the same GPUs");
        }
        return new Decision(device);
    }

    /**
     * Binds the calling Spark task's thread to its assigned GPU, as {@link #decide} says; outside a task (the driver)
     * and on the CPU backend without a GPU it does nothing. Throws {@link IllegalStateException} when the task cannot
     * run as configured.
     */
    public static void bindCurrentTask() {
        TaskContext task = TaskContext.get();
        List<String> assigned = task == null ? List.of() : assigned(task.resourcesJMap());
        Backend backend = backend();
        requireBuiltBackend(BUILT_FOR, backend);
        if (backend == Backend.CPU && assigned.isEmpty()) {
            return;
        }
        AffinityManager affinity = Nd4j.getAffinityManager();
        Decision decision = decide(backend, assigned, System.getenv("CUDA_VISIBLE_DEVICES"),
                affinity.getNumberOfDevices());
        // ND4J 1.0.0-M2.1's CUDA backend takes a thread's device from CUDA's current device (cudaGetDevice); switching
        // it releases the thread's context first, as ND4J's own CudaAffinityManager.replicateToDevice does
        if (decision.binds() && affinity.getDeviceForCurrentThread() != decision.device()) {
            Nd4j.getMemoryManager().releaseCurrentContext();
            affinity.unsafeSetDevice(decision.device());
            LOG.debug("task {} bound to CUDA device {} (Spark GPU {})", task.taskAttemptId(), decision.device(),
                    assigned.get(0));
        }
    }

    static List<String> assigned(Map<String, ResourceInformation> resources) {
        ResourceInformation gpu = resources.get(RESOURCE);
        return gpu == null ? List.of() : List.of(gpu.addresses());
    }

    private static Backend backend() {
        try {
            return Backend.of(Nd4j.getBackend().getClass().getName());
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("ND4J could not load its backend on this node (" + e + "): the CUDA jar"
                    + " (seqpipe-cuda.jar) needs an NVIDIA GPU, its driver and a CUDA runtime it was built for;"
                    + " on a node without them submit the CPU jar (jobs/target/seqpipe.jar)", e);
        }
    }
}
