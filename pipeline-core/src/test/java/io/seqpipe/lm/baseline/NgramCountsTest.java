package io.seqpipe.lm.baseline;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.seqpipe.lm.baseline.NgramLanguageModel.NO_CONTEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NgramCountsTest {

    @Test
    void countsUnigramsAndAdjacentPairs() {
        NgramCounts c = new NgramCounts(3).observe(new int[] {0, 1, 0, 2, 0, 1});
        assertEquals(6, c.tokens());
        assertEquals(3, c.unigramCount(0));
        assertEquals(2, c.unigramCount(1));
        assertEquals(1, c.unigramCount(2));
        assertEquals(2, c.bigramCount(0, 1));
        assertEquals(1, c.bigramCount(1, 0));
        assertEquals(1, c.bigramCount(0, 2));
        assertEquals(1, c.bigramCount(2, 0));
        assertEquals(0, c.bigramCount(0, 0));
        assertEquals(5, c.bigramTokens());
    }

    @Test
    void aContextPairsWithTheFirstUnitButIsNotCountedAsAUnigram() {
        NgramCounts c = new NgramCounts(4).observe(new int[] {0, 1}, 3);
        assertEquals(2, c.tokens());
        assertEquals(0, c.unigramCount(3));
        assertEquals(1, c.bigramCount(3, 0));
        assertEquals(1, c.bigramCount(0, 1));
        assertEquals(2, c.bigramTokens());
    }

    @Test
    void chunksCarryingTheirPredecessorCountLikeTheWholeStream() {
        int[] stream = new SplittableRandom(3).ints(1000, 0, 7).toArray();
        NgramCounts whole = new NgramCounts(7).observe(stream);
        NgramCounts merged = new NgramCounts(7);
        int[] cuts = {0, 1, 250, 251, 600, 1000};
        for (int i = 0; i + 1 < cuts.length; i++) {
            int[] chunk = java.util.Arrays.copyOfRange(stream, cuts[i], cuts[i + 1]);
            NgramCounts part = new NgramCounts(7).observe(chunk, cuts[i] == 0 ? NO_CONTEXT : stream[cuts[i] - 1]);
            merged.merge(part);
        }
        assertEquals(whole, merged);
        assertEquals(whole.hashCode(), merged.hashCode());
        NgramCounts cutWithoutContext = new NgramCounts(7).observe(java.util.Arrays.copyOfRange(stream, 0, 500))
                .merge(new NgramCounts(7).observe(java.util.Arrays.copyOfRange(stream, 500, 1000)));
        assertNotEquals(whole, cutWithoutContext, "without the carried context the pair at the cut is lost");
        assertEquals(whole.bigramTokens() - 1, cutWithoutContext.bigramTokens());
    }

    @Test
    void mergingDocumentsInAnyGroupingGivesTheSameCountsAndModels() {
        int[][] docs = {{0, 1, 2}, {2, 2}, {1}, {0, 3, 0, 3}};
        NgramCounts one = new NgramCounts(4);
        for (int[] d : docs) {
            one.observe(d, 3);
        }
        NgramCounts a = new NgramCounts(4).observe(docs[0], 3).observe(docs[3], 3);
        NgramCounts b = new NgramCounts(4).observe(docs[2], 3).observe(docs[1], 3);
        NgramCounts ab = new NgramCounts(4).merge(a).merge(b);
        NgramCounts ba = new NgramCounts(4).merge(b).merge(a);
        assertEquals(one, ab);
        assertEquals(one, ba);
        int[] heldOut = {0, 1, 3, 2};
        for (NgramBaseline baseline : NgramBaseline.values()) {
            assertEquals(baseline.fit(one).crossEntropy(heldOut), baseline.fit(ab).crossEntropy(heldOut),
                    baseline.metricName());
        }
    }

    @Test
    void badIdsAreRejectedWithTheirPosition() {
        NgramCounts c = new NgramCounts(3);
        assertEquals("unit at position 2 has id 3, outside the vocabulary [0, 3)",
                assertThrows(IllegalArgumentException.class, () -> c.observe(new int[] {0, 1, 3})).getMessage());
        assertEquals("context has id -2, outside the vocabulary [0, 3)",
                assertThrows(IllegalArgumentException.class, () -> c.observe(new int[] {0}, -2)).getMessage());
        assertEquals(0, c.tokens(), "a rejected stretch counts nothing");
        assertEquals("cannot merge counts over 4 ids into counts over 3", assertThrows(
                IllegalArgumentException.class, () -> c.merge(new NgramCounts(4))).getMessage());
        assertEquals("vocabulary size must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new NgramCounts(0)).getMessage());
    }
}
