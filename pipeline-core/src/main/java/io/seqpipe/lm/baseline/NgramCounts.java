package io.seqpipe.lm.baseline;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Unigram and bigram counts of unit ids in {@code [0, V)}: what the n-gram baselines are fitted from.
 *
 * <p>Mergeable: counts taken on several partitions and {@linkplain #merge(NgramCounts) merged} equal the counts of
 * the whole, so a Spark job counts on the executors ({@code aggregate}) and fits the models on the driver. Each
 * {@link #observe(int[], int)} call counts one stretch of units: every unit once as a unigram, and every adjacent
 * pair as a bigram, the first unit paired with the given preceding context when there is one. A stream cut into
 * chunks is counted exactly as a whole when each chunk passes the last unit of the chunk before it as its context
 * (that unit is then counted as a bigram context only, not again as a unigram); independent documents pass
 * {@link NgramLanguageModel#NO_CONTEXT} or a document boundary id.
 *
 * <p>A mutable accumulator (as Spark's {@code aggregate} wants); the models copy what they need when fitted.
 */
public final class NgramCounts implements Serializable {

    private final int vocabularySize;
    private final long[] unigrams;
    /** Bigram counts keyed by {@code previous * V + next}. */
    private final Map<Long, Long> bigrams = new HashMap<>();
    private long tokens;

    /** Empty counts over ids {@code 0 .. vocabularySize - 1}. */
    public NgramCounts(int vocabularySize) {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("vocabulary size must be >= 1, got " + vocabularySize);
        }
        this.vocabularySize = vocabularySize;
        this.unigrams = new long[vocabularySize];
    }

    /** Counts a stretch of units with no preceding context (its first unit starts no bigram). */
    public NgramCounts observe(int[] units) {
        return observe(units, NgramLanguageModel.NO_CONTEXT);
    }

    /**
     * Counts a stretch of units whose first unit follows {@code context}: an id in {@code [0, V)} (a boundary symbol,
     * or the last unit of the previous chunk of the same stream) or {@link NgramLanguageModel#NO_CONTEXT}.
     */
    public NgramCounts observe(int[] units, int context) {
        if (context != NgramLanguageModel.NO_CONTEXT) {
            checkId(context, "context");
        }
        for (int i = 0; i < units.length; i++) {
            checkId(units[i], "unit at position " + i);
        }
        int previous = context;
        for (int unit : units) {
            unigrams[unit]++;
            if (previous != NgramLanguageModel.NO_CONTEXT) {
                bigrams.merge(key(previous, unit), 1L, Long::sum);
            }
            previous = unit;
        }
        tokens += units.length;
        return this;
    }

    /** Adds {@code other}'s counts to these (same vocabulary size) and returns this. */
    public NgramCounts merge(NgramCounts other) {
        if (other.vocabularySize != vocabularySize) {
            throw new IllegalArgumentException("cannot merge counts over " + other.vocabularySize
                    + " ids into counts over " + vocabularySize);
        }
        for (int i = 0; i < vocabularySize; i++) {
            unigrams[i] += other.unigrams[i];
        }
        other.bigrams.forEach((k, c) -> bigrams.merge(k, c, Long::sum));
        tokens += other.tokens;
        return this;
    }

    public int vocabularySize() {
        return vocabularySize;
    }

    /** Units counted (the sum of the unigram counts). */
    public long tokens() {
        return tokens;
    }

    public long unigramCount(int unit) {
        checkId(unit, "unit");
        return unigrams[unit];
    }

    public long bigramCount(int previous, int next) {
        checkId(previous, "previous unit");
        checkId(next, "next unit");
        return bigrams.getOrDefault(key(previous, next), 0L);
    }

    /** Bigrams counted (pairs with a context). */
    public long bigramTokens() {
        return bigrams.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Visits every bigram seen at least once with its count, in no particular order. */
    public void forEachBigram(BigramVisitor visitor) {
        bigrams.forEach((k, c) -> visitor.visit((int) (k / vocabularySize), (int) (k % vocabularySize), c));
    }

    /** Receives one bigram and its count. */
    @FunctionalInterface
    public interface BigramVisitor {
        void visit(int previous, int next, long count);
    }

    private long key(int previous, int next) {
        return (long) previous * vocabularySize + next;
    }

    private void checkId(int id, String what) {
        if (id < 0 || id >= vocabularySize) {
            throw new IllegalArgumentException(what + " has id " + id + ", outside the vocabulary [0, "
                    + vocabularySize + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NgramCounts other && other.vocabularySize == vocabularySize && other.tokens == tokens
                && java.util.Arrays.equals(other.unigrams, unigrams) && other.bigrams.equals(bigrams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vocabularySize, tokens, java.util.Arrays.hashCode(unigrams), bigrams);
    }

    @Override
    public String toString() {
        return "NgramCounts[V=" + vocabularySize + ", tokens=" + tokens + ", distinct bigrams=" + bigrams.size() + "]";
    }
}
