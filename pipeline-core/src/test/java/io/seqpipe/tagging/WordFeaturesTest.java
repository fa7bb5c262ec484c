package io.seqpipe.tagging;

import io.seqpipe.text.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link CasingFeature}, {@link CharacterEncoder} and {@link CharacterVocabularyBuilder}. */
class WordFeaturesTest {

    @Test
    void casingClassesOfTypicalConllTokens() {
        Map<String, CasingFeature> expected = new LinkedHashMap<>();
        expected.put("the", CasingFeature.LOWER);
        expected.put("don't", CasingFeature.LOWER);
        expected.put("EU", CasingFeature.UPPER);
        expected.put("U.S.", CasingFeature.UPPER);
        expected.put("I", CasingFeature.UPPER);
        expected.put("Peter", CasingFeature.TITLE);
        expected.put("Al-Zaman", CasingFeature.MIXED);
        expected.put("iPhone", CasingFeature.MIXED);
        expected.put("1996", CasingFeature.NUMERIC);
        expected.put("1996-08-22", CasingFeature.HAS_DIGIT);
        expected.put("F-16", CasingFeature.HAS_DIGIT);
        expected.put(",", CasingFeature.PUNCT);
        expected.put("--", CasingFeature.PUNCT);
        expected.put("\u6771\u4eac", CasingFeature.OTHER); // Tokyo in kanji: letters without case
        expected.put("\u00c9cole", CasingFeature.TITLE);
        expected.put("\u0661\u0662", CasingFeature.NUMERIC); // Arabic-Indic digits
        expected.forEach((token, casing) -> assertEquals(casing, CasingFeature.of(token), token));
    }

    @Test
    void casingIdsReserveZeroForPadding() {
        assertEquals(0, CasingFeature.PAD.id());
        assertEquals(9, CasingFeature.size());
        assertArrayEquals(new int[]{CasingFeature.TITLE.id(), CasingFeature.LOWER.id()},
                CasingFeature.ids(List.of("Peter", "rejects")));
    }

    static final Vocabulary CHARS = Vocabulary.of(List.of("a", "b", "c", "d", "e", "f", "g", "h"));

    @Test
    void shortWordsArePaddedAndUnknownCharactersAreOne() {
        CharacterEncoder enc = new CharacterEncoder(CHARS, 5);
        assertArrayEquals(new int[]{2, 3, 1, 0, 0}, enc.encode("abz"));
        assertArrayEquals(new int[]{2, 3, 4, 5, 6}, enc.encode("abcde"));
    }

    @Test
    void longWordsKeepTheirPrefixAndSuffix() {
        // "abcdefgh" into 5: first ceil(5/2) = 3 (a b c), last 2 (g h)
        assertArrayEquals(new int[]{2, 3, 4, 8, 9}, new CharacterEncoder(CHARS, 5).encode("abcdefgh"));
        assertArrayEquals(new int[]{2, 3, 8, 9}, new CharacterEncoder(CHARS, 4).encode("abcdefgh"));
        assertArrayEquals(new int[]{2}, new CharacterEncoder(CHARS, 1).encode("abcdefgh"));
        assertThrows(IllegalArgumentException.class, () -> new CharacterEncoder(CHARS, 0));
    }

    @Test
    void charactersAreCodePointsNotUtf16Units() {
        Vocabulary v = Vocabulary.of(List.of("\uD83D\uDE00", "x")); // an emoji outside the BMP, then x
        assertArrayEquals(new int[]{2, 3, 0}, new CharacterEncoder(v, 3).encode("\uD83D\uDE00x"));
    }

    @Test
    void characterVocabularyWeightsCharactersByWordCountsAndKeepsFrequentOnes() {
        Map<String, Long> words = Map.of("ab", 3L, "bc", 2L, "zz", 1L);
        assertEquals(Map.of("a", 3L, "b", 5L, "c", 2L, "z", 2L), CharacterVocabularyBuilder.characterCounts(words));
        Vocabulary v = new CharacterVocabularyBuilder(2, 5).build(words);
        // b 5, a 3, then c and z tie at 2: c first; maxSize 5 leaves room for 3 characters
        assertEquals(List.of(Vocabulary.PAD, Vocabulary.UNK, "b", "a", "c"), v.toLines());
        assertArrayEquals(new int[][]{{3, 2}, {1, 1}}, new CharacterEncoder(v, 2).encode(List.of("ab", "zz")));
    }
}
