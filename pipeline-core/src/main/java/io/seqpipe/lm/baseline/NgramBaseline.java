package io.seqpipe.lm.baseline;

/** The n-gram baselines SeqPipe reports beside a language model's perplexity, each with its metric name. */
public enum NgramBaseline {
    /** {@link UniformModel}. */
    UNIFORM("uniform"),
    /** {@link AddOneUnigramModel}. */
    UNIGRAM_ADD_ONE("unigram-add1"),
    /** {@link AddOneBigramModel}. */
    BIGRAM_ADD_ONE("bigram-add1"),
    /** {@link KneserNeyBigramModel} with {@link KneserNeyBigramModel#DEFAULT_DISCOUNT}. */
    BIGRAM_KNESER_NEY("bigram-kn");

    private final String metricName;

    NgramBaseline(String metricName) {
        this.metricName = metricName;
    }

    /** The name used in metrics and reports, e.g. {@code bigram-add1}. */
    public String metricName() {
        return metricName;
    }

    /** This baseline fitted on training counts. */
    public NgramLanguageModel fit(NgramCounts counts) {
        return switch (this) {
            case UNIFORM -> new UniformModel(counts.vocabularySize());
            case UNIGRAM_ADD_ONE -> new AddOneUnigramModel(counts);
            case BIGRAM_ADD_ONE -> new AddOneBigramModel(counts);
            case BIGRAM_KNESER_NEY -> new KneserNeyBigramModel(counts);
        };
    }
}
