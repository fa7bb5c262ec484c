/**
 * The forecasting task ({@code task = forecast}): CSV time series → windows ({@link
 * io.seqpipe.tasks.forecast.PrepareForecastData}) → a recurrent many-to-one regressor of the next {@code H} steps
 * trained with parameter averaging ({@link io.seqpipe.tasks.forecast.TrainForecaster}) → errors in original units
 * against the naive and seasonal-naive baselines on the same test windows ({@link
 * io.seqpipe.tasks.forecast.EvaluateForecaster}) → next-{@code H} forecasts per series ({@link
 * io.seqpipe.tasks.forecast.ScoreForecaster}). The per-key logic is {@link io.seqpipe.forecast}; this package runs
 * it on the executors (rows grouped by series key) and merges the results on the driver.
 *
 * <p>With {@code model.quantiles} the network forecasts quantile levels as well (one output block per level, pinball
 * loss): the 0.5 level is the point forecast everything above reads, evaluate adds pinball losses and interval
 * coverage ({@link io.seqpipe.tasks.forecast.QuantileReporting}) and score a column per level, both through
 * {@link io.seqpipe.tasks.forecast.QuantileForecasterAdapter}.
 *
 * <p>What the model saw is saved with it: the fitted scaler, categories and seasonal indices as model artifacts
 * ({@link io.seqpipe.tasks.forecast.ForecastArtifacts}), and the data, transform and window settings in its
 * {@code config.json}; evaluate and score re-read raw series with those, so their windows are the ones prepare cut.
 * With {@code train.ensemble = N} train fits N networks with seeds {@code train.seed + i} and every forecast is the
 * element-wise median of theirs ({@link io.seqpipe.tasks.forecast.ForecasterEnsemble},
 * {@link io.seqpipe.tasks.forecast.ForecastMedian}). Keys: {@code io/seqpipe/tasks/forecast.defaults.conf}.
 */
package io.seqpipe.tasks.forecast;
