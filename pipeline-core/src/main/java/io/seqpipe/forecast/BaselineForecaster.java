package io.seqpipe.forecast;

import java.io.Serializable;

/**
 * A reference forecast computed from the past of a series alone, evaluated on the same windows as the model.
 * Implementations read only steps before {@code firstTargetStep}.
 */
public interface BaselineForecaster extends Serializable {

    /** A short name for reports, e.g. {@code naive}, {@code seasonal-naive(12)}. */
    String name();

    /** Whether enough history precedes {@code firstTargetStep}. */
    boolean canForecast(int firstTargetStep);

    /**
     * The forecast of steps {@code firstTargetStep .. firstTargetStep + horizon - 1}.
     *
     * @param targets {@code [step][K]} target columns in original units ({@link SeriesFeatures#targets()}); only
     *                steps before {@code firstTargetStep} are read
     * @return {@code [horizon][K]}
     */
    double[][] forecast(double[][] targets, int firstTargetStep, int horizon);

    /**
     * Forecasts every window of {@code features} that has enough history and adds it to {@code into}; returns how
     * many windows were skipped for lack of history.
     */
    default long evaluate(SeriesFeatures features, Iterable<ForecastWindow> windows, double[] maseScales,
                          ForecastEvaluation into) {
        long skipped = 0;
        for (ForecastWindow w : windows) {
            if (!canForecast(w.firstTargetStep())) {
                skipped++;
                continue;
            }
            into.add(w, forecast(features.targets(), w.firstTargetStep(), w.actuals().length), maseScales);
        }
        return skipped;
    }
}
