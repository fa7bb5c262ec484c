package io.seqpipe.lm.baseline;

/**
 * Interpolated Kneser–Ney bigram with one absolute discount {@code d} (Chen and Goodman's interpolated form,
 * recursing down to the uniform distribution so every id keeps a positive probability):
 * <pre>
 *   P(w | v)  = max(c(v,w) − d, 0) / c(v,·)  +  d · N1+(v,·) / c(v,·) · Pcont(w)      when c(v,·) &gt; 0
 *   P(w | v)  = Pcont(w)                                                                 when c(v,·) = 0
 *   Pcont(w)  = max(N1+(·,w) − d, 0) / N1+(·,·)  +  d · |{w : N1+(·,w) &gt; 0}| / N1+(·,·) · 1/V
 * </pre>
 * where {@code c(v,·)} counts the bigrams starting with {@code v}, {@code N1+(v,·)} the distinct units seen after
 * {@code v}, {@code N1+(·,w)} the distinct units seen before {@code w} and {@code N1+(·,·)} the distinct bigrams. With
 * no bigram counted at all, {@code Pcont} is uniform. Without context ({@link NgramLanguageModel#NO_CONTEXT}) the
 * model predicts with {@code Pcont}. Every row sums to 1 for {@code 0 < d <= 1}.
 */
public final class KneserNeyBigramModel implements NgramLanguageModel {

    /** The usual absolute discount. */
    public static final double DEFAULT_DISCOUNT = 0.75;

    private final NgramCounts counts;
    private final double discount;
    private final long[] contextCounts;
    private final long[] distinctFollowers;
    private final double[] continuation;

    /** The model with {@link #DEFAULT_DISCOUNT}. */
    public KneserNeyBigramModel(NgramCounts counts) {
        this(counts, DEFAULT_DISCOUNT);
    }

    public KneserNeyBigramModel(NgramCounts counts, double discount) {
        if (!(discount > 0 && discount <= 1)) {
            throw new IllegalArgumentException("Kneser-Ney discount must be in (0, 1], got " + discount);
        }
        int v = counts.vocabularySize();
        this.counts = new NgramCounts(v).merge(counts);
        this.discount = discount;
        this.contextCounts = new long[v];
        this.distinctFollowers = new long[v];
        long[] distinctPredecessors = new long[v];
        long[] distinctBigrams = {0};
        counts.forEachBigram((previous, next, c) -> {
            contextCounts[previous] += c;
            distinctFollowers[previous]++;
            distinctPredecessors[next]++;
            distinctBigrams[0]++;
        });
        this.continuation = new double[v];
        if (distinctBigrams[0] == 0) {
            java.util.Arrays.fill(continuation, 1.0 / v);
        } else {
            long continuedTypes = java.util.Arrays.stream(distinctPredecessors).filter(n -> n > 0).count();
            double total = distinctBigrams[0];
            double uniformShare = discount * continuedTypes / total / v;
            for (int w = 0; w < v; w++) {
                continuation[w] = Math.max(distinctPredecessors[w] - discount, 0) / total + uniformShare;
            }
        }
    }

    public double discount() {
        return discount;
    }

    @Override
    public int vocabularySize() {
        return continuation.length;
    }

    /** {@code Pcont(w)}: the lower-order distribution, also used without context. */
    public double continuationProbability(int next) {
        return continuation[next];
    }

    @Override
    public double probability(int context, int next) {
        if (context == NO_CONTEXT || contextCounts[context] == 0) {
            return continuation[next];
        }
        double c = contextCounts[context];
        return Math.max(counts.bigramCount(context, next) - discount, 0) / c
                + discount * distinctFollowers[context] / c * continuation[next];
    }
}
