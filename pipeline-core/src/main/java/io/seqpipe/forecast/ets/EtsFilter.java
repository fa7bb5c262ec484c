package io.seqpipe.forecast.ets;

/**
 * The recursions of an {@link EtsForm} with fixed {@link EtsParameters}: one-step forecasts, state updates and
 * h-step point forecasts, as in Hyndman et al. (2008, table 2.1) and R's {@code forecast::ets}. The state is
 * {@code (l, b, s_1..s_m)} with {@code s_1} the most recent seasonal state; for step {@code t}:
 * <pre>
 *   q = l + phi·b                 (l without a trend)
 *   yhat = q + s_m  or  q · s_m   (additive or multiplicative season; q without one)
 *   l' = q + alpha·(p − q),       p = y − s_m  or  y / s_m  (y without a season)
 *   b' = phi·b + (beta/alpha)·(l' − l − phi·b)
 *   s_1' = s_m + gamma·(r − s_m), r = y − q  or  y / q;  s_{j+1}' = s_j
 * </pre>
 * The update is the same for additive and multiplicative errors; the error type changes only the likelihood. The
 * h-step forecast is {@code (l + (phi + ... + phi^h)·b)} combined with the seasonal state of the target's season.
 */
public final class EtsFilter {
    /** Values this close to zero are not divided by (as in R's ets, which substitutes a huge value). */
    private static final double TOLERANCE = 1e-10;
    private static final double HUGE = 1e10;

    private final EtsForm form;
    private final EtsParameters parameters;
    private final int m;
    private final int seasonStart;

    public EtsFilter(EtsForm form, EtsParameters parameters) {
        this.form = form;
        this.parameters = parameters.checkedFor(form);
        this.m = form.seasonal() ? parameters.seasonLength() : 1;
        this.seasonStart = form.hasTrend() ? 2 : 1;
    }

    /**
     * The filter run over {@code y[from..to)} from {@code state}.
     *
     * @param fitted     one-step forecasts of each step
     * @param sse        sum of squared one-step errors in original units
     * @param errorTerm  {@code n·ln(sum e²) + 2·sum ln|yhat|} (the last sum only with multiplicative errors, where
     *                   {@code e = (y − yhat)/yhat}): minus twice R's {@code loglik}; NaN when a forecast was not
     *                   finite
     * @param finalState the state after {@code y[to - 1]}
     */
    public record Run(double[] fitted, double sse, double errorTerm, double[] finalState) {
    }

    /** The filter over {@code y[from..to)}, starting from {@code state} (not modified). */
    public Run run(double[] y, int from, int to, double[] state) {
        double[] s = state.clone();
        double[] fitted = new double[to - from];
        double squared = 0;
        double relativeSquared = 0;
        double logForecasts = 0;
        for (int t = from; t < to; t++) {
            double f = oneStep(s);
            fitted[t - from] = f;
            double e = y[t] - f;
            squared += e * e;
            if (form.error() == EtsForm.Component.MULTIPLICATIVE) {
                double relative = e / f;
                relativeSquared += relative * relative;
                logForecasts += Math.log(Math.abs(f));
            }
            update(s, y[t]);
        }
        int n = to - from;
        double term = form.error() == EtsForm.Component.MULTIPLICATIVE
                ? n * Math.log(relativeSquared) + 2 * logForecasts
                : n * Math.log(squared);
        return new Run(fitted, squared, term, s);
    }

    /** The filter over {@code y[0..n)} from the initial state. */
    public Run run(double[] y, int n) {
        return run(y, 0, n, parameters.initialState());
    }

    /** The state after {@code y[from..to)}, starting from {@code state} (not modified). */
    public double[] advance(double[] state, double[] y, int from, int to) {
        double[] s = state.clone();
        for (int t = from; t < to; t++) {
            update(s, y[t]);
        }
        return s;
    }

    /** The one-step forecast from {@code state}. */
    public double oneStep(double[] state) {
        double q = form.hasTrend() ? state[0] + parameters.phi() * state[1] : state[0];
        return seasonalise(q, state, m - 1);
    }

    /** The point forecasts of the next {@code h} steps after {@code state}. */
    public double[] forecast(double[] state, int h) {
        double[] out = new double[h];
        double phi = parameters.phi();
        double dampedSum = 0;
        double power = 1;
        for (int i = 0; i < h; i++) {
            power *= phi;
            dampedSum += power;
            double trend = form.hasTrend() ? state[0] + dampedSum * state[1] : state[0];
            int j = Math.floorMod(m - 1 - i, m);
            out[i] = seasonalise(trend, state, j);
        }
        return out;
    }

    private double seasonalise(double value, double[] state, int seasonIndex) {
        return switch (form.season()) {
            case NONE -> value;
            case ADDITIVE -> value + state[seasonStart + seasonIndex];
            case MULTIPLICATIVE -> value * state[seasonStart + seasonIndex];
        };
    }

    /** Updates {@code state} in place with the observation {@code y}. */
    void update(double[] state, double y) {
        double alpha = parameters.alpha();
        double level = state[0];
        double dampedTrend = form.hasTrend() ? parameters.phi() * state[1] : 0;
        double q = level + dampedTrend;
        double oldSeason = form.seasonal() ? state[seasonStart + m - 1] : 0;
        double p = switch (form.season()) {
            case NONE -> y;
            case ADDITIVE -> y - oldSeason;
            case MULTIPLICATIVE -> Math.abs(oldSeason) < TOLERANCE ? HUGE : y / oldSeason;
        };
        double newLevel = q + alpha * (p - q);
        state[0] = newLevel;
        if (form.hasTrend()) {
            state[1] = dampedTrend + parameters.beta() / alpha * (newLevel - level - dampedTrend);
        }
        if (form.seasonal()) {
            double r = form.season() == EtsForm.Component.ADDITIVE ? y - q
                    : Math.abs(q) < TOLERANCE ? HUGE : y / q;
            System.arraycopy(state, seasonStart, state, seasonStart + 1, m - 1);
            state[seasonStart] = oldSeason + parameters.gamma() * (r - oldSeason);
        }
    }

    public EtsForm form() {
        return form;
    }

    public EtsParameters parameters() {
        return parameters;
    }
}
