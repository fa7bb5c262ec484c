package io.seqpipe.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VocabularyBuilderTest {
    static final Map<String, Long> COUNTS = Map.of("the", 10L, "film", 4L, "good", 4L, "bad", 3L, "rare", 1L);

    @Test
    void reservedIdsComeFirstThenTokensByFrequencyWithTiesAlphabetical() {
        Vocabulary v = new VocabularyBuilder(1, 100).build(COUNTS);
        assertEquals(List.of("<pad>", "<unk>", "the", "film", "good", "bad", "rare"), v.toLines());
        assertEquals(0, v.id(Vocabulary.PAD));
        assertEquals(1, v.id("never-seen"));
        assertEquals(3, v.id("film"));
    }

    @Test
    void minCountDropsRareTokens() {
        assertEquals(List.of("<pad>", "<unk>", "the", "film", "good"), new VocabularyBuilder(4, 100).build(COUNTS)
                .toLines());
    }

    @Test
    void maxSizeCountsTheReservedIds() {
        Vocabulary v = new VocabularyBuilder(1, 4).build(COUNTS);
        assertEquals(4, v.size());
        assertEquals(List.of("<pad>", "<unk>", "the", "film"), v.toLines());
    }

    @Test
    void encodeMapsUnknownTokensToUnk() {
        Vocabulary v = new VocabularyBuilder(1, 100).build(COUNTS);
        assertArrayEquals(new int[]{2, 4, 1, 3}, v.encode(List.of("the", "good", "awful", "film")));
    }

    @Test
    void vocabularyFileRoundTripsAndIsValidated() {
        Vocabulary v = new VocabularyBuilder(1, 100).build(COUNTS);
        assertEquals(v.toLines(), Vocabulary.fromLines(v.toLines()).toLines());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Vocabulary.fromLines(List.of("the", "film")));
        assertEquals("a vocabulary file must start with <pad> and <unk>", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Vocabulary.fromLines(List.of("<pad>", "<unk>", "a", "a")));
    }

    @Test
    void tooSmallMaxSizeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VocabularyBuilder(1, 2));
        assertEquals("maxSize must be >= 3 (two reserved ids + one token), got 2", e.getMessage());
    }
}
