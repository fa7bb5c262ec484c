package io.seqpipe.report;

/**
 * One series' test horizon for the report's forecast chart, in original units: the steps before it and, for each
 * step of the horizon, the actual value and the forecasts of the model and of the baselines.
 *
 * @param key     the series
 * @param target  the target column shown
 * @param history the actual values of the steps just before the horizon, oldest first
 * @param ets     the ETS baseline's forecast; null when evaluate ran without it
 */
public record ForecastSample(String key, String target, double[] history, double[] actual, double[] model,
                             double[] naive, double[] seasonalNaive, double[] ets) {
    public ForecastSample {
        int h = actual.length;
        if (model.length != h || naive.length != h || seasonalNaive.length != h || ets != null && ets.length != h) {
            throw new IllegalArgumentException("one value per horizon step: actual " + h + ", model " + model.length
                    + ", naive " + naive.length + ", seasonal naive " + seasonalNaive.length
                    + (ets == null ? "" : ", ets " + ets.length));
        }
    }
}
