package io.seqpipe.tagging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * conlleval's scores from {@link ChunkCounts}, as <b>fractions in [0, 1]</b> (conlleval prints the same numbers times
 * 100, to two decimals). Precision = correct / predicted chunks, recall = correct / gold chunks, F1 = their harmonic
 * mean; overall scores are micro-averaged (from the summed counts). Zero divisions give 0, as in conlleval: no
 * predicted chunks → precision 0, no gold chunks → recall 0, precision + recall = 0 → F1 0, no tokens → accuracy 0.
 *
 * @param accuracy  correct tokens / tokens (conlleval's "accuracy", which counts {@code O} tokens too)
 * @param precision overall (micro) precision
 * @param recall    overall (micro) recall
 * @param f1        overall (micro) F1
 * @param perType   one entry per type seen in gold or predictions, sorted by type
 */
public record EntityMetrics(long tokens, double accuracy, long goldChunks, long predictedChunks, long correctChunks,
                            double precision, double recall, double f1, List<TypeScores> perType) {

    public EntityMetrics {
        perType = List.copyOf(perType);
    }

    /** Scores of one chunk type, e.g. {@code PER}. */
    public record TypeScores(String type, long gold, long predicted, long correct, double precision, double recall,
                             double f1) {
    }

    public static EntityMetrics of(ChunkCounts c) {
        List<TypeScores> per = new ArrayList<>();
        for (String type : c.types()) {
            long correct = c.correctChunks(type);
            double p = ratio(correct, c.predictedChunks(type));
            double r = ratio(correct, c.goldChunks(type));
            per.add(new TypeScores(type, c.goldChunks(type), c.predictedChunks(type), correct, p, r, f1(p, r)));
        }
        double p = ratio(c.correctChunks(), c.predictedChunks());
        double r = ratio(c.correctChunks(), c.goldChunks());
        return new EntityMetrics(c.tokens(), ratio(c.correctTokens(), c.tokens()), c.goldChunks(),
                c.predictedChunks(), c.correctChunks(), p, r, f1(p, r), per);
    }

    /**
     * Flat {@code name → value} pairs in the naming of {@code ClassificationMetrics.flatten()}: {@code accuracy},
     * {@code precision.micro}, {@code recall.micro}, {@code f1.micro}, and {@code precision.<type>} etc.
     */
    public Map<String, Double> flatten() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("accuracy", accuracy);
        out.put("precision.micro", precision);
        out.put("recall.micro", recall);
        out.put("f1.micro", f1);
        for (TypeScores t : perType) {
            out.put("precision." + t.type(), t.precision());
            out.put("recall." + t.type(), t.recall());
            out.put("f1." + t.type(), t.f1());
        }
        return out;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0.0 : (double) a / b;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }
}
