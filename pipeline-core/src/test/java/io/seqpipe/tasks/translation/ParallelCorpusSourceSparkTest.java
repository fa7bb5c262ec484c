package io.seqpipe.tasks.translation;

import io.seqpipe.data.RejectReason;
import io.seqpipe.testing.TestSpark;
import io.seqpipe.translation.MisalignedCorpusException;
import io.seqpipe.translation.PairOutcome;
import io.seqpipe.translation.SentencePair;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ParallelCorpusSource} on real local Spark, with files small enough to split into several partitions. */
@Tag("spark")
class ParallelCorpusSourceSparkTest {
    static SparkSession spark;
    static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        spark = TestSpark.start("parallel-corpus");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Path write(Path dir, String name, List<String> lines) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, lines, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void alignedFilesJoinByLineNumberInOrder(@TempDir Path dir) throws Exception {
        List<String> de = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            de.add("Satz Nummer " + i + ".");
            en.add("Sentence number " + i + ".");
        }
        Path src = write(dir, "train.de", de);
        Path tgt = write(dir, "train.en", en);
        List<SentencePair> pairs = ParallelCorpusSource.aligned(sc, src.toString(), tgt.toString()).collect();
        assertEquals(300, pairs.size());
        for (int i = 0; i < 300; i++) {
            SentencePair p = pairs.get(i);
            assertEquals(i + 1, p.line());
            assertEquals("Satz Nummer " + (i + 1) + ".", p.source());
            assertEquals("Sentence number " + (i + 1) + ".", p.target());
        }
    }

    @Test
    void misalignedFilesFailNamingBothFilesAndCounts(@TempDir Path dir) throws Exception {
        Path src = write(dir, "val.de", List.of("a", "b", "c"));
        Path tgt = write(dir, "val.en", List.of("x", "y"));
        MisalignedCorpusException e = assertThrows(MisalignedCorpusException.class,
                () -> ParallelCorpusSource.aligned(sc, src.toString(), tgt.toString()));
        assertTrue(e.getMessage().contains("val.de has 3 lines but"), e.getMessage());
        assertTrue(e.getMessage().contains("val.en has 2"), e.getMessage());
    }

    @Test
    void tabSeparatedPairsAndRejects(@TempDir Path dir) throws Exception {
        Path file = write(dir, "fra.txt", List.of("Go.\tVa !", "Run!\tCours\u202F!\tCC-BY 2.0", "broken line",
                "Wow!\tÇa alors\u00A0!"));
        List<PairOutcome> out = new ArrayList<>(ParallelCorpusSource.tabSeparated(sc, file.toString(), 0, 1)
                .collect());
        out.sort(Comparator.comparingLong(o -> o.isRejected() ? o.rejection().offset() : o.pair().line()));
        assertEquals(4, out.size());
        assertEquals("Cours\u202F!", out.get(1).pair().target());
        assertEquals(2, out.get(1).pair().line());
        assertTrue(out.get(2).isRejected());
        assertEquals(RejectReason.WRONG_COLUMN_COUNT, out.get(2).rejection().reason());
        assertEquals(3, out.get(2).rejection().offset());
        assertEquals("Wow!", out.get(3).pair().source());
    }
}
