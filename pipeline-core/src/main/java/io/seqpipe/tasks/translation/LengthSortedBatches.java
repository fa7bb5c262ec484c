package io.seqpipe.tasks.translation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.ToIntFunction;

/**
 * Decoding batches of a partition: reads up to {@value #POOL} batches' worth of items, sorts them by length and cuts
 * them into batches, so a batch pads (and searches) to similar lengths. Memory: one pool. Order of results differs from
 * the input order; every item is in exactly one batch.
 */
final class LengthSortedBatches<T> implements Iterator<List<T>> {
    static final int POOL = 20;
    private final Iterator<T> source;
    private final int batchSize;
    private final ToIntFunction<T> length;
    private final List<List<T>> ready = new ArrayList<>();
    private int next;

    LengthSortedBatches(Iterator<T> source, int batchSize, ToIntFunction<T> length) {
        this.source = source;
        this.batchSize = batchSize;
        this.length = length;
    }

    @Override
    public boolean hasNext() {
        if (next == ready.size() && source.hasNext()) {
            ready.clear();
            next = 0;
            List<T> pool = new ArrayList<>(POOL * batchSize);
            while (source.hasNext() && pool.size() < POOL * batchSize) {
                pool.add(source.next());
            }
            pool.sort(Comparator.comparingInt(length));
            for (int i = 0; i < pool.size(); i += batchSize) {
                ready.add(new ArrayList<>(pool.subList(i, Math.min(pool.size(), i + batchSize))));
            }
        }
        return next < ready.size();
    }

    @Override
    public List<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<T> batch = ready.get(next);
        ready.set(next++, null);
        return batch;
    }
}
