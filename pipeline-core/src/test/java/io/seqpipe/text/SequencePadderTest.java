package io.seqpipe.text;

import org.junit.jupiter.api.Test;

import static io.seqpipe.text.SequenceShape.Side.POST;
import static io.seqpipe.text.SequenceShape.Side.PRE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequencePadderTest {
    static PaddedSequence pad(int max, SequenceShape.Side padding, SequenceShape.Side truncation, int... ids) {
        return new SequencePadder(new SequenceShape(max, padding, truncation)).pad(ids);
    }

    @Test
    void postPaddingPutsZerosAtTheEnd() {
        PaddedSequence p = pad(5, POST, POST, 7, 8, 9);
        assertArrayEquals(new int[]{7, 8, 9, 0, 0}, p.ids());
        assertArrayEquals(new int[]{1, 1, 1, 0, 0}, p.mask());
        assertEquals(3, p.length());
        assertFalse(p.truncated());
    }

    @Test
    void prePaddingPutsZerosAtTheStart() {
        PaddedSequence p = pad(5, PRE, POST, 7, 8, 9);
        assertArrayEquals(new int[]{0, 0, 7, 8, 9}, p.ids());
        assertArrayEquals(new int[]{0, 0, 1, 1, 1}, p.mask());
    }

    @Test
    void postTruncationKeepsTheFirstTokens() {
        PaddedSequence p = pad(3, POST, POST, 1, 2, 3, 4, 5);
        assertArrayEquals(new int[]{1, 2, 3}, p.ids());
        assertArrayEquals(new int[]{1, 1, 1}, p.mask());
        assertEquals(3, p.length());
        assertEquals(5, p.originalLength());
        assertTrue(p.truncated());
    }

    @Test
    void preTruncationKeepsTheLastTokens() {
        assertArrayEquals(new int[]{3, 4, 5}, pad(3, PRE, PRE, 1, 2, 3, 4, 5).ids());
    }

    @Test
    void exactLengthIsUnchangedAndEmptyIsAllPadding() {
        assertArrayEquals(new int[]{4, 5}, pad(2, PRE, PRE, 4, 5).ids());
        PaddedSequence empty = pad(3, POST, POST);
        assertArrayEquals(new int[]{0, 0, 0}, empty.mask());
        assertEquals(0, empty.length());
    }

    @Test
    void textEncoderChainsTokenizerVocabularyAndPadder() {
        Vocabulary v = Vocabulary.of(java.util.List.of("good", "film"));
        TextEncoder e = new TextEncoder(new TokenizerConfig(TokenizerConfig.Mode.WORDS, true,
                TokenizerConfig.Normalization.NFKC), v, new SequenceShape(6, POST, POST));
        PaddedSequence p = e.encode("Good film, GOOD!");
        assertArrayEquals(new int[]{2, 3, 1, 2, 1, 0}, p.ids());
        assertEquals(5, p.length());
    }

    /** The tokens a character encoder reads: those encode keeps, at the truncation side, with their casing. */
    @Test
    void keptTokensAreTheEncodedOnesAsWritten() {
        Vocabulary v = Vocabulary.of(java.util.List.of("good", "film"));
        TokenizerConfig words = new TokenizerConfig(TokenizerConfig.Mode.WORDS, true,
                TokenizerConfig.Normalization.NFKC);
        assertEquals(java.util.List.of("Good", "film", ",", "GOOD", "!"),
                new TextEncoder(words, v, new SequenceShape(6, POST, POST)).keptTokens("Good film, GOOD!"));
        assertEquals(java.util.List.of("GOOD", "!"),
                new TextEncoder(words, v, new SequenceShape(2, POST, PRE)).keptTokens("Good film, GOOD!"));
        assertEquals(java.util.List.of("Good", "film"),
                new TextEncoder(words, v, new SequenceShape(2, PRE, POST)).keptTokens("Good film, GOOD!"));
    }
}
