package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.CategoryEncoder;
import io.seqpipe.forecast.FeatureAssembler;
import io.seqpipe.forecast.FittedScaler;
import io.seqpipe.forecast.FittedSeasonality;
import io.seqpipe.forecast.QuantileForecast;
import io.seqpipe.forecast.QuantileLevels;
import io.seqpipe.forecast.SeriesFeatures;
import io.seqpipe.forecast.TimeSeries;
import io.seqpipe.forecast.TimeSeriesConfig;
import io.seqpipe.forecast.WindowNormalization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.List;

/**
 * Everything between a cleaned series and the network, fitted on training parts and saved with the model: the value
 * transform ({@link ValueTransform}), the seasonal indices ({@link FittedSeasonality}), the scaler and the one-hot
 * categories ({@link FeatureAssembler}), and the network's view of a window ({@link WindowNormalization}).
 *
 * <p>Series: log1p, then seasonal indices removed from the target columns, then scaled ({@link #features}); the
 * windows are cut from that. Network input {@code [batch, F, L]} (features × lookback steps), label and output
 * {@code [batch, H·K]} (step-major, as {@link io.seqpipe.forecast.ForecastWindow#targetVector()}); each target
 * column's inputs and labels are differenced and taken relative to the window's level when configured. A forecast
 * undoes it all in reverse order ({@link #forecast}). With quantile levels ({@code model.quantiles}), the output is
 * {@code Q} such blocks, one per level in ascending order ({@code [i·H·K + h·K + k]}, trained with
 * {@link io.seqpipe.model.PinballLoss} against the labels repeated per block), each mapped back to original units
 * like a point forecast. Serializable: closures ship it to executors.
 */
public final class ForecastPreprocessing implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ValueTransform transform;
    private final FittedSeasonality seasonality;
    private final WindowNormalization normalization;
    private final FittedScaler scaler;
    private final CategoryEncoder categories;
    private final FeatureAssembler assembler;
    private final int[] targetFeatures;
    private final int horizon;
    private final QuantileLevels quantiles;

    /** Without seasonal indices ({@code transform.seasonal = none}). */
    public ForecastPreprocessing(TimeSeriesConfig data, ValueTransform transform, FittedScaler scaler,
                                 CategoryEncoder categories) {
        this(data, transform, scaler, categories, FittedSeasonality.none(data.window().targetColumns()),
                QuantileLevels.NONE);
    }

    /** Seasonal indices, a point forecast. */
    public ForecastPreprocessing(TimeSeriesConfig data, ValueTransform transform, FittedScaler scaler,
                                 CategoryEncoder categories, FittedSeasonality seasonality) {
        this(data, transform, scaler, categories, seasonality, QuantileLevels.NONE);
    }

    /** No seasonal indices; {@code quantiles}: see below. */
    public ForecastPreprocessing(TimeSeriesConfig data, ValueTransform transform, FittedScaler scaler,
                                 CategoryEncoder categories, QuantileLevels quantiles) {
        this(data, transform, scaler, categories, FittedSeasonality.none(data.window().targetColumns()), quantiles);
    }

    /** @param quantiles the levels the network forecasts, or {@link QuantileLevels#NONE} for a point forecast */
    public ForecastPreprocessing(TimeSeriesConfig data, ValueTransform transform, FittedScaler scaler,
                                 CategoryEncoder categories, FittedSeasonality seasonality,
                                 QuantileLevels quantiles) {
        if (seasonality.mode() != transform.seasonal()
                || !seasonality.columns().equals(data.window().targetColumns())) {
            throw new IllegalArgumentException("transform.seasonal = " + transform.seasonal() + " of targets "
                    + data.window().targetColumns() + " needs seasonal indices of that kind, got "
                    + seasonality.mode() + " of " + seasonality.columns());
        }
        this.quantiles = quantiles;
        this.transform = transform;
        this.seasonality = seasonality;
        this.normalization = transform.windowNormalization();
        this.scaler = scaler;
        this.categories = categories;
        this.assembler = new FeatureAssembler(data.series().valueColumns(), data.window().targetColumns(), scaler,
                categories);
        this.targetFeatures = data.targetIndices();
        this.horizon = data.window().horizon();
    }

    public ValueTransform transform() {
        return transform;
    }

    public FittedScaler scaler() {
        return scaler;
    }

    public CategoryEncoder categories() {
        return categories;
    }

    public FittedSeasonality seasonality() {
        return seasonality;
    }

    /**
     * Whether series {@code key} can be scaled and seasonally adjusted (always with a global scaler and no seasonal
     * indices; otherwise: it had training steps).
     */
    public boolean covers(String key) {
        return scaler.covers(key) && seasonality.covers(key);
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
     * The features of {@code series} (original units): inputs transformed, seasonally adjusted and scaled, targets in
     * original units (what baselines, MASE scales and metrics read).
     */
    public SeriesFeatures features(TimeSeries series) {
        SeriesFeatures f = assembler.assemble(seasonality.remove(transform.apply(series), targetFeatures));
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
            if (!normalization.isIdentity()) {
                for (int target : targetFeatures) {
                    double[] normalized = normalization.inputs(lookback(w, target));
                    for (int t = 0; t < l; t++) {
                        out[i][target * l + t] = (float) normalized[t];
                    }
                }
            }
        }
        return Nd4j.createFromArray(out).reshape('c', batch.size(), f, l);
    }

    /** Labels {@code [batch, H·K]}: the scaled targets, differenced and relative to the level when configured. */
    public INDArray labels(List<WindowExample> batch) {
        float[][] out = new float[batch.size()][];
        for (int i = 0; i < out.length; i++) {
            WindowExample w = batch.get(i);
            out[i] = w.targets().clone();
            if (!normalization.isIdentity()) {
                for (int k = 0; k < targetFeatures.length; k++) {
                    double[] labels = normalization.labels(lookback(w, targetFeatures[k]), target(out[i], k));
                    setTarget(out[i], k, labels);
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

    /** A network output row back in scaled target units ({@code [h * K + k]}, absolute, not differenced). */
    public float[] scaledForecast(WindowExample window, float[] output) {
        float[] out = output.clone();
        if (!normalization.isIdentity()) {
            for (int k = 0; k < targetFeatures.length; k++) {
                setTarget(out, k, normalization.invert(lookback(window, targetFeatures[k]), target(out, k)));
            }
        }
        return out;
    }

    /**
     * A network output row as a forecast {@code [h][k]} in original units: window level and differences undone, then
     * the scaling, the seasonal indices (of steps {@code firstTargetStep + h}) and log1p; with quantile levels, the
     * median of {@link #quantileForecast}.
     */
    public double[][] forecast(WindowExample window, float[] output) {
        if (output.length > horizon * targetFeatures.length) {
            return quantileForecast(window, output).point();
        }
        double[][] unscaled = assembler.toOriginalUnits(window.key(), scaledForecast(window, output));
        for (int h = 0; h < unscaled.length; h++) {
            double[] step = unscaled[h];
            for (int k = 0; k < step.length; k++) {
                double seasonal = seasonality.restore(window.key(), k, window.firstTargetStep() + h, step[k]);
                step[k] = transform.invert(targetFeatures[k], seasonal);
            }
        }
        return unscaled;
    }

    /** The {@code L} scaled lookback values of input feature {@code feature}. */
    private static double[] lookback(WindowExample w, int feature) {
        int f = w.features();
        double[] out = new double[w.lookback()];
        for (int t = 0; t < out.length; t++) {
            out[t] = w.inputs()[t * f + feature];
        }
        return out;
    }

    /** Target {@code k}'s {@code H} values of a step-major row {@code [h * K + k]}. */
    private double[] target(float[] row, int k) {
        int count = targetFeatures.length;
        double[] out = new double[row.length / count];
        for (int h = 0; h < out.length; h++) {
            out[h] = row[h * count + k];
        }
        return out;
    }

    private void setTarget(float[] row, int k, double[] values) {
        int count = targetFeatures.length;
        for (int h = 0; h < values.length; h++) {
            row[h * count + k] = (float) values[h];
        }
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
