package io.seqpipe.forecast;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Differences and level of one window's target values, and their exact inverse. */
class WindowNormalizationTest {
    private static final double[] LOOKBACK = {1.5, -0.25, 0.75, 2.0, 1.5, 3.5}; // mean 1.5
    private static final double[] FUTURE = {2.75, 4.0, -1.0, 0.5};

    @Test
    void everyLevelAndLagIsInvertedExactly() {
        for (WindowNormalization.Level level : WindowNormalization.Level.values()) {
            for (int lag : new int[]{0, 1, 2, 5}) {
                WindowNormalization n = new WindowNormalization(level, lag);
                double[] labels = n.labels(LOOKBACK, FUTURE);
                assertArrayEquals(FUTURE, n.invert(LOOKBACK, labels), 1e-12, level + " lag " + lag);
                assertArrayEquals(FUTURE, n.invert(LOOKBACK, n.labels(LOOKBACK, FUTURE)), 1e-9);
            }
        }
    }

    @Test
    void levelLastSubtractsTheLastLookbackValueAndMeanTheLookbackMean() {
        WindowNormalization last = new WindowNormalization(WindowNormalization.Level.LAST, 0);
        assertArrayEquals(new double[]{-2.0, -3.75, -2.75, -1.5, -2.0, 0}, last.inputs(LOOKBACK), 1e-12);
        assertArrayEquals(new double[]{-0.75, 0.5, -4.5, -3.0}, last.labels(LOOKBACK, FUTURE), 1e-12);
        WindowNormalization mean = new WindowNormalization(WindowNormalization.Level.MEAN, 0);
        assertArrayEquals(new double[]{0.0, -1.75, -0.75, 0.5, 0.0, 2.0}, mean.inputs(LOOKBACK), 1e-12);
        assertArrayEquals(new double[]{1.25, 2.5, -2.5, -1.0}, mean.labels(LOOKBACK, FUTURE), 1e-12);
        assertTrue(new WindowNormalization(WindowNormalization.Level.NONE, 0).isIdentity());
        assertFalse(mean.isIdentity());
    }

    @Test
    void differencesAreTakenWithinTheWindowAndSummedFromItsLastValues() {
        WindowNormalization first = new WindowNormalization(WindowNormalization.Level.NONE, 1);
        // the first step has no earlier value inside the window: 0
        assertArrayEquals(new double[]{0, -1.75, 1.0, 1.25, -0.5, 2.0}, first.inputs(LOOKBACK), 1e-12);
        assertArrayEquals(new double[]{-0.75, 1.25, -5.0, 1.5}, first.labels(LOOKBACK, FUTURE), 1e-12);
        // a zero output forecasts the last value at every step (naive)
        assertArrayEquals(new double[]{3.5, 3.5, 3.5, 3.5}, first.invert(LOOKBACK, new double[4]), 1e-12);
        WindowNormalization seasonal = new WindowNormalization(WindowNormalization.Level.NONE, 2);
        assertArrayEquals(new double[]{0, 0, -0.75, 2.25, 0.75, 1.5}, seasonal.inputs(LOOKBACK), 1e-12);
        // a zero output repeats the last season (seasonal naive with m = 2)
        assertArrayEquals(new double[]{1.5, 3.5, 1.5, 3.5}, seasonal.invert(LOOKBACK, new double[4]), 1e-12);
        // the level after differencing: the mean of the differences (0.9375), over the steps that have one
        WindowNormalization both = new WindowNormalization(WindowNormalization.Level.MEAN, 2);
        assertArrayEquals(new double[]{0, 0, -1.6875, 1.3125, -0.1875, 0.5625}, both.inputs(LOOKBACK), 1e-12);
    }
}
