package io.seqpipe.forecast;

/**
 * The denominator of MASE (Hyndman &amp; Koehler, 2006): the mean absolute error of the seasonal-naive forecast
 * {@code y[t-m]} within the training part, {@code s = mean_{t=m..n-1} |y[t] - y[t-m]|} over the training steps
 * {@code 0..n-1} of one series; {@code m = 1} gives the naive (random walk) scale. Each series' errors are scaled by
 * its own {@code s}, so MASE can be averaged across series of different magnitudes.
 */
public final class MaseScale {
    private MaseScale() {
    }

    /** {@code s} of {@code values[0..n)}; NaN when {@code n <= m} (no in-sample seasonal differences). */
    public static double inSample(double[] values, int n, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("season length must be >= 1, got " + m);
        }
        if (n <= m) {
            return Double.NaN;
        }
        double sum = 0;
        for (int t = m; t < n; t++) {
            sum += Math.abs(values[t] - values[t - m]);
        }
        return sum / (n - m);
    }

    /** {@code s} for each target column of {@code features}, over its training part. */
    public static double[] ofTargets(SeriesFeatures features, SeriesSplit split, int m) {
        int k = features.targetFeatures().length;
        double[] scales = new double[k];
        double[] column = new double[split.trainEnd()];
        for (int t = 0; t < k; t++) {
            for (int step = 0; step < column.length; step++) {
                column[step] = features.targets()[step][t];
            }
            scales[t] = inSample(column, column.length, m);
        }
        return scales;
    }
}
