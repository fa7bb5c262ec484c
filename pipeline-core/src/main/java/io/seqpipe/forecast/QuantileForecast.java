package io.seqpipe.forecast;

import java.io.Serializable;

/**
 * One window's forecast in original units: the point forecast, and, from a quantile forecaster, the forecast at
 * each quantile level.
 *
 * @param point     {@code [H][K]}: the median quantile of a quantile forecaster
 * @param quantiles {@code [Q][H][K]} in the order of {@link QuantileLevels}, ascending at every step and target;
 *                  null for a point forecaster
 */
public record QuantileForecast(double[][] point, double[][][] quantiles) implements Serializable {
}
