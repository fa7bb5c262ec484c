package io.seqpipe.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Chooses vocabulary tokens from counts: tokens seen at least {@code minCount} times, the {@code maxSize - 2} most
 * frequent (the two reserved ids count towards {@code maxSize}), ties broken by token so the result is the same on
 * every run. The Spark side counts tokens ({@code io.seqpipe.spark.SparkTokenCounts}); this class only decides.
 */
public final class VocabularyBuilder {
    /** Orders by count descending, then token ascending: the order ids are given in. */
    public static final Comparator<Map.Entry<String, Long>> BY_FREQUENCY =
            Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                    .thenComparing(Map.Entry::getKey);

    private final int minCount;
    private final int maxSize;

    public VocabularyBuilder(int minCount, int maxSize) {
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
        }
        if (maxSize < 3) {
            throw new IllegalArgumentException("maxSize must be >= 3 (two reserved ids + one token), got " + maxSize);
        }
        this.minCount = minCount;
        this.maxSize = maxSize;
    }

    public int minCount() {
        return minCount;
    }

    /** How many real (non-reserved) tokens at most. */
    public int maxRealTokens() {
        return maxSize - 2;
    }

    public Vocabulary build(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> kept = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getValue() >= minCount && !e.getKey().equals(Vocabulary.PAD) && !e.getKey().equals(Vocabulary.UNK)) {
                kept.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        kept.sort(BY_FREQUENCY);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < kept.size() && i < maxRealTokens(); i++) {
            tokens.add(kept.get(i).getKey());
        }
        return Vocabulary.of(tokens);
    }
}
