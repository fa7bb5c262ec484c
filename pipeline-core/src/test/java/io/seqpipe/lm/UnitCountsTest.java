package io.seqpipe.lm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UnitCountsTest {
    private static final UnitTokenizer CHARS = new UnitTokenizer(LmUnit.CHAR, null, "<doc>");

    @Test
    void partitionCountsMergeToTheWholeCountInAnyOrder() {
        List<String> documents = List.of("abba", "cab", "", "b\n");
        UnitCounts whole = new UnitCounts().addAll(CHARS.stream(documents));
        UnitCounts[] parts = new UnitCounts[documents.size()];
        for (int i = 0; i < documents.size(); i++) {
            parts[i] = new UnitCounts().addAll(CHARS.streamUnits(documents.get(i), i == 0));
        }
        UnitCounts forward = new UnitCounts();
        for (UnitCounts p : parts) {
            forward.merge(p);
        }
        UnitCounts backward = new UnitCounts().merge(parts[3]).merge(parts[2]).merge(new UnitCounts()
                .merge(parts[1]).merge(parts[0]));
        assertEquals(whole, forward);
        assertEquals(whole, backward);
        assertEquals(Map.of("a", 3L, "b", 4L, "c", 1L, "\n", 1L, "<doc>", 3L), whole.asMap());
        assertEquals(12, whole.total());
        assertEquals(0, whole.count("z"));
    }

    @Test
    void mergeLeavesTheOtherUnchangedAndTheMapIsReadOnly() {
        UnitCounts a = new UnitCounts().add("x");
        UnitCounts b = new UnitCounts().add("x").add("y");
        a.merge(b);
        assertEquals(Map.of("x", 2L, "y", 1L), a.asMap());
        assertEquals(Map.of("x", 1L, "y", 1L), b.asMap());
        assertThrows(UnsupportedOperationException.class, () -> a.asMap().put("z", 1L));
    }
}
