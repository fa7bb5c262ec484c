package io.seqpipe.model.crf;

import java.util.Arrays;

/**
 * A linear-chain conditional random field over {@code K} tags: the score of a tag path {@code y} for emissions
 * {@code e} ({@code [T][K]}, the per-step tag scores a network computes) is
 * <pre>
 * s(y) = start[y_0] + Σ_t e[t][y_t] + Σ_{t≥1} trans[y_{t-1}][y_t] + end[y_{L-1}]
 * </pre>
 * over the sentence's first {@code L} steps (its length; the steps after it are padding and play no part), and
 * {@code p(y) = exp(s(y)) / Z} with the log-partition {@code log Z = log Σ_y exp(s(y))} from the forward algorithm in
 * log space. Training minimizes the negative log-likelihood {@code NLL = log Z - s(gold)}; its gradient is the
 * forward-backward marginals minus the gold counts: {@code ∂NLL/∂e[t][j] = p(y_t = j) - [gold_t = j]},
 * {@code ∂NLL/∂trans[i][j] = Σ_t p(y_{t-1} = i, y_t = j) - #gold (i, j) pairs}, and likewise for start and end.
 *
 * <p>Partly labelled sentences (a tag of {@code -1}: unknown at that step) are handled exactly: the gold term becomes
 * the log-sum over the paths that agree with every known tag ({@code log Z_gold}, the same forward algorithm
 * restricted to them), so an unknown step is marginalized rather than guessed; with every tag known it is the gold
 * path's score.
 *
 * <p>{@link TransitionConstraints} set forbidden transitions to {@code -∞}: they get no probability mass (and no
 * gradient), and {@link #viterbi} never outputs them. Pure Java in double precision; immutable.
 */
public final class LinearChainCrf {
    private final int tags;
    private final double[][] transitions;
    private final double[] start;
    private final double[] end;

    /**
     * @param transitions {@code [K][K]}, {@code [from][to]}
     * @param start       {@code [K]}, the score of each tag first
     * @param end         {@code [K]}, the score of each tag last
     * @param constraints forbidden transitions ({@code -∞}), or null for none
     */
    public LinearChainCrf(double[][] transitions, double[] start, double[] end, TransitionConstraints constraints) {
        tags = start.length;
        if (tags < 1 || end.length != tags || transitions.length != tags) {
            throw new IllegalArgumentException("a CRF needs K x K transitions and K start and end scores, got "
                    + transitions.length + ", " + start.length + ", " + end.length);
        }
        if (constraints != null && constraints.tags() != tags) {
            throw new IllegalArgumentException("constraints for " + constraints.tags() + " tags on a CRF of " + tags);
        }
        this.transitions = new double[tags][];
        this.start = start.clone();
        this.end = end.clone();
        for (int i = 0; i < tags; i++) {
            if (transitions[i].length != tags) {
                throw new IllegalArgumentException("transition row " + i + " has " + transitions[i].length
                        + " entries, expected " + tags);
            }
            this.transitions[i] = transitions[i].clone();
            if (constraints != null) {
                for (int j = 0; j < tags; j++) {
                    if (!constraints.allowed(i, j)) {
                        this.transitions[i][j] = Double.NEGATIVE_INFINITY;
                    }
                }
                if (!constraints.allowedStart(i)) {
                    this.start[i] = Double.NEGATIVE_INFINITY;
                }
                if (!constraints.allowedEnd(i)) {
                    this.end[i] = Double.NEGATIVE_INFINITY;
                }
            }
        }
    }

    /** The number of tags {@code K}. */
    public int tags() {
        return tags;
    }

    /** {@code log Z} over the first {@code length} steps of {@code emissions} ({@code [T][K]}); 0 when empty. */
    public double logPartition(double[][] emissions, int length) {
        check(emissions, length, null);
        return length == 0 ? 0 : forward(emissions, length, null, new double[length][tags]);
    }

    /** The score {@code s(y)} of the path {@code tags[0..length)}. */
    public double pathScore(double[][] emissions, int length, int[] path) {
        check(emissions, length, path);
        for (int t = 0; t < length; t++) {
            if (path[t] < 0) {
                throw new IllegalArgumentException("a path needs a tag at every step, got -1 at step " + t);
            }
        }
        if (length == 0) {
            return 0;
        }
        double s = start[path[0]] + end[path[length - 1]];
        for (int t = 0; t < length; t++) {
            s += emissions[t][path[t]];
            if (t > 0) {
                s += transitions[path[t - 1]][path[t]];
            }
        }
        return s;
    }

    /** {@code p(y_t = j)} for {@code t < length} ({@code [length][K]}), by forward-backward. */
    public double[][] marginals(double[][] emissions, int length) {
        check(emissions, length, null);
        double[][] out = new double[length][tags];
        if (length == 0) {
            return out;
        }
        double[][] alpha = new double[length][tags];
        double[][] beta = new double[length][tags];
        double logZ = forward(emissions, length, null, alpha);
        backward(emissions, length, null, beta);
        for (int t = 0; t < length; t++) {
            for (int j = 0; j < tags; j++) {
                out[t][j] = Math.exp(alpha[t][j] + beta[t][j] - logZ);
            }
        }
        return out;
    }

    /**
     * The negative log-likelihood of the (partly) known tags, {@code log Z - log Z_gold}, and its gradient times
     * {@code weight}: written into {@code dEmissions} ({@code [T][K]}; rows from {@code length} on set to 0) and added
     * to {@code into}'s transition, start and end gradients.
     *
     * @param gold the gold tag of each step, {@code -1} where unknown (marginalized)
     * @throws IllegalArgumentException when no path agrees with the gold tags and the constraints (a gold transition
     *                                  the constraints forbid)
     */
    public double negativeLogLikelihood(double[][] emissions, int length, int[] gold, double weight,
                                        double[][] dEmissions, Gradient into) {
        check(emissions, length, gold);
        for (double[] row : dEmissions) {
            Arrays.fill(row, 0);
        }
        if (length == 0) {
            return 0;
        }
        double logZ = accumulate(emissions, length, null, weight, dEmissions, into);
        double logZGold = fullyKnown(gold, length) ? subtractGoldCounts(emissions, length, gold, weight, dEmissions,
                into) : accumulate(emissions, length, gold, -weight, dEmissions, into);
        if (logZGold == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("the gold tags " + Arrays.toString(Arrays.copyOf(gold, length))
                    + " use a transition the CRF's constraints forbid");
        }
        return logZ - logZGold;
    }

    /** The best path over the first {@code length} steps (Viterbi), never through a forbidden transition. */
    public int[] viterbi(double[][] emissions, int length) {
        check(emissions, length, null);
        int[] path = new int[length];
        if (length == 0) {
            return path;
        }
        double[] score = new double[tags];
        double[] next = new double[tags];
        int[][] back = new int[length][tags];
        for (int j = 0; j < tags; j++) {
            score[j] = start[j] + emissions[0][j];
        }
        for (int t = 1; t < length; t++) {
            for (int j = 0; j < tags; j++) {
                double best = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int i = 0; i < tags; i++) {
                    double s = score[i] + transitions[i][j];
                    if (s > best) {
                        best = s;
                        arg = i;
                    }
                }
                next[j] = best + emissions[t][j];
                back[t][j] = arg;
            }
            double[] swap = score;
            score = next;
            next = swap;
        }
        double best = Double.NEGATIVE_INFINITY;
        int last = -1;
        for (int j = 0; j < tags; j++) {
            double s = score[j] + end[j];
            if (s > best) {
                best = s;
                last = j;
            }
        }
        if (last < 0) {
            throw new IllegalStateException("no tag path of length " + length + " satisfies the CRF's constraints");
        }
        path[length - 1] = last;
        for (int t = length - 1; t > 0; t--) {
            path[t - 1] = back[t][path[t]];
        }
        return path;
    }

    private static boolean fullyKnown(int[] gold, int length) {
        for (int t = 0; t < length; t++) {
            if (gold[t] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The gold term when every tag is known: the one path's score, and its counts (one-hot marginals) times
     * {@code weight} subtracted from the gradients; what {@link #accumulate} gives for it, without the exponentials.
     */
    private double subtractGoldCounts(double[][] emissions, int length, int[] gold, double weight,
                                      double[][] dEmissions, Gradient into) {
        for (int t = 0; t < length; t++) {
            dEmissions[t][gold[t]] -= weight;
            if (t > 0) {
                into.transitions[gold[t - 1]][gold[t]] -= weight;
            }
        }
        into.start[gold[0]] -= weight;
        into.end[gold[length - 1]] -= weight;
        return pathScore(emissions, length, gold);
    }

    /** Gradients of the transition, start and end scores, summed over sentences. */
    public static final class Gradient {
        public final double[][] transitions;
        public final double[] start;
        public final double[] end;

        public Gradient(int tags) {
            transitions = new double[tags][tags];
            start = new double[tags];
            end = new double[tags];
        }
    }

    /**
     * Forward-backward over the paths that agree with {@code known} (null: all paths): adds {@code weight} × the
     * marginals to {@code dEmissions} and {@code into}; returns the log of their summed weight.
     */
    private double accumulate(double[][] emissions, int length, int[] known, double weight, double[][] dEmissions,
                              Gradient into) {
        double[][] alpha = new double[length][tags];
        double[][] beta = new double[length][tags];
        double logZ = forward(emissions, length, known, alpha);
        if (logZ == Double.NEGATIVE_INFINITY) {
            return logZ;
        }
        backward(emissions, length, known, beta);
        for (int t = 0; t < length; t++) {
            for (int j = 0; j < tags; j++) {
                double p = Math.exp(alpha[t][j] + beta[t][j] - logZ);
                dEmissions[t][j] += weight * p;
                if (t == 0) {
                    into.start[j] += weight * p;
                }
                if (t == length - 1) {
                    into.end[j] += weight * p;
                }
                if (t > 0 && beta[t][j] != Double.NEGATIVE_INFINITY) {
                    double right = emissions[t][j] + beta[t][j] - logZ;
                    for (int i = 0; i < tags; i++) {
                        double lp = alpha[t - 1][i] + transitions[i][j] + right;
                        if (lp != Double.NEGATIVE_INFINITY) {
                            into.transitions[i][j] += weight * Math.exp(lp);
                        }
                    }
                }
            }
        }
        return logZ;
    }

    /** {@code alpha[t][j]}: log-sum of the scores of the paths ending in {@code j} at {@code t}; returns log Z. */
    private double forward(double[][] emissions, int length, int[] known, double[][] alpha) {
        double[] terms = new double[tags];
        for (int j = 0; j < tags; j++) {
            alpha[0][j] = allowedAt(known, 0, j) ? start[j] + emissions[0][j] : Double.NEGATIVE_INFINITY;
        }
        for (int t = 1; t < length; t++) {
            for (int j = 0; j < tags; j++) {
                if (!allowedAt(known, t, j)) {
                    alpha[t][j] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                for (int i = 0; i < tags; i++) {
                    terms[i] = alpha[t - 1][i] + transitions[i][j];
                }
                alpha[t][j] = logSumExp(terms) + emissions[t][j];
            }
        }
        for (int j = 0; j < tags; j++) {
            terms[j] = alpha[length - 1][j] + end[j];
        }
        return logSumExp(terms);
    }

    /** {@code beta[t][j]}: log-sum of the scores of the rest of the paths after {@code j} at {@code t}, end included. */
    private void backward(double[][] emissions, int length, int[] known, double[][] beta) {
        double[] terms = new double[tags];
        for (int i = 0; i < tags; i++) {
            beta[length - 1][i] = allowedAt(known, length - 1, i) ? end[i] : Double.NEGATIVE_INFINITY;
        }
        for (int t = length - 2; t >= 0; t--) {
            for (int i = 0; i < tags; i++) {
                if (!allowedAt(known, t, i)) {
                    beta[t][i] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                for (int j = 0; j < tags; j++) {
                    terms[j] = transitions[i][j] + emissions[t + 1][j] + beta[t + 1][j];
                }
                beta[t][i] = logSumExp(terms);
            }
        }
    }

    private static boolean allowedAt(int[] known, int t, int tag) {
        return known == null || known[t] < 0 || known[t] == tag;
    }

    /** {@code log Σ exp(x_i)}, stable; {@code -∞} when every term is. */
    static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    private void check(double[][] emissions, int length, int[] path) {
        if (length < 0 || length > emissions.length) {
            throw new IllegalArgumentException("length " + length + " outside [0, " + emissions.length + "]");
        }
        for (int t = 0; t < length; t++) {
            if (emissions[t].length != tags) {
                throw new IllegalArgumentException("emissions at step " + t + " have " + emissions[t].length
                        + " tag scores, the CRF has " + tags + " tags");
            }
            if (path != null && (path.length < length || path[t] >= tags || path[t] < -1)) {
                throw new IllegalArgumentException("tag " + (path.length <= t ? "missing" : path[t]) + " at step "
                        + t + " outside [-1, " + tags + ")");
            }
        }
    }
}
