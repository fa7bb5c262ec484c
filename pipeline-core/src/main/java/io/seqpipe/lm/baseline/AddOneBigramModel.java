package io.seqpipe.lm.baseline;

/**
 * Bigram with add-one (Laplace) smoothing: {@code P(w | v) = (c(v, w) + 1) / (c(v, ·) + V)}, where
 * {@code c(v, ·)} is the number of bigrams starting with {@code v} (so every row sums to 1; a context never seen
 * gives the uniform distribution). Without context ({@link NgramLanguageModel#NO_CONTEXT}) it predicts with the
 * add-one unigram of the same counts.
 */
public final class AddOneBigramModel implements NgramLanguageModel {

    private final NgramCounts counts;
    private final long[] contextCounts;
    private final AddOneUnigramModel unigram;

    public AddOneBigramModel(NgramCounts counts) {
        this.counts = new NgramCounts(counts.vocabularySize()).merge(counts);
        this.contextCounts = new long[counts.vocabularySize()];
        counts.forEachBigram((previous, next, c) -> contextCounts[previous] += c);
        this.unigram = new AddOneUnigramModel(counts);
    }

    @Override
    public int vocabularySize() {
        return contextCounts.length;
    }

    @Override
    public double probability(int context, int next) {
        if (context == NO_CONTEXT) {
            return unigram.probability(NO_CONTEXT, next);
        }
        return (counts.bigramCount(context, next) + 1.0) / (contextCounts[context] + (double) contextCounts.length);
    }
}
