package io.seqpipe.data;

import io.seqpipe.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeededSplitTest {

    private static List<String> identities(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(SeededSplit.identity("hdfs://nn/corpus/rt-polarity." + (i % 2 == 0 ? "pos" : "neg"), 100L * i));
        }
        return ids;
    }

    /** What the Spark adapter does: rank by sort key, assign by rank. */
    private static Map<String, String> assign(SeededSplit split, List<String> ids) {
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort((a, b) -> split.sortKey(a).compareTo(split.sortKey(b)));
        Map<String, String> out = new HashMap<>();
        for (int rank = 0; rank < sorted.size(); rank++) {
            out.put(sorted.get(rank), split.assign(rank, sorted.size()));
        }
        return out;
    }

    private static Map<String, Long> counts(Map<String, String> assignment) {
        Map<String, Long> counts = new TreeMap<>();
        assignment.values().forEach(s -> counts.merge(s, 1L, Long::sum));
        return counts;
    }

    @Test
    void identityIsFileNameWithItsDirectoryAndOffset() {
        assertEquals("corpus/rt-polarity.pos:5120", SeededSplit.identity("hdfs://nn:8020/data/corpus/rt-polarity.pos",
                5120));
        assertEquals("pos/0_9.txt:0", SeededSplit.identity("file:/tmp/aclImdb/train/pos/0_9.txt", 0));
        assertEquals(SeededSplit.identity("file:/a/corpus/x.neg", 7), SeededSplit.identity("hdfs://nn/b/corpus/x.neg",
                7), "the same corpus at another root keeps its split");
    }

    @Test
    void randomSplitHasExactSizesAndDependsOnlyOnSeedAndRecords() {
        SeededSplit split = new SeededSplit(SeededSplit.Method.RANDOM, 7, 0.1, 0.2, 5, 0);
        List<String> ids = identities(1003);
        Map<String, String> a = assign(split, ids);
        assertEquals(Map.of("test", 201L, "train", 702L, "validation", 100L), counts(a));
        assertEquals(Map.of("train", 702L, "validation", 100L, "test", 201L), split.sizes(1003));

        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(3));
        assertEquals(a, assign(split, shuffled), "reading order (partitioning) does not change the split");

        Map<String, String> other = assign(new SeededSplit(SeededSplit.Method.RANDOM, 8, 0.1, 0.2, 5, 0), ids);
        assertEquals(counts(a), counts(other));
        assertNotEquals(a, other, "another seed, another split");
        // pinned: a change of the hash would silently move records between splits of existing experiments
        assertEquals(List.of("train", "validation", "train", "train", "train", "validation", "train", "train"),
                ids.subList(0, 8).stream().map(a::get).toList());
    }

    @Test
    void kFoldsPutEveryRecordInExactlyOneFoldWithSizesWithinOne() {
        List<String> ids = identities(103);
        Map<String, Integer> foldOf = new HashMap<>();
        long[] testSizes = new long[5];
        for (int fold = 0; fold < 5; fold++) {
            SeededSplit split = new SeededSplit(SeededSplit.Method.FOLDS, 42, 0.25, 0, 5, fold);
            Map<String, String> a = assign(split, ids);
            Map<String, Long> counts = counts(a);
            testSizes[fold] = counts.get("test");
            assertEquals(split.sizes(103), Map.of("train", counts.get("train"), "validation", counts.get("validation"),
                    "test", counts.get("test")));
            for (Map.Entry<String, String> e : a.entrySet()) {
                if (e.getValue().equals("test")) {
                    Integer previous = foldOf.put(e.getKey(), fold);
                    assertEquals(null, previous, e.getKey() + " held out twice");
                }
            }
        }
        assertEquals(103, foldOf.size(), "every record is held out exactly once");
        assertEquals(List.of(21L, 21L, 21L, 20L, 20L), java.util.Arrays.stream(testSizes).boxed().toList());
        // fold 0: 103 - 21 = 82 others, round(82 * 0.25) = 21 (20.5 rounds up) validation
        assertEquals(Map.of("train", 61L, "validation", 21L, "test", 21L),
                new SeededSplit(SeededSplit.Method.FOLDS, 42, 0.25, 0, 5, 0).sizes(103));
        assertEquals(Map.of("train", 62L, "validation", 21L, "test", 20L),
                new SeededSplit(SeededSplit.Method.FOLDS, 42, 0.25, 0, 5, 4).sizes(103));
    }

    @Test
    void foldValidationComesFromTheOtherFoldsOnly() {
        SeededSplit split = new SeededSplit(SeededSplit.Method.FOLDS, 1, 0.5, 0, 3, 1);
        // ranks 0..8: fold = rank mod 3; fold 1 (ranks 1, 4, 7) is test; of the other six, the first three validation
        List<String> byRank = new ArrayList<>();
        for (int r = 0; r < 9; r++) {
            byRank.add(split.assign(r, 9));
        }
        assertEquals(List.of("validation", "test", "validation", "validation", "test", "train", "train", "test",
                "train"), byRank);
    }

    @Test
    void aSmallCorpusNeverHasMoreValidationAndTestThanRecords() {
        SeededSplit split = new SeededSplit(SeededSplit.Method.RANDOM, 1, 0.45, 0.45, 5, 0);
        assertEquals(Map.of("train", 1L, "validation", 1L, "test", 1L), split.sizes(3));
        SeededSplit tiny = new SeededSplit(SeededSplit.Method.RANDOM, 1, 0.5, 0.49, 5, 0);
        assertEquals(Map.of("train", 0L, "validation", 1L, "test", 0L), tiny.sizes(1));
        assertEquals("validation", tiny.assign(0, 1));
    }

    @Test
    void badValuesNameTheirKey() {
        assertTrue(assertThrows(InvalidConfigException.class,
                () -> new SeededSplit(SeededSplit.Method.RANDOM, 1, 0.5, 0.5, 5, 0)).getMessage()
                .startsWith("split.validation + split.test must be < 1"));
        assertEquals("split.fold must be in [0, split.folds - 1 = 4], got 5", assertThrows(
                InvalidConfigException.class, () -> new SeededSplit(SeededSplit.Method.FOLDS, 1, 0.1, 0, 5, 5))
                .getMessage());
        assertTrue(assertThrows(InvalidConfigException.class, () -> new SeededSplit(SeededSplit.Method.RANDOM, 1, 0.1,
                0.1, 5, 0).requireNoOfficialSplit("dev.tsv", null)).getMessage()
                .startsWith("paths.validation and paths.test must not be set with split.method = random"));
    }
}
