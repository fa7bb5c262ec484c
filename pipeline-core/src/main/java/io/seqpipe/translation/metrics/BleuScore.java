package io.seqpipe.translation.metrics;

/**
 * A corpus BLEU score and its parts, all on sacreBLEU's 0-100 scale (HuggingFace {@code evaluate} reports 0-1; the
 * Multi30k anchors in ANCHORS.md are that times 100).
 *
 * @param score          BLEU, 0-100
 * @param precisions     the n-gram precisions used, 0-100 (smoothed where the smoothing changed them)
 * @param brevityPenalty the brevity penalty, 0-1
 * @param statistics     the statistics it was computed from
 */
public record BleuScore(double score, double[] precisions, double brevityPenalty, BleuStatistics statistics) {
    /** Hypothesis length over reference length (0 when there is no reference token). */
    public double lengthRatio() {
        return statistics.refLength() == 0 ? 0 : (double) statistics.hypLength() / statistics.refLength();
    }
}
