package io.seqpipe.inference;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A partition's predictions, computed lazily batch by batch: at most one batch (or one pool, see {@link Batching}) of
 * inputs and predictions is in memory, so a partition of any size is predicted in bounded memory, and each prediction
 * comes out paired with its input. Pure: no Spark ({@code BroadcastModel} runs it on each partition).
 */
public final class BatchedPredictions {
    private BatchedPredictions() {
    }

    /**
     * The predictions of {@code adapter} over {@code source}; {@code network} is called once, at the first batch, so an
     * empty partition never restores a network.
     */
    public static <I, P> Iterator<Prediction<I, P>> of(Iterator<I> source, InferenceAdapter<I, P> adapter,
                                                       int batchSize, Supplier<ComputationGraph> network) {
        if (!source.hasNext()) {
            return Collections.emptyIterator();
        }
        return of(adapter.batching(batchSize).batches(source), new Function<>() {
            private ComputationGraph restored;
            private boolean done;

            @Override
            public List<P> apply(List<I> batch) {
                if (!done) {
                    restored = network.get();
                    done = true;
                }
                return adapter.predict(restored, batch);
            }
        });
    }

    /**
     * Each input of {@code batches} paired with its prediction by {@code predictor} (one per input, in the batch's
     * order), in batch order.
     */
    public static <I, P> Iterator<Prediction<I, P>> of(Iterator<List<I>> batches,
                                                       Function<List<I>, List<P>> predictor) {
        return new Iterator<>() {
            private List<I> inputs = List.of();
            private List<P> outputs = List.of();
            private int next;

            @Override
            public boolean hasNext() {
                while (next == inputs.size() && batches.hasNext()) {
                    inputs = batches.next();
                    outputs = predictor.apply(inputs);
                    next = 0;
                    if (outputs.size() != inputs.size()) {
                        throw new IllegalStateException("inference gave " + outputs.size() + " predictions for a"
                                + " batch of " + inputs.size() + " inputs");
                    }
                }
                return next < inputs.size();
            }

            @Override
            public Prediction<I, P> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Prediction<I, P> p = new Prediction<>(inputs.get(next), outputs.get(next));
                next++;
                return p;
            }
        };
    }
}
