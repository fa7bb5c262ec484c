package io.seqpipe.report;

/**
 * One series' test horizon for the report's forecast chart, in original units: the steps before it and, for each
 * step of the horizon, the actual value and the forecasts of the model and of the baselines.
 *
 * @param key     the series
 * @param target  the target column shown
 * @param history the actual values of the steps just before the horizon, oldest first
 * @param ets     the ETS baseline's forecast; null when evaluate ran without it
 * @param interval the model's prediction interval; null for a point forecaster
 */
public record ForecastSample(String key, String target, double[] history, double[] actual, double[] model,
                             double[] naive, double[] seasonalNaive, double[] ets, Interval interval) {
    /**
     * A prediction interval of the model over the horizon.
     *
     * @param name what it is, e.g. {@code 0.1-0.9 interval (nominal 80 %)}
     */
    public record Interval(String name, double[] lower, double[] upper) {
    }

    public ForecastSample {
        int h = actual.length;
        if (model.length != h || naive.length != h || seasonalNaive.length != h || ets != null && ets.length != h
                || interval != null && (interval.lower().length != h || interval.upper().length != h)) {
            throw new IllegalArgumentException("one value per horizon step: actual " + h + ", model " + model.length
                    + ", naive " + naive.length + ", seasonal naive " + seasonalNaive.length
                    + (ets == null ? "" : ", ets " + ets.length)
                    + (interval == null ? "" : ", interval " + interval.lower().length + " and "
                    + interval.upper().length));
        }
    }

    /** A sample without a prediction interval (a point forecaster). */
    public ForecastSample(String key, String target, double[] history, double[] actual, double[] model,
                          double[] naive, double[] seasonalNaive, double[] ets) {
        this(key, target, history, actual, model, naive, seasonalNaive, ets, null);
    }
}
