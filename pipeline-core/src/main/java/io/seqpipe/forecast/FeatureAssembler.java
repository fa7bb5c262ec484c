package io.seqpipe.forecast;

import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the per-step feature vectors of a series: the value columns scaled by the {@link FittedScaler}, followed by
 * the one-hot blocks of the {@link CategoryEncoder}; and maps model outputs back to original units. Serializable:
 * broadcast it to the executors with the fitted scaler and categories inside.
 */
public final class FeatureAssembler implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> valueColumns;
    private final List<String> targetColumns;
    private final int[] targetIndex;
    private final FittedScaler scaler;
    private final CategoryEncoder categories;

    /**
     * @param valueColumns  the value columns, as in {@link SeriesCsvFormat#valueColumns()}
     * @param targetColumns the forecast columns, each one of {@code valueColumns}
     */
    public FeatureAssembler(List<String> valueColumns, List<String> targetColumns, FittedScaler scaler,
                            CategoryEncoder categories) {
        this.valueColumns = List.copyOf(valueColumns);
        this.targetColumns = List.copyOf(targetColumns);
        this.targetIndex = targetIndices(valueColumns, targetColumns);
        if (!scaler.columns().equals(this.valueColumns)) {
            throw new IllegalArgumentException("the scaler was fitted on " + scaler.columns() + ", not on " + valueColumns);
        }
        this.scaler = scaler;
        this.categories = categories;
    }

    /** The positions of {@code targetColumns} among {@code valueColumns}; fails naming an unknown target. */
    public static int[] targetIndices(List<String> valueColumns, List<String> targetColumns) {
        int[] index = new int[targetColumns.size()];
        for (int k = 0; k < index.length; k++) {
            index[k] = valueColumns.indexOf(targetColumns.get(k));
            if (index[k] < 0) {
                throw new InvalidConfigException("window.targetColumns must be among series.valueColumns "
                        + valueColumns + ", got '" + targetColumns.get(k) + "'");
            }
        }
        return index;
    }

    public int featureCount() {
        return valueColumns.size() + categories.width();
    }

    /** Value column names, then {@code column=category}, in feature order (for provenance). */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>(valueColumns);
        names.addAll(categories.featureNames());
        return names;
    }

    public List<String> targetColumns() {
        return targetColumns;
    }

    public SeriesFeatures assemble(TimeSeries series) {
        List<ColumnScaling> scaling = scaler.forKey(series.key());
        int n = series.length();
        int values = valueColumns.size();
        float[][] inputs = new float[n][featureCount()];
        double[][] targets = new double[n][targetIndex.length];
        long unseen = 0;
        for (int step = 0; step < n; step++) {
            for (int c = 0; c < values; c++) {
                inputs[step][c] = (float) scaling.get(c).apply(series.value(step, c));
            }
            unseen += categories.encode(series.categories()[step], inputs[step], values);
            for (int k = 0; k < targetIndex.length; k++) {
                targets[step][k] = series.value(step, targetIndex[k]);
            }
        }
        return new SeriesFeatures(series.key(), series.timestamps(), inputs, targetIndex.clone(), targets, unseen);
    }

    /**
     * A model output for series {@code key} in original units: {@code flat} is laid out as
     * {@link ForecastWindow#targetVector()} ({@code [h * K + k]}), the result is {@code [h][k]}.
     */
    public double[][] toOriginalUnits(String key, float[] flat) {
        int k = targetIndex.length;
        if (flat.length % k != 0) {
            throw new IllegalArgumentException("a model output of " + flat.length + " values is not a whole number of"
                    + " steps of " + k + " targets");
        }
        List<ColumnScaling> scaling = scaler.forKey(key);
        double[][] out = new double[flat.length / k][k];
        for (int h = 0; h < out.length; h++) {
            for (int t = 0; t < k; t++) {
                out[h][t] = scaling.get(targetIndex[t]).invert(flat[h * k + t]);
            }
        }
        return out;
    }
}
