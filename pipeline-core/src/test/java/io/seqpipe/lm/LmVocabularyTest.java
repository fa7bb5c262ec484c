package io.seqpipe.lm;

import io.seqpipe.text.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LmVocabularyTest {
    private static final UnitTokenizer CHARS = new UnitTokenizer(LmUnit.CHAR, null, "<doc>");

    private static UnitCounts counts(String... documents) {
        return new UnitCounts().addAll(CHARS.stream(List.of(documents)));
    }

    @Test
    void reservedIdsThenCountDescendingThenUnit() {
        LmVocabulary v = LmVocabulary.build(counts("b\nab\n", "c"), "<doc>", 1, 100);
        assertEquals(List.of("<pad>", "<unk>", "<doc>", "\n", "b", "a", "c"), v.vocabulary().toLines());
        assertEquals(Vocabulary.UNK_ID, v.id("z"));
        assertEquals(LmVocabulary.BOUNDARY_ID, v.id("<doc>"));
        assertEquals("<doc>", v.boundary());
        assertEquals(7, v.size());
    }

    @Test
    void theBoundaryIsPresentInAOneDocumentCorpus() {
        LmVocabulary v = LmVocabulary.build(counts("aab"), "<doc>", 1, 100);
        assertEquals(List.of("<pad>", "<unk>", "<doc>", "a", "b"), v.vocabulary().toLines());
    }

    @Test
    void minCountAndMaxSizeCountTheReservedEntries() {
        UnitCounts c = counts("aaaabbbccd");
        assertEquals(List.of("<pad>", "<unk>", "<doc>", "a", "b", "c"),
                LmVocabulary.build(c, "<doc>", 2, 100).vocabulary().toLines());
        assertEquals(List.of("<pad>", "<unk>", "<doc>", "a", "b"),
                LmVocabulary.build(c, "<doc>", 1, 5).vocabulary().toLines());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LmVocabulary.build(c, "<doc>", 1, 3));
        assertEquals("vocabulary.maxSize must be >= 4 (<pad>, <unk>, the boundary and one unit), got 3",
                e.getMessage());
    }

    @Test
    void encodesAStreamWithUnknownUnits() {
        LmVocabulary v = LmVocabulary.build(counts("aab", "b"), "<doc>", 2, 100);
        // counts: a 2, b 2, <doc> 1 (the boundary is always present)
        assertEquals(List.of("<pad>", "<unk>", "<doc>", "a", "b"), v.vocabulary().toLines());
        assertEquals(List.of(3, 3, 4, 2, 4, 1), java.util.Arrays.stream(v.encode(List.of("a", "a", "b", "<doc>", "b",
                "q"))).boxed().toList());
    }

    @Test
    void linesEscapeLineBreaksAndRoundTrip() {
        LmVocabulary v = LmVocabulary.build(counts("\n\n\n\r\r\\\\\t\u2028\u0085x"), "<doc>", 1, 100);
        List<String> lines = v.toLines();
        assertEquals(List.of("<pad>", "<unk>", "<doc>", "\\n", "\\r", "\\\\", "\\t", "x", "\\u0085", "\\u2028"),
                lines);
        for (String line : lines) {
            assertEquals(-1, line.indexOf('\n'));
            assertEquals(-1, line.indexOf('\r'));
        }
        LmVocabulary back = LmVocabulary.fromLines(lines);
        assertEquals(v.vocabulary().toLines(), back.vocabulary().toLines());
        assertEquals(v.id("\n"), back.id("\n"));
    }

    @Test
    void aWordVocabularyReadsAsPlainWords() {
        UnitCounts c = new UnitCounts().addAll(List.of("the", "cat", "the", "don't", "c:\\dir"));
        assertEquals(List.of("<pad>", "<unk>", "<eos>", "the", "c:\\\\dir", "cat", "don't"),
                LmVocabulary.build(c, "<eos>", 1, 100).toLines());
    }

    @Test
    void badFilesAreRefusedNamingTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LmVocabulary.fromLines(List.of("<pad>", "<unk>", "<doc>", "a", "\\x")));
        assertEquals("vocabulary line 5 has a bad escape (\\\\, \\n, \\r, \\t or \\uXXXX expected): '\\x'",
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LmVocabulary.fromLines(List.of("<pad>", "<unk>", "<doc>", "\\u12")));
        assertThrows(IllegalArgumentException.class,
                () -> LmVocabulary.fromLines(List.of("<pad>", "<unk>", "<doc>", "a\\")));
        assertThrows(IllegalArgumentException.class, () -> LmVocabulary.fromLines(List.of("<pad>", "<unk>", "a")),
                "the third entry must be a boundary symbol");
        assertThrows(IllegalArgumentException.class, () -> LmVocabulary.fromLines(List.of("<unk>", "<pad>", "<doc>")));
    }
}
