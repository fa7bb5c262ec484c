package io.seqpipe.forecast.ets;

import java.util.ArrayList;
import java.util.List;

/**
 * Automatic choice among {@link EtsForm}s as R's {@code forecast::ets(model = "ZZZ")} makes it: every candidate that
 * applies to the data is estimated ({@link EtsEstimator}) and the lowest AICc wins (ties: the earlier candidate).
 * A candidate applies when the data allow it: seasonal forms need a season length {@code 2 <= m <= 24} and two full
 * seasons, forms with multiplicative components strictly positive values, and every form more values than its
 * parameters plus one.
 */
public final class EtsSelector {
    /** Seasonal forms are offered up to this season length (as R's ets, whose seasonal states are estimated). */
    public static final int MAX_SEASON_LENGTH = 24;
    /** The shortest series any form can be estimated on (simple exponential smoothing: 2 parameters). */
    public static final int MIN_VALUES = 4;

    private EtsSelector() {
    }

    /**
     * The candidates that apply to {@code y[0..n)} with season length {@code m}, in the given order.
     */
    public static List<EtsForm> applicable(List<EtsForm> candidates, double[] y, int n, int m) {
        boolean positive = true;
        for (int t = 0; t < n; t++) {
            positive &= y[t] > 0;
        }
        List<EtsForm> out = new ArrayList<>();
        for (EtsForm form : candidates) {
            if (form.seasonal() && m > MAX_SEASON_LENGTH) {
                continue;
            }
            if (form.multiplicative() && !positive) {
                continue;
            }
            if (EtsEstimator.estimable(form, n, m)) {
                out.add(form);
            }
        }
        return out;
    }

    /**
     * The candidate with the lowest AICc on {@code y[0..n)}.
     *
     * @throws IllegalArgumentException naming the reason when no candidate applies or none could be estimated
     */
    public static EtsFit select(List<EtsForm> candidates, double[] y, int n, int m) {
        if (n < MIN_VALUES) {
            throw new IllegalArgumentException("ETS needs at least " + MIN_VALUES + " values to fit, got " + n);
        }
        List<EtsForm> forms = applicable(candidates, y, n, m);
        if (forms.isEmpty()) {
            throw new IllegalArgumentException("none of the ETS models " + codes(candidates) + " applies to "
                    + n + " values with season length " + m + " (seasonal models need 2 <= m <= "
                    + MAX_SEASON_LENGTH + " and " + 2 * m + " values; multiplicative ones strictly positive values)");
        }
        EtsFit best = null;
        List<String> failures = new ArrayList<>();
        for (EtsForm form : forms) {
            try {
                EtsFit fit = EtsEstimator.fit(form, y, n, m);
                if (Double.isNaN(fit.aicc())) {
                    failures.add(form + ": the likelihood is not a number");
                } else if (best == null || fit.aicc() < best.aicc()) {
                    best = fit;
                }
            } catch (IllegalArgumentException e) {
                failures.add(e.getMessage());
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no ETS model could be estimated: " + failures);
        }
        return best;
    }

    private static List<String> codes(List<EtsForm> forms) {
        return forms.stream().map(EtsForm::code).toList();
    }
}
