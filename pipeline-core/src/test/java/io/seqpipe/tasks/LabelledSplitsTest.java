package io.seqpipe.tasks;

import io.seqpipe.SeqPipeException;
import io.seqpipe.data.Rejection;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.SeededSplit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The split bookkeeping of prepare, without Spark: which splits are read from where, and which are written. */
class LabelledSplitsTest {
    private static final SeededSplit RANDOM = new SeededSplit(SeededSplit.Method.RANDOM, 3, 0.1, 0.2, 0, 0);

    @Test
    void officialInputsAreReadInSplitOrder() {
        Map<String, String> inputs = new java.util.LinkedHashMap<>();
        inputs.put("test", "t.txt");
        inputs.put("train", "a.txt");
        assertEquals(List.of(Map.entry("train", "a.txt"), Map.entry("test", "t.txt")),
                List.copyOf(LabelledSplits.splitPaths(inputs, null).entrySet()));
    }

    @Test
    void aSeededSplitCutsAllThreeFromPathsTrain() {
        assertEquals(List.of(Map.entry("train", "a.txt"), Map.entry("validation", "a.txt"), Map.entry("test", "a.txt")),
                List.copyOf(LabelledSplits.splitPaths(Map.of("train", "a.txt"), RANDOM).entrySet()));
    }

    @Test
    void aSeededSplitThatGotNoRecordIsDroppedButAnEmptyOfficialSplitFails() {
        SplitCounts none = SplitCounts.of("a.txt", Map.of());
        assertFalse(LabelledSplits.written("validation", "a.txt", none, RANDOM, "lines", "see the rejects reasons"));
        SeqPipeException e = assertThrows(SeqPipeException.class, () -> LabelledSplits.written("validation", "v.txt",
                none, null, "lines", "see the rejects reasons"));
        assertEquals("paths.validation v.txt has no usable lines: validation: read 0, written 0, rejected 0; see the"
                + " rejects reasons", e.getMessage());
    }

    @Test
    void aSplitWithOnlyRejectsFailsNamingTheSeededSplitAndTheAdvice() {
        SplitCounts rejected = SplitCounts.of("a.txt", Map.of("wrong_column_count", 2L));
        SeqPipeException e = assertThrows(SeqPipeException.class, () -> LabelledSplits.written("train", "a.txt",
                rejected, RANDOM, "sentences", "is input.format (conll) right?"));
        assertEquals("the train split (" + RANDOM.describe() + ") of paths.train a.txt has no usable sentences: train:"
                + " read 2, written 0, rejected 2 (wrong_column_count 2); is input.format (conll) right?",
                e.getMessage());
        assertTrue(LabelledSplits.written("train", "a.txt", SplitCounts.of("a.txt", Map.of(SplitCounts.WRITTEN, 1L,
                "wrong_column_count", 2L)), RANDOM, "sentences", "-"));
    }

    @Test
    void aRecordCountsUnderItsFirstRejection() {
        Rejection first = new Rejection("f", 3, RejectReason.WRONG_COLUMN_COUNT, "3 columns", "a b c");
        Rejection second = new Rejection("f", 4, RejectReason.EMPTY_TEXT, null, "");
        assertEquals("wrong_column_count", RejectsAccounting.outcome(List.of(first, second)));
        assertEquals(SplitCounts.WRITTEN, RejectsAccounting.outcome(List.of()));
        RecordRejections<Rejection> single = RecordRejections.single(r -> r.offset() > 3 ? r : null);
        assertEquals(List.of(), single.of(first));
        assertEquals(List.of(second), single.of(second));
    }

    @Test
    void prepareNeedsItsInputKey() {
        assertEquals("paths.input must be set for prepare", assertThrows(SeqPipeException.class,
                () -> PrepareStep.requireInput(null, "paths.input")).getMessage());
        assertEquals("a.txt", PrepareStep.requireInput("a.txt", "paths.input"));
    }
}
