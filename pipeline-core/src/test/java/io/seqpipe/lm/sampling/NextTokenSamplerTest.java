package io.seqpipe.lm.sampling;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NextTokenSamplerTest {

    private static final double EXACT = 1e-12;

    private static NextTokenSampler sampler(double temperature, int topK, double topP) {
        return new NextTokenSampler(new SamplingSettings(temperature, topK, topP, 1, null, 0));
    }

    private static double[] logs(double... p) {
        return Arrays.stream(p).map(Math::log).toArray();
    }

    // ---- top-k

    @Test
    void topKKeepsTheKMostProbableAndRenormalizes() {
        assertArrayEquals(new double[] {0, 4 / 7.0, 0, 3 / 7.0},
                NextTokenSampler.keepTopK(new double[] {0.1, 0.4, 0.2, 0.3}, 2), EXACT);
        assertArrayEquals(new double[] {0, 1, 0, 0},
                NextTokenSampler.keepTopK(new double[] {0.1, 0.4, 0.2, 0.3}, 1), EXACT);
    }

    @Test
    void topKTiesAtTheBoundaryKeepTheLowestIds() {
        double[] p = {0.3, 0.2, 0.3, 0.2};
        assertArrayEquals(new double[] {1, 0, 0, 0}, NextTokenSampler.keepTopK(p, 1), EXACT);
        assertArrayEquals(new double[] {0.5, 0, 0.5, 0}, NextTokenSampler.keepTopK(p, 2), EXACT);
        assertArrayEquals(new double[] {0.375, 0.25, 0.375, 0}, NextTokenSampler.keepTopK(p, 3), EXACT);
    }

    @Test
    void topKOfZeroOrAtLeastTheVocabularyKeepsEverything() {
        double[] p = {0.1, 0.4, 0.2, 0.3};
        assertArrayEquals(p, NextTokenSampler.keepTopK(p, 0), 0);
        assertArrayEquals(p, NextTokenSampler.keepTopK(p, 4), 0);
        assertArrayEquals(p, NextTokenSampler.keepTopK(p, 100), 0);
    }

    // ---- top-p

    @Test
    void topPKeepsTheSmallestMostProbableSetReachingP() {
        double[] p = {0.1, 0.4, 0.2, 0.3};
        assertArrayEquals(new double[] {0, 1, 0, 0}, NextTokenSampler.keepTopP(p, 0.4), EXACT);
        assertArrayEquals(new double[] {0, 4 / 7.0, 0, 3 / 7.0}, NextTokenSampler.keepTopP(p, 0.41), EXACT);
        assertArrayEquals(new double[] {0, 4 / 9.0, 2 / 9.0, 3 / 9.0}, NextTokenSampler.keepTopP(p, 0.75), EXACT);
        assertArrayEquals(new double[] {0, 1, 0, 0}, NextTokenSampler.keepTopP(p, 1e-9),
                EXACT, "the most probable id is always kept");
    }

    @Test
    void topPHittingACumulativeBoundaryExactlyStopsThere() {
        // 0.7 + 0.2 is 0.8999999999999999 in doubles: the boundary 0.9 must still count as reached
        double[] p = {0.2, 0.7, 0.1};
        assertTrue(0.7 + 0.2 < 0.9, "the case this test is about");
        assertArrayEquals(new double[] {2 / 9.0, 7 / 9.0, 0}, NextTokenSampler.keepTopP(p, 0.9), EXACT);
        assertArrayEquals(new double[] {0, 1, 0}, NextTokenSampler.keepTopP(p, 0.7), EXACT);
        assertArrayEquals(new double[] {2 / 9.0, 7 / 9.0, 0}, NextTokenSampler.keepTopP(p, 0.7000001), EXACT);
        assertArrayEquals(new double[] {0.2, 0.7, 0.1}, NextTokenSampler.keepTopP(p, 0.9000001), EXACT);
        assertArrayEquals(new double[] {0.5, 0.25, 0.25, 0},
                NextTokenSampler.keepTopP(new double[] {0.4, 0.2, 0.2, 0.2}, 0.8), EXACT);
    }

    @Test
    void topPTiesAtTheBoundaryKeepTheLowestIds() {
        double[] flat = {0.25, 0.25, 0.25, 0.25};
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0}, NextTokenSampler.keepTopP(flat, 0.5), EXACT);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0, 0}, NextTokenSampler.keepTopP(flat, 0.6), EXACT);
        assertArrayEquals(new double[] {0, 4 / 7.0, 3 / 7.0, 0, 0},
                NextTokenSampler.keepTopP(new double[] {0.1, 0.4, 0.3, 0.1, 0.1}, 0.7), EXACT);
        // 0.4 + 0.3 < 0.75: one of the three ids of 0.1 is needed, the lowest (id 0); 0.85 needs two (ids 0 and 3)
        assertArrayEquals(new double[] {1 / 8.0, 4 / 8.0, 3 / 8.0, 0, 0},
                NextTokenSampler.keepTopP(new double[] {0.1, 0.4, 0.3, 0.1, 0.1}, 0.75), EXACT);
        assertArrayEquals(new double[] {1 / 9.0, 4 / 9.0, 3 / 9.0, 1 / 9.0, 0},
                NextTokenSampler.keepTopP(new double[] {0.1, 0.4, 0.3, 0.1, 0.1}, 0.85), EXACT);
    }

    @Test
    void topPOfOneKeepsEverything() {
        double[] p = {0.1, 0.4, 0.2, 0.3};
        assertArrayEquals(p, NextTokenSampler.keepTopP(p, 1), 0);
    }

    // ---- temperature and the combined pipeline

    @Test
    void temperatureOneFromLogitsIsTheSoftmax() {
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4},
                sampler(1, 0, 1).distributionFromLogits(logs(1, 2, 3, 4)), EXACT);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4},
                sampler(1, 0, 1).distributionFromLogits(new double[] {5 + Math.log(1), 5 + Math.log(2),
                        5 + Math.log(3), 5 + Math.log(4)}), EXACT, "softmax ignores a shift of every logit");
    }

    @Test
    void temperatureRescalesTheLogits() {
        // softmax(log p / T) = p^(1/T) renormalized: T = 0.5 squares, T = 2 takes square roots
        assertArrayEquals(new double[] {1 / 30.0, 4 / 30.0, 9 / 30.0, 16 / 30.0},
                sampler(0.5, 0, 1).distributionFromLogits(logs(1, 2, 3, 4)), EXACT);
        double s = 1 + Math.sqrt(2) + Math.sqrt(3) + 2;
        assertArrayEquals(new double[] {1 / s, Math.sqrt(2) / s, Math.sqrt(3) / s, 2 / s},
                sampler(2, 0, 1).distributionFromLogits(logs(1, 2, 3, 4)), EXACT);
        assertArrayEquals(new double[] {1 / s, Math.sqrt(2) / s, Math.sqrt(3) / s, 2 / s},
                sampler(2, 0, 1).distributionFromProbabilities(new double[] {0.1, 0.2, 0.3, 0.4}), EXACT);
        assertArrayEquals(new double[] {1 / 30.0, 4 / 30.0, 9 / 30.0, 16 / 30.0},
                sampler(0.5, 0, 1).distributionFromProbabilities(new double[] {1, 2, 3, 4}), EXACT,
                "probabilities are renormalized first");
    }

    @Test
    void filtersApplyAfterTemperatureTopKBeforeTopP() {
        // T = 0.5 gives {1, 4, 9, 16}/30; top-p 0.5 then keeps only id 3 (16/30 >= 0.5). Filtering before the
        // temperature would have kept ids 2 and 3 (0.4 < 0.5).
        assertArrayEquals(new double[] {0, 0, 0, 1},
                sampler(0.5, 0, 0.5).distributionFromLogits(logs(1, 2, 3, 4)), EXACT);
        assertArrayEquals(new double[] {0, 0, 9 / 25.0, 16 / 25.0},
                sampler(0.5, 2, 1).distributionFromLogits(logs(1, 2, 3, 4)), EXACT);
        // T = 1, top-k 3 -> {0, 2, 3, 4}/9; top-p 0.7 over that: 4/9 < 0.7 <= 7/9 -> {3, 4}/7
        assertArrayEquals(new double[] {0, 0, 3 / 7.0, 4 / 7.0},
                sampler(1, 3, 0.7).distributionFromLogits(logs(1, 2, 3, 4)), EXACT);
        // top-p 0.5 alone would keep {0.4, 0.3}; after top-k 1 only id 3 is left
        assertArrayEquals(new double[] {0, 0, 0, 1},
                sampler(1, 1, 0.5).distributionFromProbabilities(new double[] {0.1, 0.2, 0.3, 0.4}), EXACT);
    }

    @Test
    void floatInputsGiveTheSameDistributionAsDoubles() {
        float[] logits = {0.5f, -1.25f, 2f, 0f};
        double[] asDouble = {0.5, -1.25, 2, 0};
        NextTokenSampler s = sampler(0.8, 3, 0.9);
        assertArrayEquals(s.distributionFromLogits(asDouble), s.distributionFromLogits(logits), 0);
        float[] probs = {0.25f, 0.5f, 0.125f, 0.125f};
        assertArrayEquals(s.distributionFromProbabilities(new double[] {0.25, 0.5, 0.125, 0.125}),
                s.distributionFromProbabilities(probs), 0);
        assertEquals(s.sampleFromLogits(asDouble, new SplittableRandom(3)),
                s.sampleFromLogits(logits, new SplittableRandom(3)));
    }

    @Test
    void negativeInfinityLogitsGetProbabilityZeroAndAreNeverDrawn() {
        double[] logits = {Double.NEGATIVE_INFINITY, 0, 0, Double.NEGATIVE_INFINITY};
        assertArrayEquals(new double[] {0, 0.5, 0.5, 0}, sampler(1, 0, 1).distributionFromLogits(logits), EXACT);
        var random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            int id = sampler(1.7, 0, 1).sampleFromLogits(logits, random);
            assertTrue(id == 1 || id == 2, "drew " + id);
        }
    }

    // ---- greedy

    @Test
    void temperatureZeroIsGreedy() {
        var random = new SplittableRandom(11);
        NextTokenSampler greedy = sampler(0, 0, 1);
        NextTokenSampler greedyWithFilters = sampler(0, 2, 0.3);
        for (int trial = 0; trial < 200; trial++) {
            double[] logits = random.doubles(17, -3, 3).toArray();
            int argmax = NextTokenSampler.argmax(logits);
            assertEquals(argmax, greedy.sampleFromLogits(logits, new SplittableRandom(trial)));
            assertEquals(argmax, greedyWithFilters.sampleFromLogits(logits, new SplittableRandom(trial)));
            double[] softmax = NextTokenSampler.softmax(logits, 1);
            assertEquals(argmax, greedy.sampleFromProbabilities(softmax, new SplittableRandom(trial)));
            double[] oneHot = new double[17];
            oneHot[argmax] = 1;
            assertArrayEquals(oneHot, greedy.distributionFromLogits(logits), 0);
            assertArrayEquals(oneHot, greedy.distributionFromProbabilities(softmax), 0);
        }
    }

    @Test
    void greedyTiesGoToTheLowestIdAndDrawNothing() {
        assertEquals(1, NextTokenSampler.argmax(new double[] {0.1, 0.4, 0.1, 0.4}));
        assertEquals(0, NextTokenSampler.argmax(new float[] {2f, 2f, 2f}));
        var used = new SplittableRandom(5);
        assertEquals(2, sampler(0, 0, 1).sampleFromLogits(new double[] {-1, 3, 3.5, 3.5}, used));
        assertEquals(new SplittableRandom(5).nextLong(), used.nextLong(), "greedy consumed no random number");
    }

    // ---- seeds and frequencies

    @Test
    void theSameSeedGivesTheSameIdsAndADifferentSeedDifferentIds() {
        double[] flat = new double[50];
        Arrays.fill(flat, 0.0);
        NextTokenSampler s = sampler(1, 0, 1);
        SamplingSettings seven = new SamplingSettings(1, 0, 1, 200, null, 7);
        SamplingSettings eight = new SamplingSettings(1, 0, 1, 200, null, 8);
        int[] first = draws(s, flat, seven.randomFor(0), 200);
        assertArrayEquals(first, draws(s, flat, seven.randomFor(0), 200));
        assertArrayEquals(first, draws(s, flat, new SamplingSettings(1, 0, 1, 3, "\n", 7).randomFor(0), 200),
                "the stream depends on the seed and prompt index only");
        assertNotEquals(Arrays.toString(first), Arrays.toString(draws(s, flat, eight.randomFor(0), 200)));
        assertNotEquals(Arrays.toString(first), Arrays.toString(draws(s, flat, seven.randomFor(1), 200)),
                "each prompt has its own stream");
        assertTrue(Arrays.stream(first).distinct().count() > 30, "a flat distribution spreads over the ids");
    }

    private static int[] draws(NextTokenSampler s, double[] logits, SplittableRandom random, int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = s.sampleFromLogits(logits, random);
        }
        return ids;
    }

    @Test
    void frequenciesOf100kDrawsMatchTheDistribution() {
        double[] p = {0.5, 0.25, 0.125, 0.0625, 0.0625};
        assertFrequencies(sampler(1, 0, 1), p, p, 42);
        // T = 1, top-k 4 -> {8, 4, 2, 1, 0}/15; top-p 0.9 over that: 8/15 + 4/15 = 0.8 < 0.9 <= 14/15
        assertFrequencies(sampler(1, 4, 0.9), p, new double[] {8 / 14.0, 4 / 14.0, 2 / 14.0, 0, 0}, 43);
        // T = 2 -> sqrt(p) renormalized
        double[] root = Arrays.stream(p).map(Math::sqrt).toArray();
        double sum = Arrays.stream(root).sum();
        assertFrequencies(sampler(2, 0, 1), p, Arrays.stream(root).map(x -> x / sum).toArray(), 44);
    }

    /**
     * 100,000 draws with a fixed seed: each id's count is within 5 binomial standard deviations of {@code n·p}
     * (about 1 in 1.7 million per id by chance, and the seed is fixed), and ids of probability 0 never come.
     */
    private static void assertFrequencies(NextTokenSampler s, double[] probabilities, double[] expected, long seed) {
        int n = 100_000;
        long[] counts = new long[probabilities.length];
        var random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            counts[s.sampleFromProbabilities(probabilities, random)]++;
        }
        for (int id = 0; id < expected.length; id++) {
            double mean = n * expected[id];
            double sd = Math.sqrt(n * expected[id] * (1 - expected[id]));
            assertEquals(mean, counts[id], 5 * sd, "id " + id + ": " + Arrays.toString(counts));
        }
    }

    @Test
    void drawWalksTheCumulativeDistributionInIdOrder() {
        double[] p = {0.25, 0, 0.5, 0.25};
        assertEquals(0, NextTokenSampler.draw(p, fixed(0.0)));
        assertEquals(0, NextTokenSampler.draw(p, fixed(0.2499)));
        assertEquals(2, NextTokenSampler.draw(p, fixed(0.25)));
        assertEquals(2, NextTokenSampler.draw(p, fixed(0.7499)));
        assertEquals(3, NextTokenSampler.draw(p, fixed(0.75)));
        assertEquals(3, NextTokenSampler.draw(p, fixed(Math.nextDown(1.0))));
        assertEquals(2, NextTokenSampler.draw(new double[] {0, 0, 1, 0}, fixed(Math.nextDown(1.0))),
                "a trailing zero is never drawn");
    }

    private static java.util.random.RandomGenerator fixed(double u) {
        return new java.util.random.RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return u;
            }
        };
    }

    // ---- log-probabilities and bad input

    @Test
    void logProbabilityIsTheUnfilteredLogSoftmax() {
        assertEquals(Math.log(0.3), NextTokenSampler.logProbability(logs(1, 2, 3, 4), 2), EXACT);
        assertEquals(Math.log(0.1), NextTokenSampler.logProbability(logs(10, 20, 30, 40), 0), EXACT);
        assertThrows(IllegalArgumentException.class, () -> NextTokenSampler.logProbability(logs(1, 2), 2));
    }

    @Test
    void badDistributionsAreRejectedWithTheReason() {
        NextTokenSampler s = sampler(1, 0, 1);
        assertEquals("logit of id 1 must be finite or -Infinity, got NaN", assertThrows(
                IllegalArgumentException.class, () -> s.distributionFromLogits(new double[] {0, Double.NaN}))
                .getMessage());
        assertEquals("every logit is -Infinity: no token is possible", assertThrows(IllegalArgumentException.class,
                () -> s.distributionFromLogits(new double[] {Double.NEGATIVE_INFINITY})).getMessage());
        assertEquals("probability of id 0 must be finite and >= 0, got -0.1", assertThrows(
                IllegalArgumentException.class, () -> s.distributionFromProbabilities(new double[] {-0.1, 1.1}))
                .getMessage());
        assertEquals("probabilities sum to 0: no token is possible", assertThrows(IllegalArgumentException.class,
                () -> s.distributionFromProbabilities(new double[] {0, 0})).getMessage());
        assertEquals("a step's distribution needs at least one token id, got none", assertThrows(
                IllegalArgumentException.class, () -> s.distributionFromLogits(new double[0])).getMessage());
        assertEquals("value of id 0 is NaN",
                assertThrows(IllegalArgumentException.class, () -> NextTokenSampler.argmax(new double[] {Double.NaN}))
                        .getMessage());
    }
}
