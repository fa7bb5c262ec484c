package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.QuantileForecast;
import io.seqpipe.forecast.QuantileLevels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How an ensemble's forecasts are combined: element-wise (per horizon step and target) median over the members, the
 * mean of the middle two for an even number of members. Pure; applied to forecasts in original units, where every
 * metric is computed. One member's forecast is returned as it is. A quantile forecaster's members are combined level by
 * level ({@link #ofQuantiles}).
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

    /**
     * The combined forecast of an ensemble of (quantile) forecasters: for a point forecaster the element-wise median of
     * the point forecasts; with quantile levels, each level's element-wise median over the members (every member's
     * levels in original units), the levels of every step and target then sorted so they never cross
     * ({@link QuantileLevels#sortEach}), and the point forecast the median level of the result.
     *
     * @param levels the levels of the members' forecasts ({@link QuantileLevels#NONE} for a point forecaster)
     */
    public static QuantileForecast ofQuantiles(List<QuantileForecast> forecasts, QuantileLevels levels) {
        if (forecasts.isEmpty()) {
            throw new IllegalArgumentException("no forecasts to combine");
        }
        if (forecasts.size() == 1) {
            return forecasts.get(0);
        }
        if (levels.isEmpty()) {
            return new QuantileForecast(of(forecasts.stream().map(QuantileForecast::point).toList()), null);
        }
        double[][][] combined = new double[levels.count()][][];
        for (int i = 0; i < combined.length; i++) {
            List<double[][]> level = new ArrayList<>(forecasts.size());
            for (int m = 0; m < forecasts.size(); m++) {
                double[][][] q = forecasts.get(m).quantiles();
                if (q == null || q.length != combined.length) {
                    throw new IllegalArgumentException("member " + m + "'s forecast has " + (q == null ? 0 : q.length)
                            + " quantile levels, expected " + combined.length);
                }
                level.add(q[i]);
            }
            combined[i] = of(level);
        }
        QuantileLevels.sortEach(combined);
        double[][] median = combined[levels.medianIndex()];
        double[][] point = new double[median.length][];
        for (int h = 0; h < median.length; h++) {
            point[h] = median[h].clone();
        }
        return new QuantileForecast(point, combined);
    }

    /** The median of {@code values} (sorted in place). */
    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
