package io.seqpipe.forecast;

import java.io.Serializable;
import java.util.Map;

/**
 * Errors of quantile forecasts over a set of (actual, forecasts) pairs in original units; NaN when there are no
 * pairs.
 *
 * @param count       pairs (each with a forecast at every level)
 * @param pinball     per level (named as {@link QuantileLevels#label}): the mean pinball loss
 *                    {@code mean(max(q·(A − F_q), (q − 1)·(A − F_q)))}
 * @param meanPinball the mean of {@code pinball} over the levels
 * @param below       per level: the fraction of actuals at or below the level's forecast (a calibrated level
 *                    {@code q} holds a fraction {@code q})
 * @param intervals   per central interval (named as {@link QuantileLevels.Interval#label}): its nominal and empirical
 *                    coverage
 */
public record QuantileMetrics(long count, Map<String, Double> pinball, double meanPinball, Map<String, Double> below,
                              Map<String, Coverage> intervals) implements Serializable {

    /**
     * @param nominal  the fraction the interval should hold, {@code 1 − 2q}
     * @param coverage the fraction of actuals inside {@code [F_q, F_{1−q}]} (bounds included)
     */
    public record Coverage(double nominal, double coverage) implements Serializable {
    }

    public QuantileMetrics {
        pinball = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pinball));
        below = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(below));
        intervals = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(intervals));
    }
}
