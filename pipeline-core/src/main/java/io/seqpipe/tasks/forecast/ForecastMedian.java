package io.seqpipe.tasks.forecast;

import java.util.Arrays;
import java.util.List;

/**
 * How an ensemble's forecasts are combined: element-wise (per horizon step and target) median over the members, the
 * mean of the middle two for an even number of members. Pure; applied to forecasts in original units, where every
 * metric is computed. One member's forecast is returned as it is.
 */
public final class ForecastMedian {
    private ForecastMedian() {
    }

    /** The element-wise median of {@code forecasts} ({@code [h][k]} each, all of one shape). */
    public static double[][] of(List<double[][]> forecasts) {
        if (forecasts.isEmpty()) {
            throw new IllegalArgumentException("no forecasts to combine");
        }
        if (forecasts.size() == 1) {
            return forecasts.get(0);
        }
        double[][] first = forecasts.get(0);
        double[][] median = new double[first.length][];
        double[] values = new double[forecasts.size()];
        for (int h = 0; h < first.length; h++) {
            median[h] = new double[first[h].length];
            for (int k = 0; k < first[h].length; k++) {
                for (int m = 0; m < values.length; m++) {
                    double[][] f = forecasts.get(m);
                    if (f.length != first.length || f[h].length != first[h].length) {
                        throw new IllegalArgumentException("member " + m + "'s forecast has another shape than member"
                                + " 0's");
                    }
                    values[m] = f[h][k];
                }
                median[h][k] = median(values);
            }
        }
        return median;
    }

    /** The median of {@code values} (sorted in place). */
    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
