package io.seqpipe.forecast;

import io.seqpipe.SeqPipeException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seasonal indices by classical decomposition, checked against hand-computed values and R's {@code decompose}; fitted
 * on training parts only; restored exactly.
 */
class FittedSeasonalityTest {
    private static final int[] Y = {0};
    private static final List<String> TARGET = List.of("y");

    /** Airline passengers 1949-01 .. 1958-12 (the training part of conf/airline.conf without validation). */
    private static final double[] AIRLINE_1949_1958 = {112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
            115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140, 145, 150, 178, 163, 172, 178, 199, 199, 184,
            162, 146, 166, 171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194, 196, 196, 236, 235, 229, 243,
            264, 272, 237, 211, 180, 201, 204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229, 242, 233, 267,
            269, 270, 315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306,
            315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336, 340, 318, 362, 348, 363, 435, 491, 505, 404,
            359, 310, 337};

    static TimeSeries series(String key, double... values) {
        double[][] rows = new double[values.length][];
        for (int t = 0; t < values.length; t++) {
            rows[t] = new double[]{values[t]};
        }
        return new TimeSeries(key, null, rows, new String[values.length][0], null);
    }

    @Test
    void indicesOfAHandComputedSeriesMatchRsDecompose() {
        // m = 4: the 2x4 centred moving average at t = 2..5 is 4.125, 4.375, 4.875, 5.625; differences 1.875 (p 2),
        // -0.375 (p 3), -1.875 (p 0), -0.625 (p 1), mean -0.25 -> indices -1.625, -0.375, 2.125, -0.125
        double[] x = {2, 4, 6, 4, 3, 5, 9, 7};
        assertArrayEquals(new double[]{-1.625, -0.375, 2.125, -0.125},
                ClassicalDecomposition.seasonalIndices(x, 4, false), 1e-12);
        // ratios 8/13 (p 0), 8/9 (p 1), 16/11 (p 2), 32/35 (p 3), divided by their mean
        double mean = (8.0 / 13 + 8.0 / 9 + 16.0 / 11 + 32.0 / 35) / 4;
        double[] multiplicative = ClassicalDecomposition.seasonalIndices(x, 4, true);
        assertArrayEquals(new double[]{8.0 / 13 / mean, 8.0 / 9 / mean, 16.0 / 11 / mean, 32.0 / 35 / mean},
                multiplicative, 1e-12);
        // R: decompose(ts(c(2,4,6,4,3,5,9,7), frequency = 4), type = "multiplicative")$figure
        assertArrayEquals(new double[]{0.635546588407924, 0.918011738811445, 1.502201027146002, 0.944240645634630},
                multiplicative, 1e-12);
        // odd m (a plain moving average of 3); R: decompose(ts(c(3,1,4,1,5,9,2,6,5,3,5), frequency = 3))$figure
        double[] odd = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
        assertArrayEquals(new double[]{-2.296296296296296, 0.148148148148148, 2.148148148148148},
                ClassicalDecomposition.seasonalIndices(odd, 3, false), 1e-12);
        assertArrayEquals(new double[]{0.455306964647583, 0.934007181515119, 1.610685853837297},
                ClassicalDecomposition.seasonalIndices(odd, 3, true), 1e-12);
    }

    @Test
    void airlineIndicesMatchRsDecomposeOfTheTrainingYears() {
        // R: decompose(window(AirPassengers, end = c(1958, 12)), type = "multiplicative")$figure
        double[] r = {0.911557868612, 0.892469473333, 1.021603514108, 0.977905944192, 0.977490261893,
                1.111611565543, 1.214789360883, 1.201909759541, 1.062433780706, 0.921799269563, 0.801694494885,
                0.904734706741};
        assertArrayEquals(r, ClassicalDecomposition.seasonalIndices(AIRLINE_1949_1958, 12, true), 1e-11);
        // R: decompose(log1p(window(AirPassengers, end = c(1958, 12))))$figure
        double[] logged = new double[AIRLINE_1949_1958.length];
        for (int t = 0; t < logged.length; t++) {
            logged[t] = Math.log1p(AIRLINE_1949_1958[t]);
        }
        double[] rLog = {-0.084606725212, -0.104753248917, 0.031753515464, -0.011736928090, -0.013638500879,
                0.113179848957, 0.199591489134, 0.188502697626, 0.065651129336, -0.075486728284, -0.214694183059,
                -0.093762366073};
        assertArrayEquals(rLog, ClassicalDecomposition.seasonalIndices(logged, 12, false), 1e-11);
    }

    @Test
    void onlyTrainingStepsAreSeenNeverValidationOrTest() {
        double[] values = AIRLINE_1949_1958.clone();
        SeriesSplit split = new SeriesSplit("*", 120, 96, 108);
        for (FittedSeasonality.Mode mode : List.of(FittedSeasonality.Mode.ADDITIVE,
                FittedSeasonality.Mode.MULTIPLICATIVE)) {
            FittedSeasonality fitted = FittedSeasonality.fit(mode, 12, TARGET, Y, series("*", values), split);
            double[] changed = values.clone();
            for (int t = 96; t < 120; t++) {
                changed[t] = 1 + 1000 * t; // validation and test values changed beyond recognition
            }
            assertEquals(fitted, FittedSeasonality.fit(mode, 12, TARGET, Y, series("*", changed), split), mode.name());
            changed[95] += 50; // the last training value
            assertNotEquals(fitted, FittedSeasonality.fit(mode, 12, TARGET, Y, series("*", changed), split),
                    mode.name());
            double[] training = java.util.Arrays.copyOf(values, 96);
            List<Double> expected = java.util.Arrays.stream(ClassicalDecomposition.seasonalIndices(training, 12,
                    mode == FittedSeasonality.Mode.MULTIPLICATIVE)).boxed().toList();
            assertEquals(expected, fitted.perKey().get("*").get(0));
        }
    }

    @Test
    void positionsContinueByStepIndexPastTheTrainingPartAndTheSeriesEnd() {
        FittedSeasonality f = FittedSeasonality.fit(FittedSeasonality.Mode.ADDITIVE, 4, TARGET, Y,
                series("k", 2, 4, 6, 4, 3, 5, 9, 7, 0, 0, 0), new SeriesSplit("k", 11, 8, 8));
        assertEquals(2.125, f.index("k", 0, 2), 1e-12);
        assertEquals(2.125, f.index("k", 0, 10), 1e-12, "a test step");
        assertEquals(-0.125, f.index("k", 0, 15), 1e-12, "a step after the series' end, as score forecasts it");
        assertEquals(4 - 2.125, f.remove("k", 0, 14, 4), 1e-12);
        assertEquals(4, f.restore("k", 0, 14, f.remove("k", 0, 14, 4)), 1e-12);
        TimeSeries adjusted = f.remove(series("k", 1, 1, 1, 1, 1), Y);
        assertEquals(1 + 1.625, adjusted.value(4, 0), 1e-12);
    }

    @Test
    void aPerfectlySeasonalMultiplicativeSeriesIsAdjustedToItsLevelAndRestoredExactly() {
        double[] profile = {0.8, 0.9, 1.1, 1.2, 1.3, 1.05, 0.95, 0.7, 0.85, 1.0, 1.05, 1.1}; // mean 1
        double[] x = new double[60];
        for (int t = 0; t < x.length; t++) {
            x[t] = 200 * profile[t % 12];
        }
        TimeSeries s = series("k", x);
        FittedSeasonality f = FittedSeasonality.fit(FittedSeasonality.Mode.MULTIPLICATIVE, 12, TARGET, Y, s,
                new SeriesSplit("k", 60, 36, 48));
        for (int p = 0; p < 12; p++) {
            assertEquals(profile[p], f.index("k", 0, p), 1e-12);
        }
        TimeSeries adjusted = f.remove(s, Y);
        for (int t = 0; t < 60; t++) {
            assertEquals(200, adjusted.value(t, 0), 1e-9, "a constant level at step " + t);
        }
        // forecasting the level (200) at every test step gives the series exactly
        for (int t = 48; t < 72; t++) {
            assertEquals(200 * profile[t % 12], f.restore("k", 0, t, 200), 1e-9);
        }
    }

    @Test
    void tooLittleTrainingDataOrNonPositiveValuesAreRefusedNamingTheSeries() {
        SeqPipeException shortSeries = assertThrows(SeqPipeException.class, () -> FittedSeasonality.fit(
                FittedSeasonality.Mode.ADDITIVE, 4, TARGET, Y, series("k", 1, 2, 3, 4, 5, 6, 7, 8, 9),
                new SeriesSplit("k", 9, 7, 9)));
        assertEquals("series 'k' has 7 training steps, but transform.seasonal = additive fits its seasonal indices on"
                + " at least two seasons of the training part (2 x evaluation.seasonLength = 8 steps); give it more"
                + " training data, lower evaluation.seasonLength, or set transform.seasonal = none",
                shortSeries.getMessage());
        SeqPipeException zero = assertThrows(SeqPipeException.class, () -> FittedSeasonality.fit(
                FittedSeasonality.Mode.MULTIPLICATIVE, 2, TARGET, Y, series("k", 1, 2, 0, 4, 5),
                new SeriesSplit("k", 5, 4, 5)));
        assertEquals("series 'k' step 2: column y = 0.0 (after transform.log1p), but transform.seasonal ="
                + " multiplicative needs training values > 0; use additive", zero.getMessage());
        FittedSeasonality none = FittedSeasonality.fit(FittedSeasonality.Mode.ADDITIVE, 4, TARGET, Y,
                series("k", 1, 2), new SeriesSplit("k", 2, 0, 0));
        assertFalse(none.covers("k"), "a series without training steps is skipped, as the per-key scaler skips it");
        assertThrows(SeqPipeException.class, () -> none.index("k", 0, 0));
        assertTrue(FittedSeasonality.none(TARGET).covers("k"));
        assertEquals(5.0, FittedSeasonality.none(TARGET).restore("k", 0, 3, 5.0));
    }

    @Test
    void keysFittedApartMergeAndAKeyFittedTwiceIsRefused() {
        SeriesSplit split = new SeriesSplit("a", 8, 8, 8);
        FittedSeasonality a = FittedSeasonality.fit(FittedSeasonality.Mode.ADDITIVE, 4, TARGET, Y,
                series("a", 2, 4, 6, 4, 3, 5, 9, 7), split);
        FittedSeasonality b = FittedSeasonality.fit(FittedSeasonality.Mode.ADDITIVE, 4, TARGET, Y,
                series("b", 2, 4, 6, 4, 3, 5, 9, 7), new SeriesSplit("b", 8, 8, 8));
        FittedSeasonality both = a.merge(b);
        assertEquals(Map.of("a", a.perKey().get("a"), "b", b.perKey().get("b")), both.perKey());
        assertThrows(IllegalArgumentException.class, () -> both.merge(a));
        assertThrows(IllegalArgumentException.class, () -> a.merge(FittedSeasonality.none(TARGET)));
    }
}
