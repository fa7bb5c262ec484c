package io.seqpipe.forecast.ets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ETS filter and estimator against R 4.2.2's forecast 8.20 ({@code fixtures/timeseries/ets-reference}, written by
 * {@code ets-reference.R} there) on the airline, car-sales and shampoo series of {@code ../shared/datasets}.
 */
@Tag("real-data")
class EtsAgainstRTest {
    private static final Map<String, EtsReference.Case> CASES = EtsReference.cases();

    @Test
    void filterWithRsParametersReproducesRsFittedValuesAndForecasts() {
        for (EtsReference.Case c : CASES.values()) {
            double[] y = EtsReference.series(c.seriesFile());
            EtsFilter filter = new EtsFilter(c.form(), c.parameters());
            EtsFilter.Run run = filter.run(y, c.trainLength());
            assertRelative(c.fitted(), run.fitted(), 1e-9, c.name() + " fitted");
            assertRelative(c.forecast(), asR(c, filter, run.finalState(), c.forecast().length), 1e-9,
                    c.name() + " forecast");
            assertEquals(c.logLikelihood(), -0.5 * run.errorTerm(), 1e-7 * Math.abs(c.logLikelihood()), c.name());
            assertEquals(c.mse(), run.sse() / c.trainLength(), 1e-9 * c.mse(), c.name());
            for (Map.Entry<Integer, double[]> r : c.rolling().entrySet()) {
                double[] state = filter.advance(run.finalState(), y, c.trainLength(), r.getKey());
                assertRelative(r.getValue(), asR(c, filter, state, r.getValue().length), 1e-9,
                        c.name() + " rolling from " + r.getKey());
            }
        }
    }

    @Test
    void ownFitForecastsWithinOnePercentOfRs() {
        StringBuilder report = new StringBuilder();
        for (EtsReference.Case c : CASES.values()) {
            double[] y = EtsReference.series(c.seriesFile());
            EtsFit fit = EtsEstimator.fit(c.form(), y, c.trainLength(), c.seasonLength());
            double[] forecast = fit.filter().forecast(fit.filter().run(y, c.trainLength()).finalState(),
                    c.forecast().length);
            double worst = 0;
            for (int i = 0; i < forecast.length; i++) {
                worst = Math.max(worst, Math.abs(forecast[i] / c.forecast()[i] - 1));
            }
            report.append(String.format("%-14s %-12s loglik %.4f (R %.4f) worst forecast %.4f%% %s%n", c.name(),
                    fit.form(), fit.logLikelihood(), c.logLikelihood(), 100 * worst, fit.parameters()));
        }
        System.out.println(report);
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
