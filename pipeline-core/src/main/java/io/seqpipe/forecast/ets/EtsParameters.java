package io.seqpipe.forecast.ets;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The parameters of an {@link EtsForm}: smoothing parameters in the error-correction form of Hyndman et al. (2008)
 * (as R's {@code forecast::ets} reports them: {@code beta} and {@code gamma} multiply the one-step error, so
 * {@code beta <= alpha} and {@code gamma <= 1 - alpha}) and the initial state before the first observation.
 *
 * @param alpha        level smoothing
 * @param beta         trend smoothing (0 without a trend)
 * @param gamma        seasonal smoothing (0 without a season)
 * @param phi          damping (1 without damping)
 * @param seasonLength {@code m} (1 without a season)
 * @param initialState {@code (l, b, s_1, ..., s_m)}: level, trend when present, and the seasonal states when
 *                     seasonal, {@code s_1} the most recent (the season of the step just before the first
 *                     observation) and {@code s_m} the season of the first observation, as R's {@code initstate}
 */
public record EtsParameters(double alpha, double beta, double gamma, double phi, int seasonLength,
                            double[] initialState) implements Serializable {

    public EtsParameters {
        if (seasonLength < 1) {
            throw new IllegalArgumentException("season length must be >= 1, got " + seasonLength);
        }
        initialState = initialState.clone();
    }

    @Override
    public double[] initialState() {
        return initialState.clone();
    }

    /** The parameters for {@code form}, checking the state length. */
    EtsParameters checkedFor(EtsForm form) {
        int expected = form.stateLength(seasonLength);
        if (initialState.length != expected) {
            throw new IllegalArgumentException(form + " with season length " + seasonLength + " has " + expected
                    + " initial states, got " + initialState.length);
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EtsParameters p && Double.compare(alpha, p.alpha) == 0
                && Double.compare(beta, p.beta) == 0 && Double.compare(gamma, p.gamma) == 0
                && Double.compare(phi, p.phi) == 0 && seasonLength == p.seasonLength
                && Arrays.equals(initialState, p.initialState);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(alpha, beta, gamma, phi, seasonLength) + Arrays.hashCode(initialState);
    }

    @Override
    public String toString() {
        return "alpha=" + alpha + ", beta=" + beta + ", gamma=" + gamma + ", phi=" + phi + ", m=" + seasonLength
                + ", initial state " + Arrays.toString(initialState);
    }
}
