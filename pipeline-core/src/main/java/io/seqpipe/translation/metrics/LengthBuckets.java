package io.seqpipe.translation.metrics;

/**
 * The sentence-length buckets of BLEU by length in evaluate's report, by reference length in tokens: 1–5, 6–10, 11–15,
 * 16–20, 21–25, 26–30, 31–40, 41–50 and 51 or more.
 */
public final class LengthBuckets {
    private static final int[] UPPER = {5, 10, 15, 20, 25, 30, 40, 50};

    private LengthBuckets() {
    }

    /** The bucket of a sentence of {@code tokens} reference tokens, 0-based; an empty reference falls into the first. */
    public static int of(int tokens) {
        for (int b = 0; b < UPPER.length; b++) {
            if (tokens <= UPPER[b]) {
                return b;
            }
        }
        return UPPER.length;
    }

    /** The bucket's label, e.g. {@code 6–10} or {@code 51+}. */
    public static String label(int bucket) {
        if (bucket < 0 || bucket > UPPER.length) {
            throw new IllegalArgumentException("bucket must be in [0, " + UPPER.length + "], got " + bucket);
        }
        if (bucket == UPPER.length) {
            return (UPPER[UPPER.length - 1] + 1) + "+";
        }
        return (bucket == 0 ? 1 : UPPER[bucket - 1] + 1) + "\u2013" + UPPER[bucket];
    }
}
