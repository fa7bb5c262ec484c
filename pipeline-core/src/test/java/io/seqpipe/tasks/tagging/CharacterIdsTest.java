package io.seqpipe.tasks.tagging;

import io.seqpipe.tasks.CharacterIds;
import io.seqpipe.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tagger's character ids: vocabulary, casing, truncation, the saved file, and a minibatch's character input. */
class CharacterIdsTest {
    private static Map<String, Long> counts(String... tokens) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String t : tokens) {
            CharacterIds.characters(t, 100).forEach(c -> counts.merge(c, 1L, Long::sum));
        }
        return counts;
    }

    @Test
    void vocabularyKeepsCasingAndDropsRareCharacters() {
        CharacterIds ids = CharacterIds.build(counts("Oslo", "oslo", "OO", "x"), 2, 100, 30);
        // O: 3, o: 3, l: 2, s: 2 (by count, then character); x: once (below minCount 2)
        assertEquals(List.of(Vocabulary.PAD, Vocabulary.UNK, "O", "o", "l", "s"), ids.vocabulary().toLines());
        assertArrayEquals(new int[]{2, 5, 4, 3}, ids.encode("Oslo"));
        assertArrayEquals(new int[]{3, 5, 4, 3}, ids.encode("oslo"), "o and O are different characters");
        assertArrayEquals(new int[]{1, 2}, ids.encode("xO"), "unseen and rare characters are <unk>");
        assertEquals(4, CharacterIds.build(counts("Oslo", "oslo", "OO", "x"), 1, 4, 30).size(),
                "maxSize counts <pad> and <unk>: the two most frequent characters");
    }

    @Test
    void tokensAreTruncatedToTheirFirstCodePoints() {
        CharacterIds ids = CharacterIds.build(counts("abcdef", "😀b"), 1, 100, 3);
        assertEquals(3, ids.encode("abcdef").length);
        assertArrayEquals(ids.encode("abc"), ids.encode("abcdef"), "the first maxWordLength characters");
        assertEquals(List.of("😀", "b"), CharacterIds.characters("😀b", 3), "a code point outside the BMP is one");
        assertEquals(2, ids.encode("😀b").length);
        assertEquals(List.of("a", "b"), CharacterIds.characters("abc", 2));
    }

    @Test
    void fileRoundTripEscapesLineBreakingCharacters() {
        CharacterIds ids = CharacterIds.build(counts("a\\b", "c\td", "e\u2028f", "<", "ü"), 1, 100, 30);
        List<String> lines = ids.toLines();
        assertTrue(lines.contains("\\\\") && lines.contains("\\t") && lines.contains("\\u2028"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("\t") || l.contains("\u2028")), lines.toString());
        CharacterIds back = CharacterIds.fromLines(lines, 30);
        assertEquals(ids.vocabulary().toLines(), back.vocabulary().toLines());
        assertArrayEquals(ids.encode("c\td\\ü"), back.encode("c\td\\ü"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> CharacterIds.fromLines(List.of("<pad>", "<unk>", "\\q"), 30));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void minibatchCharactersArePaddedWithZerosPerWordAndSentence() {
        TaggedExample a = new TaggedExample(0, new int[][]{{5, 6}}, new int[]{0, 1}, new int[][]{{2, 3, 4}, {5}});
        TaggedExample b = new TaggedExample(1, new int[][]{{7}}, new int[]{1}, new int[][]{{6, 7}});
        INDArray chars = TaggingBatches.chars(List.of(a, b));
        assertArrayEquals(new long[]{2, 3, 2}, chars.shape(), "[batch, longest word, longest sentence]");
        assertEquals(List.of(2f, 3f, 4f), List.of(chars.getFloat(0, 0, 0), chars.getFloat(0, 1, 0),
                chars.getFloat(0, 2, 0)));
        assertEquals(List.of(5f, 0f, 0f), List.of(chars.getFloat(0, 0, 1), chars.getFloat(0, 1, 1),
                chars.getFloat(0, 2, 1)));
        assertEquals(List.of(6f, 7f, 0f, 0f), List.of(chars.getFloat(1, 0, 0), chars.getFloat(1, 1, 0),
                chars.getFloat(1, 2, 0), chars.getFloat(1, 0, 1)), "padded word: all zeros");
        var md = TaggingBatches.format(2, 0.5, true).trainingMultiMinibatch(List.of(a, b), 7);
        assertEquals(2, md.getFeatures().length);
        assertEquals(chars, md.getFeatures(1));
        assertEquals(md.getFeaturesMaskArray(0), md.getFeaturesMaskArray(1));
        assertEquals(2, new TaggerAdapter().inputs(List.of(a, b)).features().length);
        assertEquals(1, new TaggerAdapter().inputs(List.of(new TaggedExample(0, new int[][]{{5}}, new int[]{0})))
                .features().length, "one input without characters");
    }
}
