package io.seqpipe.eval;

import java.util.Arrays;

/**
 * Exact ROC AUC from scores and binary labels: the probability that a random positive scores above a random negative,
 * ties counting one half (the Mann–Whitney U statistic over {@code positives × negatives}). The test oracle for the
 * AUC that the distributed evaluator computes with Spark.
 */
public final class RocAuc {
    private RocAuc() {
    }

    /** NaN when there are no positives or no negatives. */
    public static double of(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // 1-based ranks, ties share the mean rank
            for (int t = i; t <= j; t++) {
                if (positive[order[t]]) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
