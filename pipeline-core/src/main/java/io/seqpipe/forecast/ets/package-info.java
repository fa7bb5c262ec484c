/**
 * Exponential smoothing (ETS) state-space models, the statistical baseline {@code evaluate} compares a forecaster
 * with; pure Java, no Spark (commons-math3 for the eigenvalues of the admissibility check).
 *
 * <ul>
 *   <li>{@link io.seqpipe.forecast.ets.EtsForm}: the models of Hyndman's error-trend-season taxonomy that R's
 *       {@code forecast::ets} searches by default (errors A/M; trend N, A or damped Ad; season N/A/M; no additive
 *       errors with a multiplicative season): simple exponential smoothing, Holt, damped Holt and the additive and
 *       multiplicative Holt-Winters models are among them.</li>
 *   <li>{@link io.seqpipe.forecast.ets.EtsFilter}: the recursions with fixed parameters: one-step forecasts, state
 *       updates, h-step point forecasts and the likelihood term.</li>
 *   <li>{@link io.seqpipe.forecast.ets.EtsEstimator}: maximum likelihood as R's {@code ets} does it (its starting
 *       states, parameter bounds, admissibility and Nelder-Mead), so estimates agree with R's;
 *       {@link io.seqpipe.forecast.ets.EtsSelector}: the choice among candidates by AICc.</li>
 *   <li>{@link io.seqpipe.forecast.ets.EtsForecaster}: the baseline of one series: fitted on its fitting part only,
 *       then filtered forward with fixed parameters and forecast from each window's origin
 *       ({@link io.seqpipe.forecast.BaselineForecaster}); {@link io.seqpipe.forecast.ets.EtsBaselineConfig} its
 *       configuration ({@code evaluate.ets.*}).</li>
 * </ul>
 *
 * Checked against R 4.2.2 with forecast 8.20 ({@code src/test/resources/fixtures/timeseries/ets-reference}, with the
 * R script that writes it): the filter with R's parameters reproduces R's fitted values and forecasts to 1e-9, and
 * the estimator reaches R's log-likelihood, AICc, chosen model and forecasts.
 */
package io.seqpipe.forecast.ets;
