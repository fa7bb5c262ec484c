package io.seqpipe.lm.baseline;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.seqpipe.lm.baseline.NgramLanguageModel.NO_CONTEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-computed cases on the corpus "a b a c a b" (ids a = 0, b = 1, c = 2; V = 3, or 4 with an unseen id 3):
 * unigrams a 3, b 2, c 1; bigrams ab 2, ba 1, ac 1, ca 1.
 */
class NgramModelsTest {

    private static final double EXACT = 1e-12;

    private static NgramCounts corpus(int vocabularySize) {
        return new NgramCounts(vocabularySize).observe(new int[] {0, 1, 0, 2, 0, 1});
    }

    @Test
    void uniformIsOneOverV() {
        UniformModel m = new UniformModel(65);
        assertEquals(1 / 65.0, m.probability(3, 7), EXACT);
        assertEquals(Math.log(65), m.crossEntropy(new int[] {1, 2, 3}).natsPerToken(), EXACT);
    }

    @Test
    void addOneUnigram() {
        AddOneUnigramModel m = new AddOneUnigramModel(corpus(3));
        assertEquals(4 / 9.0, m.probability(NO_CONTEXT, 0), EXACT);
        assertEquals(3 / 9.0, m.probability(2, 1), EXACT, "the context is ignored");
        assertEquals(2 / 9.0, m.probability(NO_CONTEXT, 2), EXACT);
        AddOneUnigramModel withUnseen = new AddOneUnigramModel(corpus(4));
        assertEquals(1 / 10.0, withUnseen.probability(NO_CONTEXT, 3), EXACT);
        CrossEntropy ce = m.crossEntropy(new int[] {2, 0});
        assertEquals(2, ce.tokens());
        assertEquals(-(Math.log(2 / 9.0) + Math.log(4 / 9.0)) / 2, ce.natsPerToken(), EXACT);
    }

    @Test
    void addOneBigram() {
        AddOneBigramModel m = new AddOneBigramModel(corpus(3));
        // context a: 3 bigrams (ab 2, ac 1)
        assertEquals(1 / 6.0, m.probability(0, 0), EXACT);
        assertEquals(3 / 6.0, m.probability(0, 1), EXACT);
        assertEquals(2 / 6.0, m.probability(0, 2), EXACT);
        // context b: 1 bigram (ba); the last b of the corpus starts no bigram
        assertEquals(2 / 4.0, m.probability(1, 0), EXACT);
        assertEquals(1 / 4.0, m.probability(1, 1), EXACT);
        // no context: the add-one unigram
        assertEquals(4 / 9.0, m.probability(NO_CONTEXT, 0), EXACT);
        // an unseen context is uniform
        AddOneBigramModel withUnseen = new AddOneBigramModel(corpus(4));
        assertEquals(1 / 4.0, withUnseen.probability(3, 0), EXACT);
        assertEquals(1 / 7.0, withUnseen.probability(0, 3), EXACT);

        int[] heldOut = {0, 1, 2};
        assertEquals(-(Math.log(4 / 9.0) + Math.log(3 / 6.0) + Math.log(1 / 4.0)) / 3,
                m.crossEntropy(heldOut).natsPerToken(), EXACT);
        assertEquals(-(Math.log(2 / 4.0) + Math.log(3 / 6.0) + Math.log(1 / 4.0)) / 3,
                m.crossEntropy(heldOut, 2).natsPerToken(), EXACT, "first unit after c: P(a | c) = 2/4");
    }

    @Test
    void kneserNeyBigram() {
        // N1+(.a) = 2 (b, c), N1+(.b) = 1, N1+(.c) = 1, N1+(..) = 4 distinct bigrams, 3 continued types:
        // Pcont(a) = 1.25/4 + 0.75*3/4/3 = 0.5, Pcont(b) = Pcont(c) = 0.25/4 + 0.1875 = 0.25
        KneserNeyBigramModel m = new KneserNeyBigramModel(corpus(3));
        assertEquals(0.75, m.discount());
        assertEquals(0.5, m.continuationProbability(0), EXACT);
        assertEquals(0.25, m.continuationProbability(1), EXACT);
        assertEquals(0.25, m.continuationProbability(2), EXACT);
        // context a: c = 3, 2 distinct followers -> backoff weight 0.75*2/3 = 0.5
        assertEquals(0 + 0.5 * 0.5, m.probability(0, 0), EXACT);
        assertEquals(13 / 24.0, m.probability(0, 1), EXACT);
        assertEquals(5 / 24.0, m.probability(0, 2), EXACT);
        // context b: c = 1, 1 follower -> 0.25 + 0.75 Pcont
        assertEquals(0.625, m.probability(1, 0), EXACT);
        assertEquals(0.1875, m.probability(1, 1), EXACT);
        assertEquals(0.1875, m.probability(1, 2), EXACT);
        assertEquals(0.5, m.probability(NO_CONTEXT, 0), EXACT);

        assertEquals(-Math.log(0.5 * 13 / 24.0 * 0.1875) / 3, m.crossEntropy(new int[] {0, 1, 2}).natsPerToken(),
                EXACT);

        // d = 0.5: Pcont(a) = 1.5/4 + 0.5*3/4/3 = 0.5, Pcont(b) = 0.5/4 + 0.125 = 0.25; P(b | a) = 1.5/3 + 0.5*2/3*0.25
        KneserNeyBigramModel half = new KneserNeyBigramModel(corpus(3), 0.5);
        assertEquals(0.5 + 1 / 12.0, half.probability(0, 1), EXACT);
    }

    @Test
    void kneserNeyGivesUnseenUnitsAndContextsPositiveMass() {
        // V = 4, id 3 never seen: Pcont(3) = 0.75*3/4/4; Pcont(a) = 1.25/4 + 0.140625
        KneserNeyBigramModel m = new KneserNeyBigramModel(corpus(4));
        assertEquals(0.140625, m.continuationProbability(3), EXACT);
        assertEquals(0.3125 + 0.140625, m.continuationProbability(0), EXACT);
        assertEquals(m.continuationProbability(2), m.probability(3, 2), EXACT, "unseen context: Pcont");
        assertEquals(0.5 * 0.140625, m.probability(0, 3), EXACT);
        KneserNeyBigramModel noBigrams = new KneserNeyBigramModel(new NgramCounts(5).observe(new int[] {2}));
        assertEquals(0.2, noBigrams.probability(2, 4), EXACT);
    }

    @Test
    void kneserNeyRowsSumToOneForEveryContext() {
        assertEveryRowSumsToOne(new KneserNeyBigramModel(corpus(4)));
        NgramCounts random = new NgramCounts(12);
        var rng = new SplittableRandom(9);
        for (int doc = 0; doc < 20; doc++) {
            // ids 0..9 only, so 10 and 11 are unseen units and unseen contexts
            random.observe(rng.ints(rng.nextInt(1, 40), 0, 10).toArray(), doc % 2 == 0 ? NO_CONTEXT : 11);
        }
        for (double d : new double[] {0.1, 0.75, 1.0}) {
            assertEveryRowSumsToOne(new KneserNeyBigramModel(random, d));
        }
        assertEveryRowSumsToOne(new AddOneBigramModel(random));
        assertEveryRowSumsToOne(new AddOneUnigramModel(random));
    }

    private static void assertEveryRowSumsToOne(NgramLanguageModel m) {
        for (int context = NO_CONTEXT; context < m.vocabularySize(); context++) {
            double sum = 0;
            for (int w = 0; w < m.vocabularySize(); w++) {
                double p = m.probability(context, w);
                assertTrue(p > 0, "P(" + w + " | " + context + ") = " + p);
                sum += p;
            }
            assertEquals(1, sum, 1e-12, "context " + context);
        }
    }

    @Test
    void heldOutChunksCarryingTheirPredecessorAddUpToTheWholeStream() {
        NgramCounts counts = new NgramCounts(6).observe(new SplittableRandom(1).ints(300, 0, 6).toArray());
        int[] heldOut = new SplittableRandom(2).ints(100, 0, 6).toArray();
        for (NgramBaseline baseline : NgramBaseline.values()) {
            NgramLanguageModel m = baseline.fit(counts);
            CrossEntropy whole = m.crossEntropy(heldOut);
            CrossEntropy parts = m.crossEntropy(java.util.Arrays.copyOfRange(heldOut, 0, 37))
                    .plus(m.crossEntropy(java.util.Arrays.copyOfRange(heldOut, 37, 100), heldOut[36]));
            assertEquals(whole.tokens(), parts.tokens());
            assertEquals(whole.totalNats(), parts.totalNats(), 1e-9, baseline.metricName());
        }
    }

    @Test
    void crossEntropyReportsNatsBitsAndPerplexity() {
        CrossEntropy ce = new CrossEntropy(4, 4 * Math.log(8));
        assertEquals(Math.log(8), ce.natsPerToken(), EXACT);
        assertEquals(3, ce.bitsPerToken(), EXACT);
        assertEquals(8, ce.perplexity(), 1e-9);
        assertEquals(ce, CrossEntropy.EMPTY.plus(ce));
        assertEquals("cross-entropy of an empty held-out stream is undefined",
                assertThrows(IllegalStateException.class, CrossEntropy.EMPTY::natsPerToken).getMessage());
    }

    @Test
    void badInputIsRejected() {
        assertEquals("Kneser-Ney discount must be in (0, 1], got 0.0", assertThrows(IllegalArgumentException.class,
                () -> new KneserNeyBigramModel(corpus(3), 0)).getMessage());
        assertEquals("Kneser-Ney discount must be in (0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
                () -> new KneserNeyBigramModel(corpus(3), 1.5)).getMessage());
        assertEquals("held-out unit at position 1 has id 3, outside the vocabulary [0, 3)",
                assertThrows(IllegalArgumentException.class,
                        () -> new AddOneBigramModel(corpus(3)).crossEntropy(new int[] {0, 3})).getMessage());
    }

    @Test
    void baselinesAreNamedForMetrics() {
        assertEquals(java.util.List.of("uniform", "unigram-add1", "bigram-add1", "bigram-kn"),
                java.util.Arrays.stream(NgramBaseline.values()).map(NgramBaseline::metricName).toList());
        assertTrue(NgramBaseline.BIGRAM_KNESER_NEY.fit(corpus(3)) instanceof KneserNeyBigramModel kn
                && kn.discount() == KneserNeyBigramModel.DEFAULT_DISCOUNT);
    }
}
