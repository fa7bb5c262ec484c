package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.CategoryEncoder;
import io.seqpipe.forecast.FittedSeasonality;
import io.seqpipe.forecast.ScalerFitter;
import io.seqpipe.forecast.SeriesSplit;
import io.seqpipe.forecast.TimeSeries;
import io.seqpipe.forecast.TimeSeriesConfig;

import java.io.Serializable;

/**
 * Seasonal indices, scaler statistics and categories of the training parts of some series keys; merged across keys on
 * the driver.
 */
public record TrainingFit(ScalerFitter scaler, CategoryEncoder categories, FittedSeasonality seasonality)
        implements Serializable {

    /**
     * The fit of one series' training part: the seasonal indices of its log1p-transformed values, then the scaler
     * statistics of those values with the season removed, and its categories.
     */
    public static TrainingFit of(TimeSeriesConfig data, ValueTransform transform, TimeSeries series,
                                 SeriesSplit split) {
        int[] targets = data.targetIndices();
        TimeSeries transformed = transform.apply(series);
        FittedSeasonality seasonal = FittedSeasonality.fit(transform.seasonal(), data.seasonLength(),
                data.window().targetColumns(), targets, transformed, split);
        TimeSeries adjusted = seasonal.covers(series.key()) ? seasonal.remove(transformed, targets) : transformed;
        return new TrainingFit(new ScalerFitter(data.scaling(), data.series().valueColumns())
                .observeTraining(adjusted, split), CategoryEncoder.learn(data.series().categoricalColumns(), series,
                split), seasonal);
    }

    /** The preprocessing fitted on every series merged into this fit. */
    public ForecastPreprocessing preprocessing(TimeSeriesConfig data, ValueTransform transform) {
        return new ForecastPreprocessing(data, transform, scaler.fit(), categories, seasonality);
    }

    /** This fit with {@code other}'s added (the scaler fitter is merged in place). */
    public TrainingFit merge(TrainingFit other) {
        return new TrainingFit(scaler.merge(other.scaler), categories.merge(other.categories),
                seasonality.merge(other.seasonality));
    }
}
