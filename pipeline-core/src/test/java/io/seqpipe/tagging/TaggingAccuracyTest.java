package io.seqpipe.tagging;

import io.seqpipe.eval.ConfusionMatrix;
import io.seqpipe.text.LabelIndex;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TaggingAccuracyTest {
    static final double EPS = 1e-12;
    static final LabelIndex TAGS = new LabelIndex(List.of("ADJ", "NOUN", "PROPN", "VERB"));

    static int[] ids(String... tags) {
        int[] out = new int[tags.length];
        for (int i = 0; i < tags.length; i++) {
            out[i] = TAGS.indexOf(tags[i]);
        }
        return out;
    }

    /**
     * 10 tokens in two sentences. Gold NOUN 5 (3 right, 2 as PROPN), PROPN 3 (2 right, 1 as NOUN), VERB 2 (1 right,
     * 1 as NOUN); ADJ occurs in neither gold nor predictions. Accuracy 6/10.
     */
    static ConfusionMatrix example() {
        return new ConfusionMatrix(TAGS.size())
                .addAll(ids("NOUN", "NOUN", "PROPN", "VERB", "NOUN"), ids("NOUN", "PROPN", "PROPN", "VERB", "NOUN"))
                .addAll(ids("PROPN", "PROPN", "NOUN", "VERB", "NOUN"), ids("PROPN", "NOUN", "PROPN", "NOUN", "NOUN"));
    }

    @Test
    void overallPerGoldTagAndMostFrequentConfusions() {
        TaggingAccuracy a = TaggingAccuracy.of(example(), TAGS.labels(), 2);
        assertEquals(10, a.tokens());
        assertEquals(6, a.correct());
        assertEquals(0.6, a.accuracy(), EPS);
        assertEquals(List.of(new TaggingAccuracy.TagScores("NOUN", 5, 3, 0.6),
                new TaggingAccuracy.TagScores("PROPN", 3, 2, 2.0 / 3),
                new TaggingAccuracy.TagScores("VERB", 2, 1, 0.5)), a.perTag(), "ADJ never occurs in gold");
        // NOUN->PROPN 2, then the 1-count pairs by gold name: PROPN->NOUN before VERB->NOUN
        assertEquals(List.of(new TaggingAccuracy.ErrorPair("NOUN", "PROPN", 2),
                new TaggingAccuracy.ErrorPair("PROPN", "NOUN", 1)), a.topErrors());
        assertEquals(0.5, a.flatten().get("accuracy.VERB"), EPS);
    }

    @Test
    void mergedPartitionMatricesGiveTheSameAccuracy() {
        ConfusionMatrix p1 = new ConfusionMatrix(TAGS.size())
                .addAll(ids("NOUN", "NOUN", "PROPN", "VERB", "NOUN"), ids("NOUN", "PROPN", "PROPN", "VERB", "NOUN"));
        ConfusionMatrix p2 = new ConfusionMatrix(TAGS.size())
                .addAll(ids("PROPN", "PROPN", "NOUN", "VERB", "NOUN"), ids("PROPN", "NOUN", "PROPN", "NOUN", "NOUN"));
        assertEquals(TaggingAccuracy.of(example(), TAGS.labels(), 5),
                TaggingAccuracy.of(p1.merge(p2), TAGS.labels(), 5));
    }

    @Test
    void emptyMatrixAndBadArguments() {
        TaggingAccuracy a = TaggingAccuracy.of(new ConfusionMatrix(2), List.of("A", "B"), 3);
        assertEquals(0.0, a.accuracy(), EPS);
        assertEquals(List.of(), a.perTag());
        assertThrows(IllegalArgumentException.class, () -> TaggingAccuracy.of(new ConfusionMatrix(2), List.of("A"), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(2).addAll(new int[]{0, 1}, new int[]{0}));
    }
}
