package io.seqpipe.tagging;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * conlleval's chunk rules, one case per rule. Every expected number below was cross-checked by running the real
 * {@code conlleval} (Perl, version 2004-01-26) on the same tags written as {@code word gold predicted} lines with a
 * blank line after each sentence (its RAW counts: tokens, correct tags, gold/found/correct phrases per type).
 */
class ChunkCountsTest {
    static final double EPS = 1e-12;

    /** Sentences as pairs of space-separated gold and predicted tags. */
    static ChunkCounts count(String... goldThenPredicted) {
        ChunkCounts c = new ChunkCounts();
        for (int i = 0; i < goldThenPredicted.length; i += 2) {
            c.add(tags(goldThenPredicted[i]), tags(goldThenPredicted[i + 1]));
        }
        return c;
    }

    static List<String> tags(String spaced) {
        return Arrays.asList(spaced.split(" "));
    }

    /** tokens, correct tokens, gold, predicted, correct chunks overall. */
    static void assertTotals(ChunkCounts c, long tokens, long correctTokens, long gold, long predicted, long correct) {
        assertEquals(List.of(tokens, correctTokens, gold, predicted, correct),
                List.of(c.tokens(), c.correctTokens(), c.goldChunks(), c.predictedChunks(), c.correctChunks()));
    }

    /** gold, predicted, correct chunks of one type. */
    static void assertType(ChunkCounts c, String type, long gold, long predicted, long correct) {
        assertEquals(List.of(gold, predicted, correct),
                List.of(c.goldChunks(type), c.predictedChunks(type), c.correctChunks(type)), type);
    }

    @Test
    void anIAfterOStartsAChunk() {
        assertTotals(count("O I-PER I-PER O", "O B-PER I-PER O"), 4, 3, 1, 1, 1);
    }

    @Test
    void anIAfterAnotherTypeStartsAChunk() {
        ChunkCounts c = count("I-PER I-LOC", "B-PER B-LOC");
        assertTotals(c, 2, 0, 2, 2, 2);
        assertType(c, "PER", 1, 1, 1);
        assertType(c, "LOC", 1, 1, 1);
    }

    @Test
    void aBAfterAnISameTypeStartsASecondChunk() {
        ChunkCounts c = count("I-PER B-PER O", "I-PER I-PER O");
        assertTotals(c, 3, 2, 2, 1, 0);
    }

    @Test
    void eAndSTagsFollowConllevalsRulesWhichHaveNoRuleForS() {
        ChunkCounts c = count(
                "B-PER E-PER S-LOC O", "B-PER E-PER S-LOC O",
                "E-PER E-PER O", "S-PER S-PER O", // E after E starts a chunk; S after S of one type does not
                "S-PER S-PER", "S-PER O");
        assertTotals(c, 9, 6, 5, 4, 2);
        assertType(c, "PER", 4, 3, 1);
        assertType(c, "LOC", 1, 1, 1);
        // converted to IOB2 first (the usual practice), S-PER S-PER is two chunks
        TagSchemeConverter toIob2 = new TagSchemeConverter(TagScheme.IOBES, TagScheme.IOB2);
        ChunkCounts converted = new ChunkCounts().add(toIob2.convert(tags("S-PER S-PER")).tags(),
                toIob2.convert(tags("S-PER O")).tags());
        assertTotals(converted, 2, 1, 2, 1, 1);
    }

    @Test
    void sameBoundariesWithAnotherTypeAreNotCorrect() {
        ChunkCounts c = count("B-PER I-PER O", "B-ORG I-ORG O");
        assertTotals(c, 3, 1, 1, 1, 0);
        assertType(c, "PER", 1, 0, 0);
        assertType(c, "ORG", 0, 1, 0);
    }

    @Test
    void theSameTypeWithOtherBoundariesIsNotCorrect() {
        ChunkCounts c = count("B-PER I-PER I-PER", "B-PER I-PER O", "B-LOC O", "B-LOC I-LOC");
        assertTotals(c, 5, 3, 2, 2, 0);
    }

    @Test
    void noPredictionsGiveZeroPrecisionRecallAndF1() {
        ChunkCounts c = count("B-PER O B-LOC", "O O O");
        assertTotals(c, 3, 1, 2, 0, 0);
        EntityMetrics m = EntityMetrics.of(c);
        assertEquals(List.of(0.0, 0.0, 0.0), List.of(m.precision(), m.recall(), m.f1()));
        assertEquals(1.0 / 3, m.accuracy(), EPS);
    }

    @Test
    void aChunkAtTheSentenceEndIsClosedByTheBoundaryAndDoesNotJoinTheNextSentence() {
        ChunkCounts c = count("O B-LOC I-LOC", "O B-LOC I-LOC", "I-PER", "I-PER", "I-PER O", "I-PER O");
        assertTotals(c, 6, 6, 3, 3, 3);
        assertType(c, "PER", 2, 2, 2);
    }

    @Test
    void bracketTagsAreOneTokenChunksWithoutType() {
        ChunkCounts c = count("[ ] O", "[ O O");
        assertTotals(c, 3, 2, 2, 1, 1);
        assertType(c, "", 2, 1, 1);
    }

    @Test
    void dotTagsHyphenatedTypesAndTheZeroType() {
        ChunkCounts c = count("B-NP . I-NP", "B-NP I-NP I-NP", "B-A-B I-A-B", "B-A-B B-A-B", "B-0 O", "B-0 O");
        assertTotals(c, 7, 5, 4, 4, 1);
        assertType(c, "NP", 2, 1, 0); // "." ends the NP chunk and I-NP after it starts another
        assertType(c, "A-B", 1, 2, 0); // the type is everything after the first hyphen
        assertType(c, "", 1, 1, 1); // Perl reads the type "0" as false, i.e. no type
        assertEquals(Set.of("", "A-B", "NP"), c.types());
    }

    /** conlleval printed: accuracy 71.43%; precision 33.33%; recall 33.33%; FB1 33.33; PER P 50.00% R 100.00% FB1 66.67. */
    static ChunkCounts mixed() {
        return count("B-PER I-PER O B-LOC O B-ORG I-ORG", "B-PER I-PER O B-ORG O B-ORG O",
                "I-MISC O I-LOC I-LOC B-LOC", "I-MISC O I-LOC I-LOC I-LOC",
                "O O", "B-PER O");
    }

    @Test
    void mixedSentencesGiveConllevalsScoresAsFractions() {
        ChunkCounts c = mixed();
        assertTotals(c, 14, 10, 6, 6, 2);
        assertType(c, "LOC", 3, 1, 0);
        assertType(c, "MISC", 1, 1, 1);
        assertType(c, "ORG", 1, 2, 0);
        assertType(c, "PER", 1, 2, 1);
        EntityMetrics m = EntityMetrics.of(c);
        assertEquals(10.0 / 14, m.accuracy(), EPS);
        assertEquals(1.0 / 3, m.precision(), EPS);
        assertEquals(1.0 / 3, m.recall(), EPS);
        assertEquals(1.0 / 3, m.f1(), EPS);
        assertEquals(List.of("LOC", "MISC", "ORG", "PER"), m.perType().stream().map(EntityMetrics.TypeScores::type)
                .toList());
        EntityMetrics.TypeScores per = m.perType().get(3);
        assertEquals(new EntityMetrics.TypeScores("PER", 1, 2, 1, 0.5, 1.0, 2.0 / 3), per);
        EntityMetrics.TypeScores loc = m.perType().get(0);
        assertEquals(0.0, loc.f1(), EPS);
        assertEquals(2.0 / 3, m.flatten().get("f1.PER"), EPS);
        assertEquals(1.0 / 3, m.flatten().get("f1.micro"), EPS);
    }

    @Test
    void mergingPartitionCountsEqualsCountingAllSentencesAtOnce() {
        ChunkCounts a = count("B-PER I-PER O B-LOC O B-ORG I-ORG", "B-PER I-PER O B-ORG O B-ORG O");
        ChunkCounts b = count("I-MISC O I-LOC I-LOC B-LOC", "I-MISC O I-LOC I-LOC I-LOC", "O O", "B-PER O");
        ChunkCounts merged = new ChunkCounts().merge(a).merge(b);
        ChunkCounts all = mixed();
        assertEquals(all.toString(), merged.toString());
        for (String type : all.types()) {
            assertType(merged, type, all.goldChunks(type), all.predictedChunks(type), all.correctChunks(type));
        }
    }

    @Test
    void emptyCountsScoreZeroAndLengthMismatchIsAnError() {
        EntityMetrics m = EntityMetrics.of(new ChunkCounts());
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), List.of(m.accuracy(), m.precision(), m.recall(), m.f1()));
        assertThrows(IllegalArgumentException.class, () -> new ChunkCounts().add(tags("O O"), tags("O")));
    }
}
