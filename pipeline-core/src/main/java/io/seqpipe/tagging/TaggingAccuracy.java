package io.seqpipe.tagging;

import io.seqpipe.eval.ConfusionMatrix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token-level accuracy of a tagger without chunks (POS tagging), from a {@link ConfusionMatrix} over tag indices
 * (rows = gold tag, columns = predicted tag; the matrix is the mergeable accumulator: fill one per partition with
 * {@link ConfusionMatrix#addAll}, merge on the driver). Accuracies are fractions in [0, 1].
 *
 * @param perTag    every tag that occurs in gold, in tag-index order: support, correct, accuracy (= recall)
 * @param topErrors the most frequent (gold, predicted) pairs with gold ≠ predicted, most frequent first, ties by gold
 *                  then predicted tag name
 */
public record TaggingAccuracy(long tokens, long correct, double accuracy, List<TagScores> perTag,
                              List<ErrorPair> topErrors) {

    public TaggingAccuracy {
        perTag = List.copyOf(perTag);
        topErrors = List.copyOf(topErrors);
    }

    /** How often one gold tag was predicted right. */
    public record TagScores(String tag, long support, long correct, double accuracy) {
    }

    /** A confusion: {@code gold} tokens tagged {@code predicted}, {@code count} times. */
    public record ErrorPair(String gold, String predicted, long count) {
    }

    /**
     * @param tags      the tag names, index = class index of {@code m}
     * @param topErrors how many error pairs to keep (0 for none)
     */
    public static TaggingAccuracy of(ConfusionMatrix m, List<String> tags, int topErrors) {
        if (tags.size() != m.classes()) {
            throw new IllegalArgumentException(tags.size() + " tag names for a " + m.classes() + "-class matrix");
        }
        if (topErrors < 0) {
            throw new IllegalArgumentException("topErrors must be >= 0, got " + topErrors);
        }
        List<TagScores> per = new ArrayList<>();
        List<ErrorPair> errors = new ArrayList<>();
        for (int g = 0; g < m.classes(); g++) {
            long support = m.actualCount(g);
            if (support > 0) {
                per.add(new TagScores(tags.get(g), support, m.count(g, g), (double) m.count(g, g) / support));
            }
            for (int p = 0; p < m.classes(); p++) {
                if (p != g && m.count(g, p) > 0) {
                    errors.add(new ErrorPair(tags.get(g), tags.get(p), m.count(g, p)));
                }
            }
        }
        errors.sort(Comparator.comparingLong(ErrorPair::count).reversed().thenComparing(ErrorPair::gold)
                .thenComparing(ErrorPair::predicted));
        long total = m.total();
        return new TaggingAccuracy(total, m.correct(), total == 0 ? 0.0 : (double) m.correct() / total, per,
                errors.subList(0, Math.min(topErrors, errors.size())));
    }

    /** Flat {@code name → value} pairs: {@code accuracy} and {@code accuracy.<tag>}. */
    public Map<String, Double> flatten() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("accuracy", accuracy);
        for (TagScores t : perTag) {
            out.put("accuracy." + t.tag(), t.accuracy());
        }
        return out;
    }
}
