package io.seqpipe.forecast;

import java.io.Serializable;

/**
 * Point-forecast errors over a set of (actual, forecast) pairs in original units. NaN when undefined (no pairs, or
 * no usable pairs for MAPE / MASE).
 *
 * @param count               pairs
 * @param rmse                {@code sqrt(mean((F - A)^2))}
 * @param mae                 {@code mean(|F - A|)}
 * @param mape                {@code 100 * mean(|F - A| / |A|)} over pairs with {@code A != 0}
 * @param mapeSkippedZeros    pairs left out of MAPE because {@code A == 0}
 * @param smape               {@code mean(200 * |F - A| / (|A| + |F|))}, a pair with {@code A == F == 0} counting 0
 *                            (the "symmetric MAPE" in percent, range 0..200)
 * @param mase                {@code mean(|F - A| / s)} where {@code s} is the series' in-sample seasonal-naive MAE
 *                            (see {@link MaseScale})
 * @param maseSkipped         pairs left out of MASE because their series' scale is zero or undefined
 */
public record ForecastMetrics(long count, double rmse, double mae, double mape, long mapeSkippedZeros, double smape,
                              double mase, long maseSkipped) implements Serializable {
}
