package io.seqpipe.spark;

import io.seqpipe.inference.BatchedPredictions;
import io.seqpipe.inference.InferenceAdapter;
import io.seqpipe.model.ModelBytes;
import io.seqpipe.inference.Prediction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.Serializable;

/**
 * A network broadcast once to the executors, for inference: {@link #predict} restores it once per non-empty partition
 * and runs an {@link InferenceAdapter} over the partition in bounded-memory batches ({@link BatchedPredictions}).
 * Closing it destroys the broadcast; use it in try-with-resources.
 * <pre>
 *   try (BroadcastModel model = BroadcastModel.of(sc, weights)) {
 *       JavaRDD&lt;Prediction&lt;Example, float[]&gt;&gt; p = model.predict(examples, adapter, batchSize);
 *       ... actions on p ...
 *   }
 * </pre>
 */
public final class BroadcastModel implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    private final Broadcast<byte[]> bytes;
    private transient boolean closed;

    private BroadcastModel(Broadcast<byte[]> bytes) {
        this.bytes = bytes;
    }

    /** Broadcasts a network serialized by {@link ModelBytes} (a model directory's {@code model.zip}). */
    public static BroadcastModel of(JavaSparkContext sc, byte[] modelBytes) {
        return new BroadcastModel(sc.broadcast(modelBytes));
    }

    /** Broadcasts {@code network}'s parameters (without its updater state): a validator's view of training. */
    public static BroadcastModel of(JavaSparkContext sc, ComputationGraph network) {
        return of(sc, ModelBytes.of(network, false));
    }

    /** The network, restored from the broadcast bytes (on an executor, on the GPU Spark assigned the task if any). */
    public ComputationGraph restore() {
        GpuBinding.bindCurrentTask();
        return ModelBytes.restore(bytes.value());
    }

    /**
     * Each input with its prediction, lazily: per partition the network is restored once (not at all for an empty
     * partition) and applied batch by batch ({@link InferenceAdapter#batching}). Actions on the result must run before
     * this model is closed.
     */
    public <I, P> JavaRDD<Prediction<I, P>> predict(JavaRDD<I> inputs, InferenceAdapter<I, P> adapter, int batchSize) {
        return inputs.mapPartitions(it -> BatchedPredictions.of(it, adapter, batchSize, this::restore));
    }

    /** Destroys the broadcast (once; closing again does nothing). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            bytes.destroy();
        }
    }
}
