package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.CategoryEncoder;
import io.seqpipe.forecast.FeatureAssembler;
import io.seqpipe.forecast.FittedScaler;
import io.seqpipe.forecast.QuantileForecast;
import io.seqpipe.forecast.QuantileLevels;
import io.seqpipe.forecast.SeriesFeatures;
import io.seqpipe.forecast.TimeSeries;
import io.seqpipe.forecast.TimeSeriesConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.List;

/**
 * Everything between a cleaned series and the network, fitted on training parts and saved with the model: the value
 * transform, the scaler and the one-hot categories ({@link FeatureAssembler}), and the network's view of a window.
 *
 * <p>Network input {@code [batch, F, L]} (features × lookback steps), label and output {@code [batch, H·K]}
 * (step-major, as {@link io.seqpipe.forecast.ForecastWindow#targetVector()}). With
 * {@link ValueTransform#relativeToLast()}, each target column's inputs and labels are taken relative to its last
 * lookback value, and that value is added back to the outputs. With quantile levels ({@code model.quantiles}), the
 * output is {@code Q} such blocks, one per level in ascending order ({@code [i·H·K + h·K + k]}, trained with
 * {@link io.seqpipe.model.PinballLoss} against the labels repeated per block), each mapped back to original units
 * like a point forecast. Serializable: closures ship it to executors.
 */
public final class ForecastPreprocessing implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ValueTransform transform;
    private final FittedScaler scaler;
    private final FeatureAssembler assembler;
    private final int[] targetFeatures;
    private final int horizon;
    private final QuantileLevels quantiles;

    public ForecastPreprocessing(TimeSeriesConfig data, ValueTransform transform, FittedScaler scaler,
                                 CategoryEncoder categories) {
        this(data, transform, scaler, categories, QuantileLevels.NONE);
    }

    /** @param quantiles the levels the network forecasts, or {@link QuantileLevels#NONE} for a point forecast */
    public ForecastPreprocessing(TimeSeriesConfig data, ValueTransform transform, FittedScaler scaler,
                                 CategoryEncoder categories, QuantileLevels quantiles) {
        this.quantiles = quantiles;
        this.transform = transform;
        this.scaler = scaler;
        this.assembler = new FeatureAssembler(data.series().valueColumns(), data.window().targetColumns(), scaler,
                categories);
        this.targetFeatures = data.targetIndices();
        this.horizon = data.window().horizon();
    }

    public ValueTransform transform() {
        return transform;
    }

    /** Whether series {@code key} can be scaled (always with a global scaler; per key: it had training steps). */
    public boolean covers(String key) {
        return scaler.covers(key);
    }

    public FeatureAssembler assembler() {
        return assembler;
    }

    public int featureCount() {
        return assembler.featureCount();
    }

    /** Target columns (K). */
    public int targetCount() {
        return targetFeatures.length;
    }

    /** Network outputs: H·K, times Q with quantile levels. */
    public int outputCount() {
        return horizon * targetFeatures.length * Math.max(1, quantiles.count());
    }

    /** The quantile levels the network forecasts; empty for a point forecaster. */
    public QuantileLevels quantiles() {
        return quantiles;
    }

    public List<String> targetColumns() {
        return assembler.targetColumns();
    }

    /**
     * The features of {@code series} (original units): inputs transformed and scaled, targets in original units
     * (what baselines, MASE scales and metrics read).
     */
    public SeriesFeatures features(TimeSeries series) {
        SeriesFeatures f = assembler.assemble(transform.apply(series));
        double[][] original = new double[series.length()][targetFeatures.length];
        for (int step = 0; step < original.length; step++) {
            for (int k = 0; k < targetFeatures.length; k++) {
                original[step][k] = series.value(step, targetFeatures[k]);
            }
        }
        return new SeriesFeatures(f.key(), f.timestamps(), f.inputs(), f.targetFeatures(), original,
                f.unseenCategoryValues());
    }

    /** Network input {@code [batch, F, L]} of windows of equal shape. */
    public INDArray inputs(List<WindowExample> batch) {
        int f = batch.get(0).features();
        int l = batch.get(0).lookback();
        float[][] out = new float[batch.size()][f * l];
        for (int i = 0; i < out.length; i++) {
            WindowExample w = batch.get(i);
            if (w.features() != f || w.lookback() != l) {
                throw new IllegalArgumentException("windows of one batch need the same shape: " + l + " x " + f
                        + " and " + w.lookback() + " x " + w.features());
            }
            for (int t = 0; t < l; t++) {
                for (int c = 0; c < f; c++) {
                    out[i][c * l + t] = w.inputs()[t * f + c];
                }
            }
            if (transform.relativeToLast()) {
                for (int target : targetFeatures) {
                    float last = w.last(target);
                    for (int t = 0; t < l; t++) {
                        out[i][target * l + t] -= last;
                    }
                }
            }
        }
        return Nd4j.createFromArray(out).reshape('c', batch.size(), f, l);
    }

    /** Labels {@code [batch, H·K]}: the scaled targets, relative to the last lookback value when configured. */
    public INDArray labels(List<WindowExample> batch) {
        int k = targetFeatures.length;
        float[][] out = new float[batch.size()][];
        for (int i = 0; i < out.length; i++) {
            WindowExample w = batch.get(i);
            out[i] = w.targets().clone();
            if (transform.relativeToLast()) {
                for (int j = 0; j < out[i].length; j++) {
                    out[i][j] -= w.last(targetFeatures[j % k]);
                }
            }
        }
        return Nd4j.createFromArray(out);
    }

    /**
     * A training minibatch (no masks: every window has the same lookback); with quantile levels the labels are
     * repeated once per level's output block.
     */
    public DataSet minibatch(List<WindowExample> batch) {
        INDArray labels = labels(batch);
        return new DataSet(inputs(batch), quantiles.isEmpty() ? labels : Nd4j.tile(labels, 1, quantiles.count()));
    }

    /** A network output row back in scaled target units ({@code [h * K + k]}, absolute). */
    public float[] scaledForecast(WindowExample window, float[] output) {
        float[] out = output.clone();
        if (transform.relativeToLast()) {
            int k = targetFeatures.length;
            for (int j = 0; j < out.length; j++) {
                out[j] += window.last(targetFeatures[j % k]);
            }
        }
        return out;
    }

    /**
     * A network output row as a forecast {@code [h][k]} in original units: with quantile levels, the median of
     * {@link #quantileForecast}.
     */
    public double[][] forecast(WindowExample window, float[] output) {
        if (output.length > horizon * targetFeatures.length) {
            return quantileForecast(window, output).point();
        }
        double[][] unscaled = assembler.toOriginalUnits(window.key(), scaledForecast(window, output));
        for (double[] step : unscaled) {
            for (int k = 0; k < step.length; k++) {
                step[k] = transform.invert(targetFeatures[k], step[k]);
            }
        }
        return unscaled;
    }

    /**
     * A network output row as the point forecast and, with quantile levels, the forecast at each level
     * {@code [q][h][k]} in original units. Each level's block is mapped back like a point forecast (the transforms and
     * the scaling are increasing, so they keep the levels' order), then the levels of every step and target are
     * sorted, so they never cross; the point forecast is the (sorted) median.
     */
    public QuantileForecast quantileForecast(WindowExample window, float[] output) {
        if (quantiles.isEmpty()) {
            return new QuantileForecast(forecast(window, output), null);
        }
        int block = horizon * targetFeatures.length;
        double[][][] levels = new double[quantiles.count()][][];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = forecast(window, java.util.Arrays.copyOfRange(output, i * block, (i + 1) * block));
        }
        QuantileLevels.sortEach(levels);
        double[][] point = new double[horizon][];
        for (int h = 0; h < horizon; h++) {
            point[h] = levels[quantiles.medianIndex()][h].clone();
        }
        return new QuantileForecast(point, levels);
    }
}
