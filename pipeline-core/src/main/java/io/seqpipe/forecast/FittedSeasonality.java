package io.seqpipe.forecast;

import io.seqpipe.SeqPipeException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-series seasonal indices of the target columns, fitted on each series' <em>training part</em> only
 * ({@link ClassicalDecomposition}), removed from the series before scaling and restored on every forecast. Step
 * {@code t} of a series (its index in the cleaned series, continuing past the training part into validation, test
 * and the steps after the series' end) has season position {@code t mod m}. A plain record of lists and maps so it
 * can be written beside the model as JSON (Jackson) and read back.
 *
 * @param mode         none, additive ({@code x - s}) or multiplicative ({@code x / s})
 * @param seasonLength {@code m}, the number of indices per series and column
 * @param columns      the target columns, in target order
 * @param perKey       per series key, per column, the {@code m} indices by season position; a key without training
 *                     steps has none
 */
public record FittedSeasonality(Mode mode, int seasonLength, List<String> columns,
                                Map<String, List<List<Double>>> perKey) implements Serializable {

    /** How the seasonal indices combine with the values ({@code transform.seasonal}). */
    public enum Mode {
        NONE, ADDITIVE, MULTIPLICATIVE
    }

    public FittedSeasonality {
        columns = List.copyOf(columns);
        perKey = Map.copyOf(perKey);
        if (seasonLength < 1) {
            throw new IllegalArgumentException("seasonal indices need a season length >= 1, got " + seasonLength);
        }
        for (Map.Entry<String, List<List<Double>>> e : perKey.entrySet()) {
            if (e.getValue().size() != columns.size()
                    || e.getValue().stream().anyMatch(indices -> indices.size() != seasonLength)) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' needs " + seasonLength
                        + " seasonal indices for each column of " + columns);
            }
        }
    }

    /** No seasonal adjustment. */
    public static FittedSeasonality none(List<String> columns) {
        return new FittedSeasonality(Mode.NONE, 1, columns, Map.of());
    }

    /**
     * The indices of one series, fitted on its steps {@code [0, split.trainEnd())}; none (and not {@link #covers}
     * its key) when the training part is empty.
     *
     * @param valueIndex the value column of each of {@code columns}
     * @throws SeqPipeException when the training part holds fewer than two seasons, or (multiplicative) a value that
     *                          is not {@code > 0}
     */
    public static FittedSeasonality fit(Mode mode, int seasonLength, List<String> columns, int[] valueIndex,
                                        TimeSeries series, SeriesSplit split) {
        if (mode == Mode.NONE) {
            return none(columns);
        }
        int n = split.trainEnd();
        if (n == 0) {
            return new FittedSeasonality(mode, seasonLength, columns, Map.of());
        }
        String name = mode.name().toLowerCase(java.util.Locale.ROOT);
        if (n < ClassicalDecomposition.minimumLength(seasonLength)) {
            throw new SeqPipeException("series '" + series.key() + "' has " + n + " training steps, but"
                    + " transform.seasonal = " + name + " fits its seasonal indices on at least two seasons of"
                    + " the training part (2 x evaluation.seasonLength = "
                    + ClassicalDecomposition.minimumLength(seasonLength) + " steps); give it more training data,"
                    + " lower evaluation.seasonLength, or set transform.seasonal = none");
        }
        List<List<Double>> indices = new ArrayList<>();
        for (int k = 0; k < columns.size(); k++) {
            double[] values = new double[n];
            for (int step = 0; step < n; step++) {
                values[step] = series.value(step, valueIndex[k]);
                if (mode == Mode.MULTIPLICATIVE && !(values[step] > 0)) {
                    throw new SeqPipeException("series '" + series.key() + "' step " + step
                            + (series.hasTimestamps() ? " (" + series.timestamp(step) + ")" : "") + ": column "
                            + columns.get(k) + " = " + values[step] + " (after transform.log1p), but"
                            + " transform.seasonal = multiplicative needs training values > 0; use additive");
                }
            }
            List<Double> column = new ArrayList<>();
            for (double s : ClassicalDecomposition.seasonalIndices(values, seasonLength,
                    mode == Mode.MULTIPLICATIVE)) {
                column.add(s);
            }
            indices.add(column);
        }
        return new FittedSeasonality(mode, seasonLength, columns, Map.of(series.key(), indices));
    }

    /** The indices of both (of series keys fitted separately, such as one key per executor task). */
    public FittedSeasonality merge(FittedSeasonality other) {
        if (other.mode != mode || other.seasonLength != seasonLength || !other.columns.equals(columns)) {
            throw new IllegalArgumentException("cannot merge seasonal indices of a different configuration");
        }
        Map<String, List<List<Double>>> merged = new TreeMap<>(perKey);
        other.perKey.forEach((key, indices) -> {
            if (merged.put(key, indices) != null) {
                throw new IllegalArgumentException("seasonal indices of series '" + key + "' were fitted twice");
            }
        });
        return new FittedSeasonality(mode, seasonLength, columns, merged);
    }

    /** Whether series {@code key} can be adjusted (always without seasonal adjustment). */
    public boolean covers(String key) {
        return mode == Mode.NONE || perKey.containsKey(key);
    }

    /** The index of target {@code k} at {@code step} of series {@code key} (0 or 1 without seasonal adjustment). */
    public double index(String key, int k, int step) {
        if (mode == Mode.NONE) {
            return 0;
        }
        List<List<Double>> indices = perKey.get(key);
        if (indices == null) {
            throw new SeqPipeException("series '" + key + "' had no training steps, so no seasonal indices were"
                    + " fitted for it");
        }
        return indices.get(k).get(Math.floorMod(step, seasonLength));
    }

    /** A value of target {@code k} at {@code step} with its season removed. */
    public double remove(String key, int k, int step, double value) {
        return switch (mode) {
            case NONE -> value;
            case ADDITIVE -> value - index(key, k, step);
            case MULTIPLICATIVE -> value / index(key, k, step);
        };
    }

    /** The inverse of {@link #remove}: a seasonally adjusted value with its season put back. */
    public double restore(String key, int k, int step, double adjusted) {
        return switch (mode) {
            case NONE -> adjusted;
            case ADDITIVE -> adjusted + index(key, k, step);
            case MULTIPLICATIVE -> adjusted * index(key, k, step);
        };
    }

    /** {@code series} with the season removed from its target columns (value columns {@code valueIndex}). */
    public TimeSeries remove(TimeSeries series, int[] valueIndex) {
        if (mode == Mode.NONE) {
            return series;
        }
        double[][] values = new double[series.length()][];
        for (int step = 0; step < values.length; step++) {
            double[] row = series.values()[step].clone();
            for (int k = 0; k < valueIndex.length; k++) {
                row[valueIndex[k]] = remove(series.key(), k, step, row[valueIndex[k]]);
            }
            values[step] = row;
        }
        return new TimeSeries(series.key(), series.timestamps(), values, series.categories(), series.frequency());
    }
}
