package io.seqpipe.forecast.ets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ETS filter and estimator against R 4.2.2's forecast 8.20 ({@code fixtures/timeseries/ets-reference}, written by
 * {@code ets-reference.R} there) on the airline, car-sales and shampoo series of {@code ../shared/datasets}.
 */
@Tag("real-data")
class EtsAgainstRTest {
    private static final Map<String, EtsReference.Case> CASES = EtsReference.cases();

    /**
     * R's fitted parameters and initial states through this filter give R's fitted values and forecasts; so do
     * {@code stats::HoltWinters}' additive Holt-Winters and Holt fits, as ETS(A,A,A) and ETS(A,A,N) with
     * {@code beta = alpha·beta_HW} and {@code gamma = (1 - alpha)·gamma_HW}.
     */
    @Test
    void filterWithRsParametersReproducesRsFittedValuesAndForecasts() {
        for (EtsReference.Case c : CASES.values()) {
            double[] y = EtsReference.series(c.seriesFile());
            EtsFilter filter = new EtsFilter(c.form(), c.parameters());
            EtsFilter.Run run = filter.run(y, c.start(), c.trainLength(), c.parameters().initialState());
            assertRelative(c.fitted(), run.fitted(), 1e-9, c.name() + " fitted");
            assertRelative(c.forecast(), asR(c, filter, run.finalState(), c.forecast().length), 1e-9,
                    c.name() + " forecast");
            if (!c.holtWinters()) {
                assertEquals(c.logLikelihood(), -0.5 * run.errorTerm(), 1e-7 * Math.abs(c.logLikelihood()), c.name());
            }
            assertEquals(c.mse(), run.sse() / (c.trainLength() - c.start()), 1e-9 * c.mse(), c.name());
            for (Map.Entry<Integer, double[]> r : c.rolling().entrySet()) {
                double[] state = filter.advance(run.finalState(), y, c.trainLength(), r.getKey());
                assertRelative(r.getValue(), asR(c, filter, state, r.getValue().length), 1e-9,
                        c.name() + " rolling from " + r.getKey());
            }
        }
    }

    /**
     * Estimation from scratch (R's starting values, bounds and Nelder-Mead) reaches R's optimum: the same
     * log-likelihood and AICc, and forecasts within 1 % of R's (in fact within 0.1 %: the only visible difference is
     * R's etsforecast damping convention for ETS(M,Ad,M), see {@link #asR}); the automatic choice by AICc picks R's
     * model for all three series.
     */
    @Test
    void ownFitMatchesRsEstimatesAndForecastsWithinOnePercent() {
        for (EtsReference.Case c : CASES.values()) {
            if (c.holtWinters()) {
                continue;
            }
            double[] y = EtsReference.series(c.seriesFile());
            boolean auto = c.name().endsWith("-auto");
            EtsFit fit = auto ? EtsSelector.select(EtsForm.all(), y, c.trainLength(), c.seasonLength())
                    : EtsEstimator.fit(c.form(), y, c.trainLength(), c.seasonLength());
            assertEquals(c.form(), fit.form(), c.name());
            assertEquals(c.logLikelihood(), fit.logLikelihood(), 1e-6 * Math.abs(c.logLikelihood()), c.name());
            assertEquals(c.aicc(), fit.aicc(), 1e-6 * Math.abs(c.aicc()), c.name());
            double[] forecast = fit.filter().forecast(fit.filter().run(y, c.trainLength()).finalState(),
                    c.forecast().length);
            assertRelative(c.forecast(), forecast, 0.01, c.name() + " forecast within 1 %");
            if (!(c.etsforecast() && c.form().damped())) {
                assertRelative(c.forecast(), forecast, 1e-4, c.name() + " forecast");
            }
        }
    }

    /**
     * The baseline as evaluate runs it (fitted on the training part, then filtered forward through the test part with
     * fixed parameters) gives R's rolling-origin forecasts of
     * {@code ets(upto, model = fit, use.initial.values = TRUE)}.
     */
    @Test
    void baselineRollingForecastsMatchRsFilteredRefits() {
        for (EtsReference.Case c : CASES.values()) {
            if (c.rolling().isEmpty()) {
                continue;
            }
            double[] y = EtsReference.series(c.seriesFile());
            double[][] targets = new double[y.length][1];
            for (int t = 0; t < y.length; t++) {
                targets[t][0] = y[t];
            }
            EtsForecaster ets = EtsForecaster.fit(targets, 0, c.trainLength(), c.seasonLength(), List.of(c.form()));
            for (Map.Entry<Integer, double[]> r : c.rolling().entrySet()) {
                double[][] f = ets.forecast(targets, r.getKey(), r.getValue().length);
                for (int h = 0; h < f.length; h++) {
                    assertEquals(r.getValue()[h], f[h][0], 1e-4 * Math.abs(r.getValue()[h]),
                            c.name() + " from " + r.getKey() + " step " + (h + 1));
                }
            }
        }
    }

    /**
     * The airline 1960 hold-out with the automatic choice (R's model, ETS(M,Ad,M)): RMSE 27.57 with the model's
     * own point forecasts. ANCHORS.md's 27.40 is R's default {@code forecast()} mean for this class of models, which
     * adds a variance term and damps the trend one step later (see the R script's notes).
     */
    @Test
    void airlineAutoEtsOn1960() {
        double[] y = EtsReference.series("airline-passengers.csv");
        EtsFit fit = EtsEstimator.fit(EtsForm.parse("MAdM"), y, 132, 12); // the automatic choice, see above
        double[] f = fit.filter().forecast(fit.filter().run(y, 132).finalState(), 12);
        double squared = 0;
        for (int i = 0; i < 12; i++) {
            squared += (f[i] - y[132 + i]) * (f[i] - y[132 + i]);
        }
        assertEquals(27.5688, Math.sqrt(squared / 12), 1e-4);
    }

    /**
     * The forecasts as R stored them: the recursion's, except that R's etsforecast (used for a multiplicative season)
     * damps the trend with {@code phi + phi + phi^2 + ... + phi^(h-1)} instead of {@code phi + ... + phi^h}; the
     * first step agrees.
     */
    static double[] asR(EtsReference.Case c, EtsFilter filter, double[] state, int h) {
        double[] f = filter.forecast(state, h);
        if (c.etsforecast() && c.form().damped()) {
            double phi = c.parameters().phi();
            int m = c.parameters().seasonLength();
            for (int i = 0; i < h; i++) {
                double season = state[2 + Math.floorMod(m - 1 - i, m)];
                f[i] += (phi - Math.pow(phi, i + 1)) * state[1] * season;
            }
        }
        return f;
    }

    static void assertRelative(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), what + " [" + i + "]");
        }
    }
}
