package io.seqpipe.forecast.ets;

import io.seqpipe.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ETS baseline on synthetic series: no leakage, rolling origins, the models it refuses and why. */
class EtsForecasterTest {

    /** Monthly level 100 + 0.5 t with a ±10 seasonal swing and a little deterministic noise. */
    static double[][] seasonal(int n) {
        double[][] y = new double[n][1];
        for (int t = 0; t < n; t++) {
            y[t][0] = 100 + 0.5 * t + 10 * Math.sin(2 * Math.PI * t / 12) + 2 * Math.sin(1.7 * t * t);
        }
        return y;
    }

    @Test
    void theFitIgnoresEverythingAfterTheFittingPart() {
        double[][] y = seasonal(72);
        double[][] changed = seasonal(72);
        for (int t = 48; t < 72; t++) {
            changed[t][0] = 1000 - t;
        }
        EtsForecaster a = EtsForecaster.fit(y, 0, 48, 12, EtsForm.all());
        EtsForecaster b = EtsForecaster.fit(changed, 0, 48, 12, EtsForm.all());
        assertEquals(a.fits(), b.fits(), "the same model, parameters and initial states");
        assertArrayEquals(a.forecast(y, 48, 6)[5], b.forecast(changed, 48, 6)[5], 0.0,
                "the first origin sees only the fitting part");
        assertFalse(a.canForecast(47), "inside the fitting part it would be in-sample");
        assertThrows(IllegalArgumentException.class, () -> a.forecast(y, 40, 6));
    }

    @Test
    void laterOriginsFilterThroughTheObservedValuesWithFixedParameters() {
        double[][] y = seasonal(72);
        EtsForecaster ets = EtsForecaster.fit(y, 0, 48, 12, List.of(EtsForm.parse("AAA")));
        EtsFit fit = ets.fits().get(0);
        double[] column = new double[72];
        for (int t = 0; t < 72; t++) {
            column[t] = y[t][0];
        }
        EtsFilter filter = fit.filter();
        double[] state = filter.run(column, 60).finalState();
        double[] expected = filter.forecast(state, 3);
        // in step order (cached state), out of order (rebuilt), and again in order: always the same numbers
        for (int origin : new int[]{50, 60, 55, 60}) {
            double[][] f = ets.forecast(y, origin, 3);
            if (origin == 60) {
                assertEquals(expected[2], f[2][0], 1e-9);
            }
        }
        assertEquals(filter.oneStep(state), ets.forecast(y, 60, 1)[0][0], 1e-9);
        assertEquals(expected[0], ets.forecast(y, 60, 3)[0][0], 1e-9);
        assertTrue(Math.abs(expected[0] - column[60]) < 5, "a close one-step forecast: " + expected[0]);
    }

    @Test
    void eachTargetColumnGetsItsOwnModel() {
        double[][] y = new double[60][2];
        double[][] s = seasonal(60);
        for (int t = 0; t < 60; t++) {
            y[t][0] = s[t][0];
            y[t][1] = -5 + Math.sin(1.3 * t);
        }
        EtsForecaster ets = EtsForecaster.fit(y, 0, 48, 12, EtsForm.all());
        assertEquals(2, ets.fits().size());
        assertTrue(ets.fits().get(0).form().seasonal(), ets.fits().get(0).form().toString());
        assertFalse(ets.fits().get(1).form().multiplicative(), "column 1 is negative: no multiplicative model");
    }

    @Test
    void tooShortSeriesAreRefusedWithTheReason() {
        double[][] y = seasonal(10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EtsForecaster.fit(y, 0, 3, 12, EtsForm.all()));
        assertEquals("target column 0: ETS needs at least 4 values to fit, got 3", e.getMessage());
        // 10 values and season 12: seasonal models need 24, only non-seasonal ones are tried
        EtsForecaster ets = EtsForecaster.fit(y, 0, 10, 12, EtsForm.all());
        assertFalse(ets.fits().get(0).form().seasonal());
        IllegalArgumentException seasonalOnly = assertThrows(IllegalArgumentException.class,
                () -> EtsSelector.select(List.of(EtsForm.parse("AAA")), new double[20], 20, 12));
        assertTrue(seasonalOnly.getMessage().startsWith("none of the ETS models [AAA] applies to 20 values with season"
                + " length 12 (seasonal models need 2 <= m <= 24 and 24 values"), seasonalOnly.getMessage());
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
                () -> EtsEstimator.fit(EtsForm.parse("AAdN"), new double[]{1, 2, 3, 4, 5, 6}, 6, 1));
        assertEquals("ETS(A,Ad,N) estimates 5 parameters and needs at least 7 values, got 6", direct.getMessage());
    }

    @Test
    void multiplicativeModelsNeedStrictlyPositiveValues() {
        double[] y = new double[30];
        for (int t = 0; t < 30; t++) {
            y[t] = 5 + Math.sin(t);
        }
        y[7] = 0;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EtsEstimator.fit(EtsForm.parse("MNN"), y, 30, 1));
        assertEquals("ETS(M,N,N) has multiplicative components and needs strictly positive values, got 0.0 at step 7",
                e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> EtsSelector.select(List.of(EtsForm.parse("MNN"), EtsForm.parse("MAN")), y, 30, 1));
        assertTrue(none.getMessage().contains("multiplicative ones strictly positive values"), none.getMessage());
        assertFalse(EtsSelector.select(EtsForm.all(), y, 30, 1).form().multiplicative(),
                "auto skips multiplicative models on data with a zero");
    }

    @Test
    void formsParseAndConfigErrorsNameTheKey() {
        assertEquals("ETS(M,Ad,M)", EtsForm.parse("MAdM").toString());
        assertEquals("AAdN", EtsForm.parse("aadn").code());
        assertEquals(15, EtsForm.all().size());
        assertEquals(EtsForm.all(), EtsBaselineConfig.models(List.of("auto")));
        InvalidConfigException bad = assertThrows(InvalidConfigException.class,
                () -> EtsBaselineConfig.models(List.of("AAA", "AXN")));
        assertTrue(bad.getMessage().startsWith("evaluate.ets.models must be [auto] or a list of ETS models"),
                bad.getMessage());
        assertTrue(bad.getMessage().contains("got 'AXN'"), bad.getMessage());
        InvalidConfigException forbidden = assertThrows(InvalidConfigException.class,
                () -> EtsBaselineConfig.models(List.of("AAM")));
        assertTrue(forbidden.getMessage().contains("use MAM"), forbidden.getMessage());
    }
}
