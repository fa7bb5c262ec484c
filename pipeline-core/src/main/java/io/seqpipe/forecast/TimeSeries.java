package io.seqpipe.forecast;

import java.io.Serializable;
import java.time.LocalDateTime;

/**
 * One cleaned series: strictly increasing timestamps (or none), complete numeric values, categories. Built by
 * {@link SeriesCleaner}; the arrays are shared, not copied, and must not be modified.
 *
 * @param key         the series key
 * @param timestamps  one per step, strictly increasing; null when the time index is the row order
 * @param values      {@code [step][valueColumn]}, all finite
 * @param categories  {@code [step][categoricalColumn]}
 * @param frequency   the step used for gap handling (configured or inferred), or null when unknown (no timestamps,
 *                    or fewer than two rows)
 */
public record TimeSeries(String key, LocalDateTime[] timestamps, double[][] values, String[][] categories,
                         SeriesFrequency frequency) implements Serializable {

    public TimeSeries {
        if (key == null || values == null || categories == null) {
            throw new IllegalArgumentException("a time series needs a key, values and categories");
        }
        if (categories.length != values.length || (timestamps != null && timestamps.length != values.length)) {
            throw new IllegalArgumentException("series '" + key + "': " + values.length + " value rows, "
                    + categories.length + " category rows, "
                    + (timestamps == null ? "no" : String.valueOf(timestamps.length)) + " timestamps");
        }
    }

    /** A univariate series without timestamps or categories (tests, synthetic data). */
    public static TimeSeries ofValues(String key, double... values) {
        double[][] rows = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            rows[i] = new double[]{values[i]};
        }
        return new TimeSeries(key, null, rows, new String[values.length][0], null);
    }

    public int length() {
        return values.length;
    }

    public boolean hasTimestamps() {
        return timestamps != null;
    }

    /** The timestamp of {@code step}, or null without timestamps. */
    public LocalDateTime timestamp(int step) {
        return timestamps == null ? null : timestamps[step];
    }

    public double value(int step, int column) {
        return values[step][column];
    }

    /** The first step whose timestamp is at or after {@code t} ({@link #length()} when none is). */
    public int firstStepAtOrAfter(LocalDateTime t) {
        if (timestamps == null) {
            throw new IllegalStateException("series '" + key + "' has no timestamps to compare with " + t);
        }
        int lo = 0;
        int hi = timestamps.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timestamps[mid].isBefore(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
