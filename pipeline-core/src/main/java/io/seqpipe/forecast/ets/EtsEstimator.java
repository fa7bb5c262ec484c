package io.seqpipe.forecast.ets;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Maximum-likelihood estimation of one {@link EtsForm} on the first {@code n} values of a series, as R's
 * {@code forecast::ets(y, model)} does: the smoothing parameters and the free initial states together minimise
 * {@code n·ln(sum e²)} (plus {@code 2·sum ln|yhat|} with multiplicative errors), by Nelder-Mead from the starting
 * values of {@link EtsStartingValues}, within R's default bounds ({@code bounds = "both"}): {@code alpha} in
 * {@code [1e-4, 0.9999]}, {@code beta} in {@code [1e-4, alpha]}, {@code gamma} in {@code [1e-4, 1 - alpha]},
 * {@code phi} in {@code [0.8, 0.98]}, and the parameters admissible (the model forecastable: the roots of its
 * characteristic polynomial inside the unit circle); multiplicative seasonal states must stay positive. The
 * starting values, the parameter order and the optimiser ({@link NelderMead}, 2000 evaluations) are R's, so the
 * estimates agree with R's (which, on multimodal likelihoods, are a local optimum of it).
 */
public final class EtsEstimator {
    static final double LOWER = 1e-4;
    static final double UPPER = 0.9999;
    static final double PHI_LOWER = 0.8;
    static final double PHI_UPPER = 0.98;
    /** R's {@code ets}: {@code maxit = 2000}, relative tolerance {@code sqrt(.Machine$double.eps)}. */
    private static final int MAX_EVALUATIONS = 2000;
    private static final double TOLERANCE = Math.sqrt(Math.ulp(1.0));

    private EtsEstimator() {
    }

    /**
     * Whether {@code form} can be estimated on {@code n} values with season length {@code m}: a seasonal form needs
     * {@code m >= 2} and two full seasons, and every form fewer parameters than {@code n - 1} (as R's ets).
     */
    public static boolean estimable(EtsForm form, int n, int m) {
        if (form.seasonal() && (m < 2 || n < 2 * m)) {
            return false;
        }
        return form.estimatedParameters(form.seasonal() ? m : 1) < n - 1;
    }

    /**
     * Estimates {@code form} on {@code y[0..n)}.
     *
     * @throws IllegalArgumentException when the form is not {@link #estimable} or needs positive data that
     *                                  {@code y[0..n)} is not
     */
    public static EtsFit fit(EtsForm form, double[] y, int n, int m) {
        int seasonLength = form.seasonal() ? m : 1;
        if (form.seasonal() && (m < 2 || n < 2 * m)) {
            throw new IllegalArgumentException(form + " needs a season length >= 2 and two full seasons (" + 2 * m
                    + " values), got season length " + m + " and " + n + " values");
        }
        if (form.estimatedParameters(seasonLength) >= n - 1) {
            throw new IllegalArgumentException(form + " estimates " + form.estimatedParameters(seasonLength)
                    + " parameters and needs at least " + (form.estimatedParameters(seasonLength) + 2)
                    + " values, got " + n);
        }
        if (form.multiplicative()) {
            for (int t = 0; t < n; t++) {
                if (!(y[t] > 0)) {
                    throw new IllegalArgumentException(form + " has multiplicative components and needs strictly"
                            + " positive values, got " + y[t] + " at step " + t);
                }
            }
        }
        Objective objective = new Objective(form, y, n, seasonLength);
        NelderMead.Result best = NelderMead.minimize(objective::value, objective.start(), TOLERANCE,
                MAX_EVALUATIONS);
        if (!(best.value() < 1e35)) {
            throw new IllegalArgumentException(form + ": no admissible parameters found on " + n + " values");
        }
        EtsParameters parameters = objective.parameters(best.point());
        EtsFilter.Run run = new EtsFilter(form, parameters).run(y, n);
        double term = Math.max(run.errorTerm(), -1e10);
        int k = form.estimatedParameters(seasonLength) + 1;
        double aicc = term + 2.0 * k + 2.0 * k * (k + 1) / (n - k - 1);
        return new EtsFit(form, parameters, n, -0.5 * term, aicc, run.sse() / n);
    }

    /** Whether the smoothing parameters are within the usual bounds and admissible (R's {@code bounds = "both"}). */
    static boolean withinBounds(EtsForm form, double alpha, double beta, double gamma, double phi, int m) {
        if (alpha < LOWER || alpha > UPPER) {
            return false;
        }
        if (form.hasTrend() && (beta < LOWER || beta > alpha || beta > UPPER)) {
            return false;
        }
        if (form.damped() && (phi < PHI_LOWER || phi > PHI_UPPER)) {
            return false;
        }
        if (form.seasonal() && (gamma < LOWER || gamma > 1 - alpha || gamma > UPPER)) {
            return false;
        }
        return admissible(form, alpha, beta, gamma, phi, m);
    }

    /**
     * Admissibility of the smoothing parameters (Hyndman et al. 2008, chapter 10): for non-seasonal models linear
     * bounds; for seasonal ones, bounds and all roots of the characteristic polynomial
     * {@code z^(m+1) + (alpha + beta - phi) z^m + (alpha + beta - alpha·phi) (z^(m-1) + ... + z^2)
     * + (alpha + beta - alpha·phi + gamma - 1) z + phi (1 - alpha - gamma)} inside the unit circle.
     */
    static boolean admissible(EtsForm form, double alpha, double beta, double gamma, double phi, int m) {
        if (phi < 0 || phi > 1 + 1e-8) {
            return false;
        }
        if (!form.seasonal()) {
            if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) {
                return false;
            }
            return !form.hasTrend() || (beta >= alpha * (phi - 1) && beta <= (1 + phi) * (2 - alpha));
        }
        if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) {
            return false;
        }
        if (alpha < 1 - 1 / phi - gamma * (1 - m + phi + phi * m) / (2 * phi * m)) {
            return false;
        }
        if (beta < -(1 - phi) * (gamma / m + alpha)) {
            return false;
        }
        // coefficients of z^0 .. z^(m+1); the companion matrix of the monic polynomial has its roots as eigenvalues
        int degree = m + 1;
        double[] c = new double[degree + 1];
        c[0] = phi * (1 - alpha - gamma);
        c[1] = alpha + beta - alpha * phi + gamma - 1;
        for (int i = 2; i < m; i++) {
            c[i] = alpha + beta - alpha * phi;
        }
        c[m] = alpha + beta - phi;
        c[degree] = 1;
        double[][] companion = new double[degree][degree];
        for (int i = 0; i < degree; i++) {
            companion[0][i] = -c[degree - 1 - i];
            if (i > 0) {
                companion[i][i - 1] = 1;
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(companion, false));
        double[] re = eigen.getRealEigenvalues();
        double[] im = eigen.getImagEigenvalues();
        for (int i = 0; i < degree; i++) {
            if (Math.hypot(re[i], im[i]) > 1 + 1e-10) {
                return false;
            }
        }
        return true;
    }

    /**
     * The criterion over the vector {@code (alpha, beta, gamma, phi, l, b, s_1..s_{m-1})} (the entries the form
     * has), as R's ets orders it.
     */
    private static final class Objective {
        private final EtsForm form;
        private final double[] y;
        private final int n;
        private final int m;
        private final int smoothing;

        Objective(EtsForm form, double[] y, int n, int m) {
            this.form = form;
            this.y = y;
            this.n = n;
            this.m = m;
            this.smoothing = EtsStartingValues.smoothingCount(form);
        }

        /** R's starting values ({@code initparam}) and {@link EtsStartingValues}. */
        double[] start() {
            double alpha = LOWER + 0.2 * (UPPER - LOWER) / m;
            double[] states = EtsStartingValues.of(form, y, n, m);
            double[] x = new double[smoothing + states.length];
            int i = 0;
            x[i++] = alpha;
            if (form.hasTrend()) {
                double beta = LOWER + 0.1 * (Math.min(UPPER, alpha) - LOWER);
                x[i++] = beta;
            }
            if (form.seasonal()) {
                double gamma = LOWER + 0.05 * (Math.min(UPPER, 1 - alpha) - LOWER);
                x[i++] = gamma;
            }
            if (form.damped()) {
                x[i++] = PHI_LOWER + 0.99 * (PHI_UPPER - PHI_LOWER);
            }
            System.arraycopy(states, 0, x, i, states.length);
            return x;
        }

        EtsParameters parameters(double[] x) {
            int i = 0;
            double alpha = x[i++];
            double beta = form.hasTrend() ? x[i++] : 0;
            double gamma = form.seasonal() ? x[i++] : 0;
            double phi = form.damped() ? x[i++] : 1;
            double[] state = new double[form.stateLength(m)];
            System.arraycopy(x, smoothing, state, 0, x.length - smoothing);
            if (form.seasonal()) {
                int first = form.hasTrend() ? 2 : 1;
                double sum = 0;
                for (int j = first; j < state.length - 1; j++) {
                    sum += state[j];
                }
                state[state.length - 1] = (form.season() == EtsForm.Component.MULTIPLICATIVE ? m : 0) - sum;
            }
            return new EtsParameters(alpha, beta, gamma, phi, m, state);
        }

        double value(double[] x) {
            EtsParameters p = parameters(x);
            if (!withinBounds(form, p.alpha(), p.beta(), p.gamma(), p.phi(), m)) {
                return Double.POSITIVE_INFINITY;
            }
            double[] state = p.initialState();
            if (form.season() == EtsForm.Component.MULTIPLICATIVE) {
                for (int j = form.hasTrend() ? 2 : 1; j < state.length; j++) {
                    if (state[j] < 0) {
                        return Double.POSITIVE_INFINITY;
                    }
                }
            }
            double term = new EtsFilter(form, p).run(y, n).errorTerm();
            if (Double.isNaN(term)) {
                return Double.POSITIVE_INFINITY;
            }
            return Math.max(term, -1e10);
        }
    }
}
