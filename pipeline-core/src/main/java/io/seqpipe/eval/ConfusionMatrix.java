package io.seqpipe.eval;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Counts of (actual class, predicted class) pairs. Mergeable, so each Spark partition fills its own and the driver
 * adds them up: the merged matrix equals the one computed on all predictions at once.
 */
public final class ConfusionMatrix implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long[][] counts;

    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        this.counts = new long[classes][classes];
    }

    public int classes() {
        return counts.length;
    }

    public ConfusionMatrix add(int actual, int predicted) {
        counts[actual][predicted]++;
        return this;
    }

    /** Adds every pair {@code (actual[i], predicted[i])}, e.g. the tag indices of one sentence's tokens. */
    public ConfusionMatrix addAll(int[] actual, int[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " actual classes but " + predicted.length
                    + " predicted");
        }
        for (int i = 0; i < actual.length; i++) {
            counts[actual[i]][predicted[i]]++;
        }
        return this;
    }

    /** Adds {@code other} into this matrix and returns this. */
    public ConfusionMatrix merge(ConfusionMatrix other) {
        if (other.classes() != classes()) {
            throw new IllegalArgumentException("cannot merge " + other.classes() + " classes into " + classes());
        }
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                counts[i][j] += other.counts[i][j];
            }
        }
        return this;
    }

    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public long total() {
        long t = 0;
        for (long[] row : counts) {
            for (long c : row) {
                t += c;
            }
        }
        return t;
    }

    public long correct() {
        long c = 0;
        for (int i = 0; i < counts.length; i++) {
            c += counts[i][i];
        }
        return c;
    }

    public long actualCount(int cls) {
        return Arrays.stream(counts[cls]).sum();
    }

    public long predictedCount(int cls) {
        long s = 0;
        for (long[] row : counts) {
            s += row[cls];
        }
        return s;
    }

    /** A copy of the counts, {@code [actual][predicted]}. */
    public long[][] toArray() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }
}
