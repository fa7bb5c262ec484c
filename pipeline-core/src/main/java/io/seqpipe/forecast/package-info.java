/**
 * Pure logic of multi-step time-series forecasting, with no Spark: Spark jobs group rows by series key and call
 * these per key on the executors, merging the mergeable results on the driver.
 *
 * <h2>Flow for one series key</h2>
 * <ol>
 *   <li>{@link io.seqpipe.forecast.SeriesRowParser} turns each line into a {@link io.seqpipe.forecast.SeriesRow}
 *       or a {@link io.seqpipe.data.Rejection} (wrong column count, bad timestamp, non-numeric value under
 *       {@code reject}, ...), as configured by {@link io.seqpipe.forecast.SeriesCsvFormat}; timestamps are read by
 *       {@link io.seqpipe.forecast.TimestampFormat} as the start of the period they name (a year, quarter, month,
 *       ISO week, day or time).</li>
 *   <li>{@link io.seqpipe.forecast.SeriesCleaner} orders the key's rows, handles duplicate and out-of-order
 *       timestamps, gaps and missing values per {@link io.seqpipe.forecast.CleaningConfig}, and counts what it did
 *       ({@link io.seqpipe.forecast.CleaningSummary}), giving a {@link io.seqpipe.forecast.TimeSeries}.</li>
 *   <li>{@link io.seqpipe.forecast.SplitSpec} cuts it chronologically into train, validation and test
 *       ({@link io.seqpipe.forecast.SeriesSplit}); the validation part may be stated as the last n forecast
 *       origins before the test part ({@code split.validationOrigins}).</li>
 *   <li>{@link io.seqpipe.forecast.FittedSeasonality} (seasonal indices by
 *       {@link io.seqpipe.forecast.ClassicalDecomposition}), {@link io.seqpipe.forecast.ScalerFitter} and
 *       {@link io.seqpipe.forecast.CategoryEncoder} learn from the <em>training part only</em>;
 *       {@link io.seqpipe.forecast.FeatureAssembler} applies the scaler and categories
 *       ({@link io.seqpipe.forecast.SeriesFeatures}) and maps predictions back to original units.</li>
 *   <li>{@link io.seqpipe.forecast.Windower} cuts {@link io.seqpipe.forecast.ForecastWindow}s: inputs
 *       {@code [L][features]}, targets {@code [H][K]}; {@link io.seqpipe.forecast.WindowNormalization} gives the
 *       network each window's target columns differenced and relative to the window's level, and inverts it.</li>
 *   <li>{@link io.seqpipe.forecast.ForecastEvaluation} accumulates errors of the model and of the
 *       {@link io.seqpipe.forecast.BaselineForecaster}s on the same windows; for a quantile forecaster
 *       ({@link io.seqpipe.forecast.QuantileLevels}), {@link io.seqpipe.forecast.QuantileEvaluation} accumulates the
 *       pinball loss per level and the coverage of each central interval.</li>
 * </ol>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Split ownership of windows.</b> A window belongs to the split part containing all its target steps; its
 *       lookback may reach into earlier parts, because past observations are legitimate inputs when forecasting (the
 *       airline 1960 test year is forecast from its 1959 lookback). Windows whose targets cross a boundary are
 *       dropped and counted; no target step is ever in two parts.</li>
 *   <li><b>No leakage through preprocessing.</b> Seasonal indices, scaler statistics, categories and MASE scales
 *       come from training steps only. The one look-ahead is linear interpolation of a missing value, which uses the
 *       next observed value of the same series.</li>
 *   <li><b>Metrics</b> are computed in original units: RMSE, MAE, MAPE = {@code 100·mean(|F−A|/|A|)} skipping (and
 *       counting) zero actuals, sMAPE = {@code mean(200·|F−A|/(|A|+|F|))} with {@code A = F = 0} counting 0 (range
 *       0..200), and MASE = {@code mean(|F−A|) / s} where {@code s} is the mean absolute seasonal difference
 *       {@code |y[t]−y[t−m]|} over the series' training part ({@link io.seqpipe.forecast.MaseScale}; {@code m = 1}
 *       is the naive scale). Each series' errors are scaled by its own {@code s}.</li>
 *   <li><b>Seasonal naive</b> forecasts step {@code h} from the value {@code m·ceil(h/m)} steps before the target
 *       time.</li>
 * </ul>
 * Configuration: {@link io.seqpipe.forecast.TimeSeriesConfig}, keys documented in
 * {@code io/seqpipe/forecast/timeseries.defaults.conf}.
 */
package io.seqpipe.forecast;
