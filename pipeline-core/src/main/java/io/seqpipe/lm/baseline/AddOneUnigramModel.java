package io.seqpipe.lm.baseline;

/**
 * Unigram with add-one (Laplace) smoothing, ignoring the context: {@code P(w) = (c(w) + 1) / (N + V)}, where
 * {@code N} is the number of units counted.
 */
public final class AddOneUnigramModel implements NgramLanguageModel {

    private final long[] counts;
    private final double denominator;

    public AddOneUnigramModel(NgramCounts counts) {
        int v = counts.vocabularySize();
        this.counts = new long[v];
        for (int w = 0; w < v; w++) {
            this.counts[w] = counts.unigramCount(w);
        }
        this.denominator = (double) counts.tokens() + v;
    }

    @Override
    public int vocabularySize() {
        return counts.length;
    }

    @Override
    public double probability(int context, int next) {
        return (counts[next] + 1) / denominator;
    }
}
