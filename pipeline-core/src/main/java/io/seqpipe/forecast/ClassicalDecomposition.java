package io.seqpipe.forecast;

/**
 * Seasonal indices by classical decomposition (as R's {@code decompose}): a centred moving average of one season
 * ({@code 2×m} for even {@code m}) estimates the trend, each value is compared with it (difference or ratio), the
 * comparisons are averaged per season position, and the averages are normalized to sum 0 (additive) or mean 1
 * (multiplicative). Pure; {@link FittedSeasonality} applies it to the training part of each series.
 */
public final class ClassicalDecomposition {
    private ClassicalDecomposition() {
    }

    /** The fewest values the indices are fitted on: two seasons, so that every position has a centred average. */
    public static int minimumLength(int seasonLength) {
        return 2 * seasonLength;
    }

    /**
     * The {@code m} seasonal indices of {@code values}; index {@code p} belongs to the values at positions
     * {@code t ≡ p (mod m)}.
     *
     * @param multiplicative ratios to the trend, normalized to mean 1 (every value must be {@code > 0}); otherwise
     *                       differences, normalized to sum 0
     */
    public static double[] seasonalIndices(double[] values, int m, boolean multiplicative) {
        int n = values.length;
        if (m < 2 || n < minimumLength(m)) {
            throw new IllegalArgumentException("seasonal indices of season length " + m + " need at least "
                    + minimumLength(m) + " values, got " + n);
        }
        int half = m / 2;
        double[] sum = new double[m];
        int[] count = new int[m];
        for (int t = half; t < n - half; t++) {
            double trend = 0;
            if (m % 2 == 0) {
                trend = 0.5 * (values[t - half] + values[t + half]);
                for (int j = t - half + 1; j < t + half; j++) {
                    trend += values[j];
                }
            } else {
                for (int j = t - half; j <= t + half; j++) {
                    trend += values[j];
                }
            }
            trend /= m;
            sum[t % m] += multiplicative ? values[t] / trend : values[t] - trend;
            count[t % m]++;
        }
        double[] indices = new double[m];
        double mean = 0;
        for (int p = 0; p < m; p++) {
            indices[p] = sum[p] / count[p];
            mean += indices[p] / m;
        }
        for (int p = 0; p < m; p++) {
            indices[p] = multiplicative ? indices[p] / mean : indices[p] - mean;
        }
        return indices;
    }
}
