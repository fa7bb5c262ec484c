package io.seqpipe.model.crf;

import io.seqpipe.tagging.TagScheme;
import io.seqpipe.tagging.TagTransitions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CRF's math against brute force over every tag path of tiny inputs (K = 3, T = 4, lengths shorter than T):
 * log-partition, Viterbi, marginals, and the hand-written NLL gradient against central differences.
 */
class LinearChainCrfTest {
    private static final int K = 3;
    private static final int T = 4;

    private static double[][] random(Random r, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (r.nextDouble() * 2 - 1) * scale;
            }
        }
        return m;
    }

    private record Crf(double[][] trans, double[] start, double[] end, TransitionConstraints constraints) {
        LinearChainCrf build() {
            return new LinearChainCrf(trans, start, end, constraints);
        }
    }

    private static Crf randomCrf(Random r, TransitionConstraints constraints) {
        return new Crf(random(r, K, K, 1.5), random(r, 1, K, 1.5)[0], random(r, 1, K, 1.5)[0], constraints);
    }

    /** Forbids 0 → 2, 2 first and 1 last. */
    private static TransitionConstraints someConstraints() {
        boolean[][] allowed = {{true, true, false}, {true, true, true}, {true, true, true}};
        return TransitionConstraints.of(allowed, new boolean[]{true, true, false}, new boolean[]{true, false, true});
    }

    /** Every path of {@code length} tags over K. */
    private static List<int[]> allPaths(int length) {
        List<int[]> out = new ArrayList<>();
        int n = (int) Math.pow(K, length);
        for (int code = 0; code < n; code++) {
            int[] p = new int[length];
            int c = code;
            for (int t = 0; t < length; t++) {
                p[t] = c % K;
                c /= K;
            }
            out.add(p);
        }
        return out;
    }

    @Test
    void logPartitionIsTheLogSumExpOfEveryPathScore() {
        for (long seed = 1; seed <= 6; seed++) {
            Random r = new Random(seed);
            for (TransitionConstraints c : new TransitionConstraints[]{null, someConstraints()}) {
                LinearChainCrf crf = randomCrf(r, c).build();
                double[][] em = random(r, T, K, 2);
                for (int length = 1; length <= T; length++) {
                    double[] scores = allPaths(length).stream()
                            .mapToDouble(p -> crf.pathScore(em, p.length, p)).toArray();
                    assertEquals(LinearChainCrf.logSumExp(scores), crf.logPartition(em, length), 1e-10,
                            "seed " + seed + ", length " + length);
                }
            }
        }
    }

    @Test
    void viterbiIsTheArgmaxOverEveryPath() {
        for (long seed = 1; seed <= 10; seed++) {
            Random r = new Random(seed);
            for (TransitionConstraints c : new TransitionConstraints[]{null, someConstraints()}) {
                LinearChainCrf crf = randomCrf(r, c).build();
                double[][] em = random(r, T, K, 2);
                for (int length = 1; length <= T; length++) {
                    int[] best = null;
                    double bestScore = Double.NEGATIVE_INFINITY;
                    for (int[] p : allPaths(length)) {
                        double s = crf.pathScore(em, length, p);
                        if (s > bestScore) {
                            bestScore = s;
                            best = p;
                        }
                    }
                    int[] decoded = crf.viterbi(em, length);
                    assertArrayEquals(best, decoded, "seed " + seed + ", length " + length);
                    assertTrue(c == null || c.permits(decoded, length));
                }
            }
        }
    }

    @Test
    void marginalsAreTheProbabilityMassOfThePathsThroughEachTag() {
        Random r = new Random(7);
        LinearChainCrf crf = randomCrf(r, someConstraints()).build();
        double[][] em = random(r, T, K, 2);
        int length = 3;
        double logZ = crf.logPartition(em, length);
        double[][] expected = new double[length][K];
        for (int[] p : allPaths(length)) {
            double prob = Math.exp(crf.pathScore(em, length, p) - logZ);
            for (int t = 0; t < length; t++) {
                expected[t][p[t]] += prob;
            }
        }
        double[][] m = crf.marginals(em, length);
        for (int t = 0; t < length; t++) {
            assertArrayEquals(expected[t], m[t], 1e-10);
        }
    }

    @Test
    void fullyLabelledNllIsLogPartitionMinusTheGoldScore() {
        Random r = new Random(3);
        LinearChainCrf crf = randomCrf(r, null).build();
        double[][] em = random(r, T, K, 2);
        int[] gold = {2, 0, 1, 1};
        double nll = crf.negativeLogLikelihood(em, 3, gold, 1, new double[T][K], new LinearChainCrf.Gradient(K));
        assertEquals(crf.logPartition(em, 3) - crf.pathScore(em, 3, gold), nll, 1e-10);
    }

    /** A step with tag -1 is marginalized: the NLL is -log of the summed probability of the paths through the rest. */
    @Test
    void anUnknownTagIsMarginalized() {
        Random r = new Random(4);
        LinearChainCrf crf = randomCrf(r, null).build();
        double[][] em = random(r, T, K, 2);
        double logZ = crf.logPartition(em, T);
        double p = 0;
        for (int tag = 0; tag < K; tag++) {
            p += Math.exp(crf.pathScore(em, T, new int[]{1, tag, 0, 2}) - logZ);
        }
        double nll = crf.negativeLogLikelihood(em, T, new int[]{1, -1, 0, 2}, 1, new double[T][K],
                new LinearChainCrf.Gradient(K));
        assertEquals(-Math.log(p), nll, 1e-10);
    }

    @Test
    void nllGradientMatchesCentralDifferencesWithPaddingFullAndPartialLabels() {
        for (long seed = 1; seed <= 4; seed++) {
            Random r = new Random(seed);
            for (TransitionConstraints c : new TransitionConstraints[]{null, someConstraints()}) {
                Crf p = randomCrf(r, c);
                double[][] em = random(r, T, K, 2);
                int length = seed % 2 == 0 ? 3 : 4;
                boolean partly = seed <= 2;
                int[] gold = c == null ? (partly ? new int[]{2, -1, 0, 1} : new int[]{2, 0, 1, 1})
                        : (partly ? new int[]{0, 1, -1, 2} : new int[]{1, 1, 0, 0});
                double w = 0.5;
                double[][] dEm = new double[T][K];
                LinearChainCrf.Gradient g = new LinearChainCrf.Gradient(K);
                p.build().negativeLogLikelihood(em, length, gold, w, dEm, g);
                double h = 1e-6;
                for (int t = 0; t < T; t++) {
                    for (int j = 0; j < K; j++) {
                        double keep = em[t][j];
                        em[t][j] = keep + h;
                        double plus = nll(p, em, length, gold);
                        em[t][j] = keep - h;
                        double minus = nll(p, em, length, gold);
                        em[t][j] = keep;
                        assertEquals(w * (plus - minus) / (2 * h), dEm[t][j], 1e-6, "emission " + t + "," + j);
                    }
                }
                for (int i = 0; i < K; i++) {
                    for (int j = 0; j < K; j++) {
                        if (c != null && !c.allowed(i, j)) {
                            assertEquals(0, g.transitions[i][j]);
                            continue;
                        }
                        double keep = p.trans()[i][j];
                        p.trans()[i][j] = keep + h;
                        double plus = nll(p, em, length, gold);
                        p.trans()[i][j] = keep - h;
                        double minus = nll(p, em, length, gold);
                        p.trans()[i][j] = keep;
                        assertEquals(w * (plus - minus) / (2 * h), g.transitions[i][j], 1e-6, "transition " + i + j);
                    }
                    for (double[] v : new double[][]{p.start(), p.end()}) {
                        double[] grad = v == p.start() ? g.start : g.end;
                        double keep = v[i];
                        v[i] = keep + h;
                        double plus = nll(p, em, length, gold);
                        v[i] = keep - h;
                        double minus = nll(p, em, length, gold);
                        v[i] = keep;
                        double expected = w * (plus - minus) / (2 * h);
                        assertEquals(Double.isNaN(expected) ? 0 : expected, grad[i], 1e-6, "start/end " + i);
                    }
                }
                for (int t = length; t < T; t++) {
                    assertArrayEquals(new double[K], dEm[t], "padding gets no gradient");
                }
            }
        }
    }

    private static double nll(Crf p, double[][] em, int length, int[] gold) {
        return p.build().negativeLogLikelihood(em, length, gold, 1, new double[em.length][K],
                new LinearChainCrf.Gradient(K));
    }

    @Test
    void aGoldPathThroughAForbiddenTransitionIsAClearError() {
        LinearChainCrf crf = randomCrf(new Random(1), someConstraints()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> crf.negativeLogLikelihood(
                new double[2][K], 2, new int[]{0, 2}, 1, new double[2][K], new LinearChainCrf.Gradient(K)));
        assertEquals("the gold tags [0, 2] use a transition the CRF's constraints forbid", e.getMessage());
    }

    @Test
    void constrainedDecodingNeverOutputsAnInvalidSequence() {
        List<String> iob2 = List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC");
        List<String> iobes = List.of("O", "B-PER", "I-PER", "E-PER", "S-PER", "B-LOC", "I-LOC", "E-LOC", "S-LOC");
        for (TagScheme scheme : new TagScheme[]{TagScheme.IOB2, TagScheme.IOBES}) {
            List<String> tags = scheme == TagScheme.IOB2 ? iob2 : iobes;
            int k = tags.size();
            TransitionConstraints c = TransitionConstraints.of(TagTransitions.allowedMatrix(scheme, tags),
                    TagTransitions.allowedAtEdge(scheme, tags, true), TagTransitions.allowedAtEdge(scheme, tags, false));
            Random r = new Random(11);
            int unconstrainedInvalid = 0;
            for (int trial = 0; trial < 500; trial++) {
                double[][] em = random(r, 8, k, 3);
                double[][] trans = random(r, k, k, 2);
                double[] start = random(r, 1, k, 2)[0];
                double[] end = random(r, 1, k, 2)[0];
                int length = 1 + r.nextInt(8);
                List<String> decoded = names(tags, new LinearChainCrf(trans, start, end, c).viterbi(em, length));
                // a well-formed sequence is the one its scheme writes back unchanged from its own chunks
                assertEquals(scheme.encode(scheme.decode(decoded), length), decoded, scheme + " trial " + trial);
                List<String> free = names(tags, new LinearChainCrf(trans, start, end, null).viterbi(em, length));
                if (!scheme.encode(scheme.decode(free), length).equals(free)) {
                    unconstrainedInvalid++;
                }
            }
            assertTrue(unconstrainedInvalid > 50, "the trials exercise the constraints: " + unconstrainedInvalid);
        }
    }

    private static List<String> names(List<String> tags, int[] path) {
        return Arrays.stream(path).mapToObj(tags::get).toList();
    }
}
