package io.seqpipe.tagging;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link CasingFeature}: the casing class of a token, a word channel of the tagger. */
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
}
