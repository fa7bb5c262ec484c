package io.seqpipe.lm;

import io.seqpipe.text.TokenizerConfig;
import io.seqpipe.text.WordTokenizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitTokenizerTest {
    private static final UnitTokenizer CHARS = new UnitTokenizer(LmUnit.CHAR, null, "<doc>");
    private static final UnitTokenizer WORDS = new UnitTokenizer(LmUnit.WORD, new WordTokenizer(
            new TokenizerConfig(TokenizerConfig.Mode.WORDS, true, TokenizerConfig.Normalization.NFKC)), "<doc>");

    @Test
    void charactersAreCodePointsNotUtf16Units() {
        String text = "a\uD83D\uDE00b\u00E9"; // a, U+1F600 (a surrogate pair), b, é
        assertEquals(5, text.length(), "UTF-16 units");
        assertEquals(List.of("a", "\uD83D\uDE00", "b", "\u00E9"), CHARS.units(text));
    }

    @Test
    void lineBreaksAndSpacesAreCharacterUnits() {
        assertEquals(List.of("A", ":", "\n", " ", "b", "\r", "\n"), CHARS.units("A:\n b\r\n"));
        assertEquals(List.of(), CHARS.units(""));
    }

    @Test
    void theBoundaryStandsBetweenDocumentsOnly() {
        assertEquals(List.of("a", "b", "<doc>", "c", "<doc>", "d", "e"), CHARS.stream(List.of("ab", "c", "de")));
        assertEquals(List.of("a", "b"), CHARS.stream(List.of("ab")), "one document is exactly its own units");
        assertEquals(List.of(), CHARS.stream(List.of()));
        assertEquals(List.of("a", "<doc>", "<doc>", "b"), CHARS.stream(List.of("a", "", "b")),
                "an empty document still ends one (prepare rejects empty documents before this)");
    }

    @Test
    void documentsTokenizedOneByOneConcatenateToTheStream() {
        List<String> documents = List.of("To be,", "or not\nto be.", "That is");
        List<String> concatenated = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            concatenated.addAll(WORDS.streamUnits(documents.get(i), i == 0));
        }
        assertEquals(WORDS.stream(documents), concatenated);
        assertEquals(List.of("to", "be", ",", "<doc>", "or", "not", "to", "be", ".", "<doc>", "that", "is"),
                concatenated);
    }

    @Test
    void wordsFollowTheWordTokenizer() {
        assertEquals(List.of("a", "dog's", "bone", ",", "well", "-", "kept", "."), WORDS.units("A dog's bone, well - kept."));
    }

    @Test
    void aBoundaryTheTextCouldContainIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UnitTokenizer(LmUnit.CHAR, null, "#"));
        assertTrue(e.getMessage().endsWith("got '#'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UnitTokenizer(LmUnit.CHAR, null, "end doc"));
        assertThrows(IllegalArgumentException.class, () -> new UnitTokenizer(LmUnit.CHAR, null, "<unk>"));
        assertThrows(IllegalArgumentException.class, () -> new UnitTokenizer(LmUnit.WORD, null, "<doc>"));
        assertEquals("\uD83D\uDE00\uD83D\uDE00", new UnitTokenizer(LmUnit.CHAR, null, "\uD83D\uDE00\uD83D\uDE00")
                .boundary(), "two code points");
        assertThrows(IllegalArgumentException.class, () -> new UnitTokenizer(LmUnit.CHAR, null, "\uD83D\uDE00"),
                "one code point, though two UTF-16 units");
    }
}
