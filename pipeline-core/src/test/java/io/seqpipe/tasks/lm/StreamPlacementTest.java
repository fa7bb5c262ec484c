package io.seqpipe.tasks.lm;

import io.seqpipe.lm.LmSplit;
import io.seqpipe.lm.LmUnit;
import io.seqpipe.lm.UnitTokenizer;
import org.junit.jupiter.api.Test;
import scala.Tuple3;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The offsets prepare gives units without collecting text: per-partition unit counts summed into each partition's
 * first offset, then each partition placing its documents; checked against the one-pass stream of
 * {@link UnitTokenizer#stream}, without Spark.
 */
class StreamPlacementTest {
    private static final UnitTokenizer CHARS = new UnitTokenizer(LmUnit.CHAR, null, "<doc>");

    /** Places partitions of documents (all of one stream) and returns the pieces of each split, as units by offset. */
    private static Map<String, String[]> place(List<List<String>> partitions, LmSplit.Ranges ranges, String stream) {
        List<Tuple3<Integer, String, Long>> counts = new ArrayList<>();
        for (int p = 0; p < partitions.size(); p++) {
            long units = 0;
            for (String d : partitions.get(p)) {
                units += CHARS.units(d).size() + 1;
            }
            if (!partitions.get(p).isEmpty()) {
                counts.add(new Tuple3<>(p, stream, units));
            }
        }
        Map<String, long[]> starts = new HashMap<>();
        Map<String, Long> streamUnits = new HashMap<>();
        PrepareLmData.firstOffsets(counts, partitions.size(), starts, streamUnits);
        Map<String, String[]> out = new HashMap<>();
        long n = streamUnits.get(stream);
        for (int p = 0; p < partitions.size(); p++) {
            List<PrepareLmData.StreamDocument> docs = partitions.get(p).stream()
                    .map(d -> new PrepareLmData.StreamDocument(stream, d)).toList();
            PrepareLmData.place(p, docs.iterator(), starts, ranges, CHARS).forEachRemaining(piece -> {
                String[] units = out.computeIfAbsent(piece.split(), s -> new String[(int) (ranges == null ? n
                        : ranges.of(s).length())]);
                for (int i = 0; i < piece.units().size(); i++) {
                    assertEquals(null, units[(int) piece.start() + i], "offset placed twice");
                    units[(int) piece.start() + i] = piece.units().get(i);
                }
            });
        }
        return out;
    }

    @Test
    void partitionsOfDocumentsPlaceEveryUnitAtItsOneStreamOffset() {
        List<String> docs = List.of("ab", "c", "def", "g", "hi");
        List<String> stream = CHARS.stream(docs); // a b <doc> c <doc> d e f <doc> g <doc> h i: 13 units
        assertEquals(13, stream.size());
        List<List<String>> partitions = List.of(List.of("ab", "c"), List.of(), List.of("def"), List.of("g", "hi"));
        String[] placed = place(partitions, null, "corpus").get("corpus");
        assertEquals(stream, List.of(placed));

        LmSplit.Ranges ranges = new LmSplit(LmSplit.By.OFFSET, 0.5, 0.25, 1).ranges(13); // [0,6) [6,10) [10,13)
        Map<String, String[]> splits = place(partitions, ranges, "corpus");
        assertEquals(stream.subList(0, 6), List.of(splits.get(LmSplit.TRAIN)));
        assertEquals(stream.subList(6, 10), List.of(splits.get(LmSplit.VALIDATION)));
        assertEquals(stream.subList(10, 13), List.of(splits.get(LmSplit.TEST)));
    }
}
