package io.seqpipe.translation.metrics;

/**
 * A chrF score, 0-100 like sacreBLEU's, with the averaged character n-gram precision and recall (0-1) it combines.
 *
 * @param effectiveOrder how many orders had both hypothesis and reference n-grams (the ones averaged)
 */
public record ChrfScore(double score, double precision, double recall, int effectiveOrder, ChrfStatistics statistics) {
}
