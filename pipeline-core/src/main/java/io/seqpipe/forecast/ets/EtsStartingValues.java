package io.seqpipe.forecast.ets;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * The starting values of the initial state before estimation, by the heuristic of Hyndman et al. (2008, section
 * 2.6.1) as R's {@code forecast::ets} applies it: seasonal indices from a classical decomposition (a centred moving
 * average of one season; with fewer than three seasons, from a regression on a linear trend and one Fourier pair),
 * then level and trend from the first {@code max(10, 2m)} seasonally adjusted values (their mean without a trend, a
 * least-squares line with one).
 */
final class EtsStartingValues {
    private EtsStartingValues() {
    }

    /** {@code (l, b, s_1..s_{m-1})}: the free initial states of {@code form} (the last seasonal state follows). */
    static double[] of(EtsForm form, double[] y, int n, int m) {
        double[] adjusted = new double[n];
        double[] seasons = null;
        if (form.seasonal()) {
            boolean additive = form.season() == EtsForm.Component.ADDITIVE;
            double[] seasonal = n < 3 * m ? fourierSeasonal(y, n, m, additive) : decomposition(y, n, m, additive);
            seasons = new double[m - 1];
            for (int j = 0; j < m - 1; j++) {
                seasons[j] = seasonal[m - 1 - j];
            }
            if (additive) {
                for (int t = 0; t < n; t++) {
                    adjusted[t] = y[t] - seasonal[t];
                }
            } else {
                double sum = 0;
                for (int j = 0; j < m - 1; j++) {
                    seasons[j] = Math.max(seasons[j], 0.01);
                    sum += seasons[j];
                }
                if (sum > m) {
                    for (int j = 0; j < m - 1; j++) {
                        seasons[j] /= sum + 0.01 * (m - 1);
                    }
                }
                for (int t = 0; t < n; t++) {
                    adjusted[t] = y[t] / Math.max(seasonal[t], 0.01);
                }
            }
        } else {
            System.arraycopy(y, 0, adjusted, 0, n);
        }
        int first = Math.min(Math.max(10, 2 * m), n);
        double level;
        double trend = 0;
        if (form.hasTrend()) {
            double[] line = line(adjusted, first);
            level = line[0];
            trend = line[1];
            if (Math.abs(level + trend) < 1e-8) {
                level *= 1 + 1e-3;
                trend *= 1 - 1e-3;
            }
        } else {
            double sum = 0;
            for (int t = 0; t < first; t++) {
                sum += adjusted[t];
            }
            level = sum / first;
        }
        double[] state = new double[form.estimatedParameters(m) - smoothingCount(form)];
        int i = 0;
        state[i++] = level;
        if (form.hasTrend()) {
            state[i++] = trend;
        }
        if (seasons != null) {
            System.arraycopy(seasons, 0, state, i, seasons.length);
        }
        return state;
    }

    static int smoothingCount(EtsForm form) {
        return 1 + (form.hasTrend() ? 1 : 0) + (form.seasonal() ? 1 : 0) + (form.damped() ? 1 : 0);
    }

    /** Intercept (at step 0) and slope of the least-squares line through {@code (t, y[t-1])}, {@code t = 1..k}. */
    private static double[] line(double[] y, int k) {
        double meanT = (k + 1) / 2.0;
        double meanY = 0;
        for (int t = 0; t < k; t++) {
            meanY += y[t];
        }
        meanY /= k;
        double sxy = 0;
        double sxx = 0;
        for (int t = 0; t < k; t++) {
            double dt = t + 1 - meanT;
            sxy += dt * (y[t] - meanY);
            sxx += dt * dt;
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return new double[]{meanY - slope * meanT, slope};
    }

    /**
     * The seasonal component of a classical decomposition (R's {@code decompose}): a centred moving average of
     * {@code m} steps ({@code m + 1} with half weights at the ends when {@code m} is even) as the trend, the mean
     * detrended value of each position in the season (counted from the first step), centred to sum 0 (additive) or
     * to average 1 (multiplicative), repeated over the series.
     */
    private static double[] decomposition(double[] y, int n, int m, boolean additive) {
        int half = m / 2;
        double[] sums = new double[m];
        int[] counts = new int[m];
        for (int t = half; t < n - half; t++) {
            double trend = 0;
            if (m % 2 == 0) {
                trend += 0.5 * y[t - half] + 0.5 * y[t + half];
                for (int j = -half + 1; j < half; j++) {
                    trend += y[t + j];
                }
            } else {
                for (int j = -half; j <= half; j++) {
                    trend += y[t + j];
                }
            }
            trend /= m;
            sums[t % m] += additive ? y[t] - trend : y[t] / trend;
            counts[t % m]++;
        }
        double[] figure = new double[m];
        double mean = 0;
        for (int j = 0; j < m; j++) {
            figure[j] = sums[j] / counts[j];
            mean += figure[j] / m;
        }
        double[] seasonal = new double[n];
        for (int t = 0; t < n; t++) {
            seasonal[t] = additive ? figure[t % m] - mean : figure[t % m] / mean;
        }
        return seasonal;
    }

    /**
     * The series without a least-squares trend fitted together with one Fourier pair of period {@code m} (for two
     * to three seasons of data, where a moving average leaves too little): {@code y - a - b·t} (additive) or
     * {@code y / (a + b·t)}, {@code t = 1..n}.
     */
    private static double[] fourierSeasonal(double[] y, int n, int m, boolean additive) {
        int columns = m == 2 ? 3 : 4;
        double[][] x = new double[n][columns];
        for (int t = 0; t < n; t++) {
            double angle = 2 * Math.PI * (t + 1) / m;
            x[t][0] = 1;
            x[t][1] = t + 1;
            x[t][2] = Math.cos(angle);
            if (columns == 4) {
                x[t][3] = Math.sin(angle);
            }
        }
        RealVector coefficients = new QRDecomposition(new Array2DRowRealMatrix(x, false)).getSolver()
                .solve(new ArrayRealVector(y, 0, n));
        double a = coefficients.getEntry(0);
        double b = coefficients.getEntry(1);
        double[] seasonal = new double[n];
        for (int t = 0; t < n; t++) {
            double trend = a + b * (t + 1);
            seasonal[t] = additive ? y[t] - trend : y[t] / trend;
        }
        return seasonal;
    }
}
