package io.seqpipe.lm.baseline;

/** {@code P(unit) = 1/V} for every unit: cross-entropy {@code ln V}, the floor every model must beat. */
public record UniformModel(int vocabularySize) implements NgramLanguageModel {

    public UniformModel {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("vocabulary size must be >= 1, got " + vocabularySize);
        }
    }

    @Override
    public double probability(int context, int next) {
        return 1.0 / vocabularySize;
    }
}
