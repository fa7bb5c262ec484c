package io.seqpipe.forecast;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums of quantile-forecast errors per horizon step, for one target column: pinball losses and the counts of actuals
 * below each level and inside each central interval. Mergeable, so each partition fills its own and the driver adds
 * them up. See {@link QuantileMetrics} for the definitions.
 */
public final class QuantileErrorAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;
    private final QuantileLevels levels;
    private final List<QuantileLevels.Interval> intervals;
    private final long[] count;
    /** {@code [level][step]} */
    private final double[][] pinball;
    private final long[][] below;
    /** {@code [interval][step]} */
    private final long[][] inside;

    public QuantileErrorAccumulator(QuantileLevels levels, int horizon) {
        if (horizon < 1 || levels.isEmpty()) {
            throw new IllegalArgumentException("need quantile levels and a horizon >= 1, got " + levels.levels()
                    + " and " + horizon);
        }
        this.levels = levels;
        this.intervals = levels.intervals();
        count = new long[horizon];
        pinball = new double[levels.count()][horizon];
        below = new long[levels.count()][horizon];
        inside = new long[intervals.size()][horizon];
    }

    public int horizon() {
        return count.length;
    }

    /** The pinball (quantile) loss of forecast {@code f} at level {@code q} when {@code actual} happened. */
    public static double pinball(double q, double actual, double f) {
        double e = actual - f;
        return e >= 0 ? q * e : (q - 1) * e;
    }

    /**
     * Adds one actual at horizon step {@code step} (0-based) with its forecasts at every level, {@code forecasts[i]}
     * at level {@code i}.
     */
    public QuantileErrorAccumulator add(int step, double actual, double[] forecasts) {
        if (forecasts.length != levels.count()) {
            throw new IllegalArgumentException("expected a forecast at each of " + levels.levels() + ", got "
                    + forecasts.length);
        }
        count[step]++;
        for (int i = 0; i < forecasts.length; i++) {
            pinball[i][step] += pinball(levels.level(i), actual, forecasts[i]);
            if (actual <= forecasts[i]) {
                below[i][step]++;
            }
        }
        for (int j = 0; j < intervals.size(); j++) {
            QuantileLevels.Interval in = intervals.get(j);
            if (actual >= forecasts[in.lowerIndex()] && actual <= forecasts[in.upperIndex()]) {
                inside[j][step]++;
            }
        }
        return this;
    }

    /** Adds {@code other} into this and returns this. */
    public QuantileErrorAccumulator merge(QuantileErrorAccumulator other) {
        if (other.horizon() != horizon() || !other.levels.equals(levels)) {
            throw new IllegalArgumentException("cannot merge " + other.levels.levels() + " x " + other.horizon()
                    + " into " + levels.levels() + " x " + horizon());
        }
        for (int h = 0; h < count.length; h++) {
            count[h] += other.count[h];
            for (int i = 0; i < pinball.length; i++) {
                pinball[i][h] += other.pinball[i][h];
                below[i][h] += other.below[i][h];
            }
            for (int j = 0; j < inside.length; j++) {
                inside[j][h] += other.inside[j][h];
            }
        }
        return this;
    }

    /** Metrics over all steps (every pair weighs the same). */
    public QuantileMetrics overall() {
        return metrics(0, horizon());
    }

    /** Metrics of horizon step {@code step} (0-based). */
    public QuantileMetrics step(int step) {
        return metrics(step, step + 1);
    }

    /** Metrics per step, {@code get(h - 1)} for step {@code h}. */
    public List<QuantileMetrics> perStep() {
        List<QuantileMetrics> out = new ArrayList<>();
        for (int h = 0; h < horizon(); h++) {
            out.add(step(h));
        }
        return out;
    }

    private QuantileMetrics metrics(int from, int to) {
        long n = 0;
        for (int h = from; h < to; h++) {
            n += count[h];
        }
        Map<String, Double> loss = new LinkedHashMap<>();
        Map<String, Double> fractionBelow = new LinkedHashMap<>();
        double sumOfMeans = 0;
        for (int i = 0; i < levels.count(); i++) {
            double sum = 0;
            long b = 0;
            for (int h = from; h < to; h++) {
                sum += pinball[i][h];
                b += below[i][h];
            }
            loss.put(levels.label(i), mean(sum, n));
            fractionBelow.put(levels.label(i), mean(b, n));
            sumOfMeans += mean(sum, n);
        }
        Map<String, QuantileMetrics.Coverage> coverage = new LinkedHashMap<>();
        for (int j = 0; j < intervals.size(); j++) {
            long in = 0;
            for (int h = from; h < to; h++) {
                in += inside[j][h];
            }
            coverage.put(intervals.get(j).label(), new QuantileMetrics.Coverage(intervals.get(j).nominal(),
                    mean(in, n)));
        }
        return new QuantileMetrics(n, loss, sumOfMeans / levels.count(), fractionBelow, coverage);
    }

    private static double mean(double sum, long n) {
        return n == 0 ? Double.NaN : sum / n;
    }
}
