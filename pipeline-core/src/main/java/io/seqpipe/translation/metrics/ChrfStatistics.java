package io.seqpipe.translation.metrics;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The sufficient statistics of corpus chrF: per character n-gram order {@code n = 1..order}, the hypothesis n-gram
 * count, the reference n-gram count and the matched (clipped) count, summed over sentences, exactly sacreBLEU's
 * {@code [hyp, ref, match]} triples. Mergeable across partitions; integers, so merging in any order is exact.
 */
public final class ChrfStatistics implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long[] hyp;
    private final long[] ref;
    private final long[] match;
    private long sentences;

    public ChrfStatistics(int order) {
        if (order < 1) {
            throw new IllegalArgumentException("chrF character order must be >= 1, got " + order);
        }
        hyp = new long[order];
        ref = new long[order];
        match = new long[order];
    }

    /** Statistics from raw counts (e.g. read back from a metrics file). */
    public static ChrfStatistics of(long[] hyp, long[] ref, long[] match, long sentences) {
        if (hyp.length != ref.length || hyp.length != match.length) {
            throw new IllegalArgumentException("chrF count arrays differ in length");
        }
        ChrfStatistics s = new ChrfStatistics(hyp.length);
        System.arraycopy(hyp, 0, s.hyp, 0, hyp.length);
        System.arraycopy(ref, 0, s.ref, 0, ref.length);
        System.arraycopy(match, 0, s.match, 0, match.length);
        s.sentences = sentences;
        return s;
    }

    /** Adds one sentence's counts for order {@code n} (1-based). */
    void add(int n, long hypCount, long refCount, long matchCount) {
        hyp[n - 1] += hypCount;
        ref[n - 1] += refCount;
        match[n - 1] += matchCount;
    }

    void countSentence() {
        sentences++;
    }

    /** Adds {@code other} into this and returns this. */
    public ChrfStatistics merge(ChrfStatistics other) {
        if (other.order() != order()) {
            throw new IllegalArgumentException("cannot merge chrF statistics of order " + other.order() + " into "
                    + order());
        }
        for (int i = 0; i < hyp.length; i++) {
            hyp[i] += other.hyp[i];
            ref[i] += other.ref[i];
            match[i] += other.match[i];
        }
        sentences += other.sentences;
        return this;
    }

    public int order() {
        return hyp.length;
    }

    /** Hypothesis n-grams of order {@code n} (counted only for sentences whose reference has n-grams of that order). */
    public long hypothesisNgrams(int n) {
        return hyp[n - 1];
    }

    public long referenceNgrams(int n) {
        return ref[n - 1];
    }

    public long matches(int n) {
        return match[n - 1];
    }

    public long sentences() {
        return sentences;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChrfStatistics s && Arrays.equals(hyp, s.hyp) && Arrays.equals(ref, s.ref)
                && Arrays.equals(match, s.match) && sentences == s.sentences;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(hyp) + Arrays.hashCode(ref)) + Arrays.hashCode(match);
    }

    @Override
    public String toString() {
        return "ChrfStatistics{hyp=" + Arrays.toString(hyp) + ", ref=" + Arrays.toString(ref) + ", match="
                + Arrays.toString(match) + ", sentences=" + sentences + "}";
    }
}
