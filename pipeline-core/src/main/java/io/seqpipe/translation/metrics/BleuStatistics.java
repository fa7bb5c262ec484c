package io.seqpipe.translation.metrics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sufficient statistics of corpus BLEU: per n-gram order the clipped matches and the hypothesis n-gram count, and
 * the summed hypothesis and reference lengths. Sentences add into it and partitions {@link #merge} into each other, so
 * a corpus scored in pieces gives exactly the number of the whole corpus scored at once (all counts are integers).
 *
 * <p>Per sentence, as sacreBLEU and HuggingFace {@code evaluate} both count: each hypothesis n-gram count is clipped
 * by its largest count in any one reference; the hypothesis n-gram total of order {@code n} is
 * {@code max(0, len - n + 1)}. The reference length added depends on the {@link ReferenceLength} rule, which only
 * matters with several references.
 */
public final class BleuStatistics implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Which reference's length a sentence contributes when it has several. */
    public enum ReferenceLength {
        /** The one closest to the hypothesis length, the shorter on a tie (sacreBLEU, mteval-v13a). */
        CLOSEST,
        /** The shortest (HuggingFace {@code evaluate} "bleu", i.e. TensorFlow NMT's {@code compute_bleu}). */
        SHORTEST
    }

    private final long[] matches;
    private final long[] totals;
    private long hypLength;
    private long refLength;
    private long sentences;

    /** Empty statistics for n-grams up to {@code maxOrder}. */
    public BleuStatistics(int maxOrder) {
        if (maxOrder < 1) {
            throw new IllegalArgumentException("BLEU max n-gram order must be >= 1, got " + maxOrder);
        }
        this.matches = new long[maxOrder];
        this.totals = new long[maxOrder];
    }

    /** Statistics from raw counts (e.g. read back from a metrics file). */
    public static BleuStatistics of(long[] matches, long[] totals, long hypLength, long refLength, long sentences) {
        if (matches.length != totals.length) {
            throw new IllegalArgumentException(matches.length + " match counts but " + totals.length + " totals");
        }
        BleuStatistics s = new BleuStatistics(matches.length);
        System.arraycopy(matches, 0, s.matches, 0, matches.length);
        System.arraycopy(totals, 0, s.totals, 0, totals.length);
        s.hypLength = hypLength;
        s.refLength = refLength;
        s.sentences = sentences;
        return s;
    }

    /**
     * Adds one sentence: its hypothesis tokens against one or more references' tokens.
     *
     * @return this
     */
    public BleuStatistics add(List<String> hypothesis, List<List<String>> references, ReferenceLength rule) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("BLEU needs at least one reference per sentence");
        }
        int maxOrder = maxOrder();
        Map<List<String>, Integer> refMax = new HashMap<>();
        int hypLen = hypothesis.size();
        int chosen = -1;
        for (List<String> ref : references) {
            for (Map.Entry<List<String>, Integer> e : ngrams(ref, maxOrder).entrySet()) {
                refMax.merge(e.getKey(), e.getValue(), Math::max);
            }
            int len = ref.size();
            if (chosen < 0) {
                chosen = len;
            } else if (rule == ReferenceLength.SHORTEST) {
                chosen = Math.min(chosen, len);
            } else {
                int diff = Math.abs(hypLen - len);
                int best = Math.abs(hypLen - chosen);
                if (diff < best || (diff == best && len < chosen)) {
                    chosen = len;
                }
            }
        }
        for (Map.Entry<List<String>, Integer> e : ngrams(hypothesis, maxOrder).entrySet()) {
            Integer inRef = refMax.get(e.getKey());
            if (inRef != null) {
                matches[e.getKey().size() - 1] += Math.min(e.getValue(), inRef);
            }
        }
        for (int n = 1; n <= maxOrder; n++) {
            totals[n - 1] += Math.max(0, hypLen - n + 1);
        }
        hypLength += hypLen;
        refLength += chosen;
        sentences++;
        return this;
    }

    /** Counts of every n-gram of orders 1..maxOrder. */
    static Map<List<String>, Integer> ngrams(List<String> tokens, int maxOrder) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int n = 1; n <= maxOrder; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Adds {@code other} (e.g. another partition's statistics) into this and returns this. */
    public BleuStatistics merge(BleuStatistics other) {
        if (other.maxOrder() != maxOrder()) {
            throw new IllegalArgumentException("cannot merge BLEU statistics of order " + other.maxOrder() + " into "
                    + maxOrder());
        }
        for (int i = 0; i < matches.length; i++) {
            matches[i] += other.matches[i];
            totals[i] += other.totals[i];
        }
        hypLength += other.hypLength;
        refLength += other.refLength;
        sentences += other.sentences;
        return this;
    }

    public int maxOrder() {
        return matches.length;
    }

    /** Clipped matches of order {@code n} (1-based). */
    public long matches(int n) {
        return matches[n - 1];
    }

    /** Hypothesis n-grams of order {@code n} (1-based). */
    public long totals(int n) {
        return totals[n - 1];
    }

    public long[] matches() {
        return matches.clone();
    }

    public long[] totals() {
        return totals.clone();
    }

    public long hypLength() {
        return hypLength;
    }

    public long refLength() {
        return refLength;
    }

    public long sentences() {
        return sentences;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BleuStatistics s && Arrays.equals(matches, s.matches) && Arrays.equals(totals, s.totals)
                && hypLength == s.hypLength && refLength == s.refLength && sentences == s.sentences;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(matches) + Arrays.hashCode(totals)) + Long.hashCode(hypLength ^ refLength);
    }

    @Override
    public String toString() {
        return "BleuStatistics{matches=" + Arrays.toString(matches) + ", totals=" + Arrays.toString(totals)
                + ", hypLength=" + hypLength + ", refLength=" + refLength + ", sentences=" + sentences + "}";
    }
}
