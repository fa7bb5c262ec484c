package io.seqpipe.translation.decode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Greedy and beam search on hand-made next-token tables. Vocabulary: 0 pad, 1 unk, 2 {@code <s>}, 3 {@code </s>},
 * 4 A, 5 B. The state of a hypothesis is its prefix.
 */
class BeamSearchTest {
    private static final int EOS = 3;
    private static final int A = 4;
    private static final int B = 5;

    /** A decoder whose next-token distribution is looked up by prefix; unknown prefixes get {@code fallback}. */
    private record TableModel(Map<String, double[]> table, double[] fallback, List<Integer> batchSizes)
            implements DecoderModel<String> {
        TableModel(Map<String, double[]> table, double[] fallback) {
            this(table, fallback, new ArrayList<>());
        }

        @Override
        public List<Step<String>> step(List<String> states, int[] lastTokens) {
            batchSizes.add(states.size());
            List<Step<String>> out = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                String prefix = lastTokens[i] == 2 ? states.get(i) : states.get(i) + name(lastTokens[i]);
                double[] p = table.getOrDefault(prefix, fallback);
                out.add(new Step<>(Arrays.stream(p).map(Math::log).toArray(), prefix));
            }
            return out;
        }

        static String name(int token) {
            return token == A ? "A" : token == B ? "B" : "?";
        }
    }

    /** p over [pad, unk, <s>, </s>, A, B]. */
    private static double[] p(double eos, double a, double b) {
        return new double[]{0, 0, 0, eos, a, b};
    }

    /**
     * After {@code <s>}: A 0.6, B 0.4. After A: A 0.5, </s> 0.3, B 0.2; after AA: </s> 0.5, A 0.3, B 0.2. After B:
     * </s> 0.9. Greedy follows A, A, </s>: P = 0.6·0.5·0.5 = 0.15. Beam 2 also keeps B and finds "B </s>":
     * P = 0.4·0.9 = 0.36.
     */
    private static TableModel greedyTrap() {
        return new TableModel(Map.of("", p(0, 0.6, 0.4), "A", p(0.3, 0.5, 0.2), "AA", p(0.5, 0.3, 0.2),
                "B", p(0.9, 0.05, 0.05)), p(0.9, 0.05, 0.05));
    }

    @Test
    void beamFindsABetterTranslationThanGreedy() {
        SearchSettings greedy = SearchSettings.of(1, 10, 0);
        Hypothesis g = BeamSearch.greedy(greedyTrap(), List.of(""), greedy).get(0);
        assertArrayEquals(new int[]{A, A}, g.tokens());
        assertEquals(Math.log(0.15), g.logProb(), 1e-12);
        assertTrue(g.finished());

        Hypothesis b = BeamSearch.best(greedyTrap(), List.of(""), SearchSettings.of(2, 10, 0)).get(0);
        assertArrayEquals(new int[]{B}, b.tokens());
        assertEquals(Math.log(0.36), b.logProb(), 1e-12);
        assertEquals(b.logProb(), b.score(), 0.0);
    }

    @Test
    void beamOfOneEqualsGreedyOnRandomModels() {
        Random r = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            long seed = r.nextLong();
            DecoderModel<String> m = randomModel(seed);
            List<String> starts = List.of("", "", "");
            SearchSettings s = SearchSettings.of(1, 7, trial % 2 == 0 ? 0 : 1);
            List<Hypothesis> greedy = BeamSearch.greedy(m, starts, s);
            List<Hypothesis> beam = BeamSearch.best(m, starts, s);
            for (int i = 0; i < starts.size(); i++) {
                assertArrayEquals(greedy.get(i).tokens(), beam.get(i).tokens(), "trial " + trial);
                assertEquals(greedy.get(i).logProb(), beam.get(i).logProb(), 0.0);
                assertEquals(greedy.get(i).score(), beam.get(i).score(), 0.0);
                assertEquals(greedy.get(i).finished(), beam.get(i).finished());
            }
        }
    }

    /** Random next-token distributions over 6 tokens, a deterministic function of (seed, prefix). */
    private static DecoderModel<String> randomModel(long seed) {
        return (states, last) -> {
            List<DecoderModel.Step<String>> out = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                String prefix = states.get(i) + "," + last[i];
                Random r = new Random(seed ^ prefix.hashCode());
                double[] w = new double[6];
                double sum = 0;
                for (int t = 0; t < 6; t++) {
                    w[t] = r.nextDouble() + (t == EOS ? 0.3 : 0);
                    sum += w[t];
                }
                double total = sum;
                out.add(new DecoderModel.Step<>(Arrays.stream(w).map(x -> Math.log(x / total)).toArray(), prefix));
            }
            return out;
        };
    }

    /**
     * After {@code <s>}: </s> 0.5, A 0.5; after A: A 0.9; after AA: </s> 0.9. Raw log-probability prefers the empty
     * output (log 0.5 = -0.693 > log 0.405 = -0.904 for "A A </s>"); normalized by length (α = 1) "A A </s>" wins
     * (-0.904/3 = -0.301 > -0.693/1).
     */
    @Test
    void lengthNormalizationChangesTheWinner() {
        TableModel m = new TableModel(Map.of("", p(0.5, 0.5, 0), "A", p(0.05, 0.9, 0.05), "AA", p(0.9, 0.05, 0.05)),
                p(0.9, 0.05, 0.05));
        Hypothesis raw = BeamSearch.best(m, List.of(""), SearchSettings.of(2, 10, 0)).get(0);
        assertArrayEquals(new int[0], raw.tokens());
        Hypothesis normalized = BeamSearch.best(m, List.of(""), SearchSettings.of(2, 10, 1.0)).get(0);
        assertArrayEquals(new int[]{A, A}, normalized.tokens());
        assertEquals(Math.log(0.405) / 3, normalized.score(), 1e-12);
    }

    @Test
    void maxLengthCutsOpenHypotheses() {
        TableModel loop = new TableModel(Map.of(), p(0.1, 0.8, 0.1));
        Hypothesis g = BeamSearch.greedy(loop, List.of(""), SearchSettings.of(1, 3, 0)).get(0);
        assertArrayEquals(new int[]{A, A, A}, g.tokens());
        assertFalse(g.finished());
        List<Hypothesis> beams = BeamSearch.search(loop, List.of(""), SearchSettings.of(3, 3, 0)).get(0);
        assertArrayEquals(new int[]{A, A, A}, beams.get(0).tokens());
        assertFalse(beams.get(0).finished());
        for (Hypothesis h : beams) {
            assertTrue(h.tokens().length <= 3);
        }
    }

    /** Several sentences decode in one model call per step, each as if alone. */
    @Test
    void batchesSentencesIntoOneStepCall() {
        TableModel trap = greedyTrap();
        List<Hypothesis> both = BeamSearch.best(trap, List.of("", ""), SearchSettings.of(2, 10, 0));
        assertArrayEquals(new int[]{B}, both.get(0).tokens());
        assertArrayEquals(new int[]{B}, both.get(1).tokens());
        // step 1: 2 sentences x 1 hypothesis; step 2: 2 x 2 hypotheses
        assertEquals(List.of(2, 4), trap.batchSizes().subList(0, 2));
    }
}
