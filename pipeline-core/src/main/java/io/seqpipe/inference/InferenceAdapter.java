package io.seqpipe.inference;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed boundary between a task's records and its network, as DJL's {@code Translator}: a batch of inputs
 * becomes the network's inputs ({@link #inputs}), and the network's outputs become one prediction per input
 * ({@link #predictions}). Each task has one (classifier, tagger, forecaster, translator), shared by its evaluate,
 * score and per-epoch validation; {@link BatchedPredictions} runs it over a partition and {@code BroadcastModel}
 * over an RDD. Adapters are pure and serializable: they travel to the executors inside Spark closures.
 *
 * @param <I> what the network is applied to (an encoded example, a window, a sentence pair)
 * @param <P> what it predicts for one input (class probabilities, tag ids, a forecast, a translation)
 */
public interface InferenceAdapter<I, P> extends Serializable {

    /** The network inputs (features and masks) of a non-empty batch. */
    NetworkInputs inputs(List<I> batch);

    /** One prediction per input of {@code batch}, in its order, from the network's {@code outputs} for it. */
    List<P> predictions(List<I> batch, INDArray[] outputs);

    /**
     * The predictions of a batch: by default one forward pass ({@link #inputs}, then {@link #predictions}). An adapter
     * whose prediction needs several passes (a step-by-step decoder) overrides this.
     */
    default List<P> predict(ComputationGraph network, List<I> batch) {
        return predictions(batch, inputs(batch).outputsOf(network));
    }

    /** How a partition is cut into batches of at most {@code batchSize}: by default in input order. */
    default Batching<I> batching(int batchSize) {
        return Batching.inOrder(batchSize);
    }

    /**
     * This adapter applied to records of another type through {@code view} (e.g. a scored line through its encoded
     * example): predictions stay paired with the caller's records, so nothing has to be held aside to join them.
     */
    default <R> InferenceAdapter<R, P> on(SerializableFunction<R, I> view) {
        InferenceAdapter<I, P> inner = this;
        return new InferenceAdapter<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public NetworkInputs inputs(List<R> batch) {
                return inner.inputs(viewed(batch));
            }

            @Override
            public List<P> predictions(List<R> batch, INDArray[] outputs) {
                return inner.predictions(viewed(batch), outputs);
            }

            @Override
            public List<P> predict(ComputationGraph network, List<R> batch) {
                return inner.predict(network, viewed(batch));
            }

            @Override
            public Batching<R> batching(int batchSize) {
                return inner.batching(batchSize).on(view);
            }

            private List<I> viewed(List<R> batch) {
                List<I> out = new ArrayList<>(batch.size());
                batch.forEach(r -> out.add(view.apply(r)));
                return out;
            }
        };
    }

    /** A function that Spark can ship to the executors. */
    @FunctionalInterface
    interface SerializableFunction<A, B> extends java.util.function.Function<A, B>, Serializable {
    }
}
