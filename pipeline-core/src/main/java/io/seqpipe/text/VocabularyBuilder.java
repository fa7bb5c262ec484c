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
        return build(counts, List.of());
    }

    /**
     * Like {@link #build(Map)}, with {@code specials} (e.g. {@code <s>}, {@code </s>}) right after the two reserved
     * ids; they count towards {@code maxSize} too, and a counted token equal to one of them is not added twice.
     */
    public Vocabulary build(Map<String, Long> counts, List<String> specials) {
        int room = maxRealTokens() - specials.size();
        if (room < 1) {
            throw new IllegalArgumentException("maxSize " + (maxRealTokens() + 2) + " leaves no room for real tokens"
                    + " after " + (specials.size() + 2) + " reserved ones");
        }
        List<Map.Entry<String, Long>> kept = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            String t = e.getKey();
            if (e.getValue() >= minCount && !t.equals(Vocabulary.PAD) && !t.equals(Vocabulary.UNK)
                    && !specials.contains(t)) {
                kept.add(Map.entry(t, e.getValue()));
            }
        }
        kept.sort(BY_FREQUENCY);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < kept.size() && i < room; i++) {
            tokens.add(kept.get(i).getKey());
        }
        return Vocabulary.withSpecials(specials, tokens);
    }
}
