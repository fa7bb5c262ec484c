package io.seqpipe.forecast.ets;

import java.util.function.ToDoubleFunction;

/**
 * The Nelder-Mead simplex minimiser of Nash (<i>Compact Numerical Methods for Computers</i>, 2nd ed., 1990,
 * algorithm 19), the variant R's {@code optim(method = "Nelder-Mead")} and {@code forecast::ets} use: reflection 1,
 * contraction 0.5, expansion 2; the first simplex steps every coordinate by one tenth of the largest absolute
 * coordinate; stops when the spread of the vertex values falls below {@code tolerance·(|f0| + tolerance)}, after
 * {@code maxEvaluations} evaluations, or when a shrink no longer reduces the simplex. A non-finite value counts as
 * {@code 1e35}. Following R's choices makes SeqPipe's estimates those of {@code ets} rather than merely another local
 * optimum of the same likelihood.
 */
final class NelderMead {
    private static final double BIG = 1.0e35;
    private static final double REFLECTION = 1.0;
    private static final double CONTRACTION = 0.5;
    private static final double EXPANSION = 2.0;

    private NelderMead() {
    }

    /** The best point found and its value. */
    record Result(double[] point, double value, int evaluations) {
    }

    static Result minimize(ToDoubleFunction<double[]> f, double[] start, double tolerance, int maxEvaluations) {
        int n = start.length;
        double[] b = start.clone();
        double f0 = f.applyAsDouble(b);
        if (!Double.isFinite(f0)) {
            throw new IllegalArgumentException("the criterion cannot be evaluated at the starting values");
        }
        int evaluations = 1;
        double convergence = tolerance * (Math.abs(f0) + tolerance);
        // vertices in columns 0..n, the centroid / trial point in column n + 1; row n holds the values
        double[][] p = new double[n + 1][n + 2];
        for (int i = 0; i < n; i++) {
            p[i][0] = b[i];
        }
        p[n][0] = f0;
        double step = 0;
        for (int i = 0; i < n; i++) {
            step = Math.max(step, 0.1 * Math.abs(b[i]));
        }
        if (step == 0) {
            step = 0.1;
        }
        double size = 0;
        for (int j = 1; j <= n; j++) {
            for (int i = 0; i < n; i++) {
                p[i][j] = b[i];
            }
            double trial = step;
            while (p[j - 1][j] == b[j - 1]) {
                p[j - 1][j] = b[j - 1] + trial;
                trial *= 10;
            }
            size += trial;
        }
        double oldSize = size;
        boolean recompute = true;
        int low = 0;
        int centroid = n + 1;
        while (true) {
            if (recompute) {
                for (int j = 0; j <= n; j++) {
                    if (j != low) {
                        for (int i = 0; i < n; i++) {
                            b[i] = p[i][j];
                        }
                        p[n][j] = value(f, b);
                        evaluations++;
                    }
                }
                recompute = false;
            }
            double lowValue = p[n][low];
            double highValue = lowValue;
            int high = low;
            for (int j = 0; j <= n; j++) {
                if (j != low) {
                    double v = p[n][j];
                    if (v < lowValue) {
                        low = j;
                        lowValue = v;
                    }
                    if (v > highValue) {
                        high = j;
                        highValue = v;
                    }
                }
            }
            if (highValue <= lowValue + convergence) {
                break;
            }
            for (int i = 0; i < n; i++) {
                double sum = -p[i][high];
                for (int j = 0; j <= n; j++) {
                    sum += p[i][j];
                }
                p[i][centroid] = sum / n;
            }
            for (int i = 0; i < n; i++) {
                b[i] = (1 + REFLECTION) * p[i][centroid] - REFLECTION * p[i][high];
            }
            double reflected = value(f, b);
            evaluations++;
            if (reflected < lowValue) {
                p[n][centroid] = reflected;
                for (int i = 0; i < n; i++) {
                    double expanded = EXPANSION * b[i] + (1 - EXPANSION) * p[i][centroid];
                    p[i][centroid] = b[i];
                    b[i] = expanded;
                }
                double v = value(f, b);
                evaluations++;
                if (v < reflected) {
                    for (int i = 0; i < n; i++) {
                        p[i][high] = b[i];
                    }
                    p[n][high] = v;
                } else {
                    for (int i = 0; i < n; i++) {
                        p[i][high] = p[i][centroid];
                    }
                    p[n][high] = reflected;
                }
            } else {
                if (reflected < highValue) {
                    for (int i = 0; i < n; i++) {
                        p[i][high] = b[i];
                    }
                    p[n][high] = reflected;
                }
                for (int i = 0; i < n; i++) {
                    b[i] = (1 - CONTRACTION) * p[i][high] + CONTRACTION * p[i][centroid];
                }
                double v = value(f, b);
                evaluations++;
                if (v < p[n][high]) {
                    for (int i = 0; i < n; i++) {
                        p[i][high] = b[i];
                    }
                    p[n][high] = v;
                } else if (reflected >= highValue) {
                    recompute = true;
                    size = 0;
                    for (int j = 0; j <= n; j++) {
                        if (j != low) {
                            for (int i = 0; i < n; i++) {
                                p[i][j] = CONTRACTION * (p[i][j] - p[i][low]) + p[i][low];
                                size += Math.abs(p[i][j] - p[i][low]);
                            }
                        }
                    }
                    if (size < oldSize) {
                        oldSize = size;
                    } else {
                        break;
                    }
                }
            }
            if (evaluations > maxEvaluations) {
                break;
            }
        }
        double[] best = new double[n];
        for (int i = 0; i < n; i++) {
            best[i] = p[i][low];
        }
        return new Result(best, p[n][low], evaluations);
    }

    private static double value(ToDoubleFunction<double[]> f, double[] x) {
        double v = f.applyAsDouble(x);
        return Double.isFinite(v) ? v : BIG;
    }
}
