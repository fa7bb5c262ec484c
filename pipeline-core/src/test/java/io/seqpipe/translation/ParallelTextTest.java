package io.seqpipe.translation;

import io.seqpipe.data.RejectReason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTextTest {
    @Test
    void alignedFilesPairLineByLine() {
        List<SentencePair> pairs = ParallelText.aligned(List.of("Ein Hund.", "Zwei Katzen.\r"), "train.de",
                List.of("A dog.", "Two cats."), "train.en");
        assertEquals(2, pairs.size());
        assertEquals(new SentencePair("Zwei Katzen.", "Two cats.", "train.de | train.en", 2), pairs.get(1));
    }

    @Test
    void misalignedFilesAreAClearErrorNamingBothFilesAndCounts() {
        MisalignedCorpusException e = assertThrows(MisalignedCorpusException.class, () -> ParallelText.aligned(
                List.of("a", "b", "c"), "hdfs:///data/train.de", List.of("x", "y"), "hdfs:///data/train.en"));
        assertTrue(e.getMessage().contains("hdfs:///data/train.de has 3 lines"), e.getMessage());
        assertTrue(e.getMessage().contains("hdfs:///data/train.en has 2"), e.getMessage());
    }

    @Test
    void tabSeparatedPairsWithOrWithoutAttribution() {
        PairOutcome two = ParallelText.tabSeparated("Run!\tCours\u202F!", "fra.txt", 2, 0, 1);
        assertEquals(new SentencePair("Run!", "Cours\u202F!", "fra.txt", 2), two.pair());
        PairOutcome three = ParallelText.tabSeparated("Go.\tVa !\tCC-BY 2.0 (France) Attribution: tatoeba.org\r\n",
                "fra.txt", 1, 0, 1);
        assertEquals("Va !", three.pair().target());
        // French → English: columns swapped
        PairOutcome reversed = ParallelText.tabSeparated("Go.\tVa !", "fra.txt", 1, 1, 0);
        assertEquals("Va !", reversed.pair().source());
        assertEquals("Go.", reversed.pair().target());
    }

    @Test
    void aLineWithoutTheTargetColumnIsRejected() {
        PairOutcome bad = ParallelText.tabSeparated("just one column", "fra.txt", 7, 0, 1);
        assertTrue(bad.isRejected());
        assertEquals(RejectReason.WRONG_COLUMN_COUNT, bad.rejection().reason());
        assertEquals(7, bad.rejection().offset());
        assertEquals("fra.txt", bad.rejection().source());
        assertThrows(IllegalArgumentException.class, () -> ParallelText.tabSeparated("a\tb", "f", 1, 1, 1));
    }
}
