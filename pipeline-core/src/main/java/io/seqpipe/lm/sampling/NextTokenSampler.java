package io.seqpipe.lm.sampling;

import java.io.Serializable;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Picks the next token from one step's output of a language model, given as logits or as probabilities (float or
 * double), under {@link SamplingSettings}.
 *
 * <p>The filters apply in HuggingFace's order: <b>temperature, then top-k, then top-p</b>.
 * <ol>
 *   <li><b>Temperature</b> {@code T > 0}: {@code softmax(logits / T)}; from probabilities, {@code p^(1/T)}
 *       renormalized (the same thing, with {@code logits = log p}). {@code T = 0} is greedy: the argmax gets
 *       probability 1, the filters are skipped, and no random number is drawn.</li>
 *   <li><b>Top-k</b> keeps the {@code k} most probable ids and renormalizes. Exactly {@code k} are kept: among ids of
 *       equal probability at the boundary, the lowest ids win.</li>
 *   <li><b>Top-p</b> (nucleus) ranks ids by probability (ties: lowest id first) and keeps the shortest prefix whose
 *       cumulative mass reaches {@code p}, then renormalizes. A cumulative mass within {@value #MASS_TOLERANCE} below
 *       {@code p} counts as reaching it, so a boundary hit exactly on paper (0.7 + 0.2 = 0.9) is not missed because
 *       of floating-point rounding. The most probable id is always kept.</li>
 * </ol>
 * Ids of probability 0 are never drawn. The draw itself uses one {@code nextDouble()} of the caller's generator per
 * step (inverse CDF over the ids in increasing order), so a seeded generator gives the same ids on every run.
 *
 * <p>Stateless and immutable: one instance serves any number of threads, each with its own generator.
 */
public final class NextTokenSampler implements Serializable {

    /** How far below {@code p} a cumulative mass may fall and still count as reaching it in top-p. */
    public static final double MASS_TOLERANCE = 1e-12;

    private final double temperature;
    private final int topK;
    private final double topP;

    public NextTokenSampler(SamplingSettings settings) {
        this.temperature = settings.temperature();
        this.topK = settings.topK();
        this.topP = settings.topP();
    }

    /** The distribution the next token is drawn from, after temperature, top-k and top-p, given logits. */
    public double[] distributionFromLogits(double[] logits) {
        if (temperature == 0) {
            return oneHot(logits.length, argmax(logits));
        }
        return filter(softmax(logits, temperature));
    }

    /** As {@link #distributionFromLogits(double[])}, for float logits. */
    public double[] distributionFromLogits(float[] logits) {
        return distributionFromLogits(toDouble(logits));
    }

    /**
     * The distribution the next token is drawn from, given the model's probabilities (non-negative, any positive
     * sum; they are renormalized).
     */
    public double[] distributionFromProbabilities(double[] probabilities) {
        double[] p = normalize(probabilities);
        if (temperature == 0) {
            return oneHot(p.length, argmax(p));
        }
        return filter(temperature == 1 ? p : temper(p, temperature));
    }

    /** As {@link #distributionFromProbabilities(double[])}, for float probabilities. */
    public double[] distributionFromProbabilities(float[] probabilities) {
        return distributionFromProbabilities(toDouble(probabilities));
    }

    /** The next token id, given logits; greedy draws nothing from {@code random}. */
    public int sampleFromLogits(double[] logits, RandomGenerator random) {
        return temperature == 0 ? argmax(logits) : draw(distributionFromLogits(logits), random);
    }

    /** As {@link #sampleFromLogits(double[], RandomGenerator)}, for float logits. */
    public int sampleFromLogits(float[] logits, RandomGenerator random) {
        return sampleFromLogits(toDouble(logits), random);
    }

    /** The next token id, given probabilities; greedy draws nothing from {@code random}. */
    public int sampleFromProbabilities(double[] probabilities, RandomGenerator random) {
        return temperature == 0 ? argmax(normalize(probabilities))
                : draw(distributionFromProbabilities(probabilities), random);
    }

    /** As {@link #sampleFromProbabilities(double[], RandomGenerator)}, for float probabilities. */
    public int sampleFromProbabilities(float[] probabilities, RandomGenerator random) {
        return sampleFromProbabilities(toDouble(probabilities), random);
    }

    private double[] filter(double[] p) {
        return keepTopP(keepTopK(p, topK), topP);
    }

    /** The id of the largest value; ties go to the lowest id. NaN is an error. */
    public static int argmax(double[] values) {
        requireNonEmpty(values);
        int best = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("value of id " + i + " is NaN");
            }
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** As {@link #argmax(double[])}, for floats. */
    public static int argmax(float[] values) {
        return argmax(toDouble(values));
    }

    /**
     * {@code softmax(logits / temperature)}, computed stably (the largest logit is subtracted first). Logits may be
     * {@code -Infinity} (probability 0), not all of them; NaN and {@code +Infinity} are errors.
     */
    public static double[] softmax(double[] logits, double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("softmax temperature must be finite and > 0, got " + temperature);
        }
        requireNonEmpty(logits);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            double l = logits[i];
            if (Double.isNaN(l) || l == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("logit of id " + i + " must be finite or -Infinity, got " + l);
            }
            max = Math.max(max, l);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("every logit is -Infinity: no token is possible");
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The model's log-probability of {@code id}: {@code log softmax(logits)[id]} at temperature 1, unfiltered. */
    public static double logProbability(double[] logits, int id) {
        requireNonEmpty(logits);
        if (id < 0 || id >= logits.length) {
            throw new IllegalArgumentException("token id must be in [0, " + logits.length + "), got " + id);
        }
        double max = Arrays.stream(logits).max().orElseThrow();
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l - max);
        }
        return logits[id] - max - Math.log(sum);
    }

    /**
     * A copy of {@code probabilities} divided by their sum. Each must be finite and {@code >= 0}, the sum
     * {@code > 0}.
     */
    public static double[] normalize(double[] probabilities) {
        requireNonEmpty(probabilities);
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("probability of id " + i + " must be finite and >= 0, got " + p);
            }
            sum += p;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("probabilities sum to 0: no token is possible");
        }
        double[] out = new double[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = probabilities[i] / sum;
        }
        return out;
    }

    /**
     * Keeps the {@code k} most probable ids of a distribution and renormalizes; ties at the boundary keep the lowest
     * ids. {@code k = 0} or {@code k >= } the number of ids returns a copy.
     */
    public static double[] keepTopK(double[] distribution, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("top-k must be >= 0 (0 = off), got " + k);
        }
        if (k == 0 || k >= distribution.length) {
            return distribution.clone();
        }
        int[] ranked = rankByProbability(distribution);
        double[] kept = new double[distribution.length];
        for (int r = 0; r < k; r++) {
            kept[ranked[r]] = distribution[ranked[r]];
        }
        return renormalize(kept);
    }

    /**
     * Keeps the shortest prefix of ids ranked by probability (ties: lowest id first) whose cumulative mass reaches
     * {@code p} (within {@value #MASS_TOLERANCE}), and renormalizes. {@code p = 1} returns a copy.
     */
    public static double[] keepTopP(double[] distribution, double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1] (1 = off), got " + p);
        }
        if (p == 1) {
            return distribution.clone();
        }
        int[] ranked = rankByProbability(distribution);
        double total = 0;
        for (double q : distribution) {
            total += q;
        }
        double target = p * total - MASS_TOLERANCE;
        double[] kept = new double[distribution.length];
        double cumulative = 0;
        for (int id : ranked) {
            kept[id] = distribution[id];
            cumulative += distribution[id];
            if (cumulative >= target) {
                break;
            }
        }
        return renormalize(kept);
    }

    /**
     * Draws an id from a distribution by inverse CDF over the ids in increasing order, with one
     * {@code nextDouble()} of {@code random}; ids of probability 0 are never returned.
     */
    public static int draw(double[] distribution, RandomGenerator random) {
        requireNonEmpty(distribution);
        double total = 0;
        int lastPositive = -1;
        for (int i = 0; i < distribution.length; i++) {
            if (distribution[i] > 0) {
                total += distribution[i];
                lastPositive = i;
            }
        }
        if (lastPositive < 0) {
            throw new IllegalArgumentException("distribution has no id of positive probability");
        }
        double u = random.nextDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < lastPositive; i++) {
            cumulative += distribution[i];
            if (u < cumulative && distribution[i] > 0) {
                return i;
            }
        }
        return lastPositive;
    }

    private static double[] temper(double[] p, double temperature) {
        double max = Arrays.stream(p).max().orElseThrow();
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] == 0 ? 0 : Math.exp(Math.log(p[i] / max) / temperature);
        }
        return renormalize(out);
    }

    /** Ids ordered by decreasing probability, ties by increasing id. */
    private static int[] rankByProbability(double[] distribution) {
        return java.util.stream.IntStream.range(0, distribution.length).boxed()
                .sorted((a, b) -> {
                    int byProbability = Double.compare(distribution[b], distribution[a]);
                    return byProbability != 0 ? byProbability : Integer.compare(a, b);
                })
                .mapToInt(Integer::intValue).toArray();
    }

    private static double[] renormalize(double[] kept) {
        double sum = 0;
        for (double q : kept) {
            sum += q;
        }
        for (int i = 0; i < kept.length; i++) {
            kept[i] /= sum;
        }
        return kept;
    }

    private static double[] oneHot(int size, int id) {
        double[] p = new double[size];
        p[id] = 1;
        return p;
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static void requireNonEmpty(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a step's distribution needs at least one token id, got none");
        }
    }
}
