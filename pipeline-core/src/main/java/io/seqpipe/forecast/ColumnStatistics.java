package io.seqpipe.forecast;

import java.io.Serializable;

/**
 * Count, mean, sum of squared deviations (Welford), minimum and maximum of one column; mergeable with Chan et al.'s
 * parallel formula, so per-partition statistics combine into exactly the statistics of all values (up to rounding).
 */
public final class ColumnStatistics implements Serializable {
    private static final long serialVersionUID = 1L;
    private long count;
    private double mean;
    private double squaredDeviations;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public ColumnStatistics add(double x) {
        count++;
        double delta = x - mean;
        mean += delta / count;
        squaredDeviations += delta * (x - mean);
        min = Math.min(min, x);
        max = Math.max(max, x);
        return this;
    }

    /** Adds {@code other} into this and returns this. */
    public ColumnStatistics merge(ColumnStatistics other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            count = other.count;
            mean = other.mean;
            squaredDeviations = other.squaredDeviations;
            min = other.min;
            max = other.max;
            return this;
        }
        long n = count + other.count;
        double delta = other.mean - mean;
        squaredDeviations += other.squaredDeviations + delta * delta * count * (double) other.count / n;
        mean += delta * other.count / n;
        count = n;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        return this;
    }

    public long count() {
        return count;
    }

    public double mean() {
        return mean;
    }

    /** Population standard deviation. */
    public double standardDeviation() {
        return count == 0 ? Double.NaN : Math.sqrt(squaredDeviations / count);
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }
}
