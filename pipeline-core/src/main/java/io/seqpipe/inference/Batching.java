package io.seqpipe.inference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.ToIntFunction;

/**
 * How a partition's inputs are cut into inference batches, lazily, so that memory holds one batch (or one pool of
 * batches) whatever the partition's size. Every input is in exactly one batch.
 */
public interface Batching<I> extends Serializable {

    /** The batches of {@code source}. */
    Iterator<List<I>> batches(Iterator<I> source);

    /** This batching of records seen through {@code view}. */
    <R> Batching<R> on(InferenceAdapter.SerializableFunction<R, I> view);

    /** Batches of {@code size} in input order (the last one may be shorter). */
    static <I> Batching<I> inOrder(int size) {
        return new LengthSorted<>(size, 1, null);
    }

    /**
     * Up to {@value LengthSorted#POOL} batches' worth of inputs are read, sorted by {@code length} and cut into
     * batches, so a batch pads (and decodes) to similar lengths. Memory: one pool. Batches do not follow input order.
     */
    static <I> Batching<I> lengthSorted(int size, SerializableToIntFunction<I> length) {
        return new LengthSorted<>(size, LengthSorted.POOL, length);
    }

    /** A length function Spark can ship to the executors. */
    @FunctionalInterface
    interface SerializableToIntFunction<I> extends ToIntFunction<I>, Serializable {
    }

    /** Pools of {@code pool × size} inputs, sorted by length when there is one, cut into batches of {@code size}. */
    record LengthSorted<I>(int size, int pool, SerializableToIntFunction<I> length) implements Batching<I> {
        static final int POOL = 20;

        public LengthSorted {
            if (size < 1) {
                throw new IllegalArgumentException("an inference batch holds at least one input, got size " + size);
            }
        }

        @Override
        public <R> Batching<R> on(InferenceAdapter.SerializableFunction<R, I> view) {
            SerializableToIntFunction<I> inner = length;
            return new LengthSorted<>(size, pool, inner == null ? null : r -> inner.applyAsInt(view.apply(r)));
        }

        @Override
        public Iterator<List<I>> batches(Iterator<I> source) {
            return new Iterator<>() {
                private final List<List<I>> ready = new ArrayList<>();
                private int next;

                @Override
                public boolean hasNext() {
                    if (next == ready.size() && source.hasNext()) {
                        ready.clear();
                        next = 0;
                        List<I> read = new ArrayList<>(Math.min(pool * size, 1 << 16));
                        while (source.hasNext() && read.size() < pool * size) {
                            read.add(source.next());
                        }
                        if (length != null) {
                            read.sort(Comparator.comparingInt(length));
                        }
                        for (int i = 0; i < read.size(); i += size) {
                            ready.add(new ArrayList<>(read.subList(i, Math.min(read.size(), i + size))));
                        }
                    }
                    return next < ready.size();
                }

                @Override
                public List<I> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    List<I> batch = ready.get(next);
                    ready.set(next++, null); // released as soon as it is handed out
                    return batch;
                }
            };
        }
    }
}
