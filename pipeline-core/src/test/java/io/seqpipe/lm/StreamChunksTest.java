package io.seqpipe.lm;

import org.junit.jupiter.api.Test;

import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamChunksTest {

    @Test
    void chunksPredictEveryTargetOnceAndReadTheUnitBeforeTheirFirstTarget() {
        for (long n : new long[]{2, 5, 11, 12, 13, 40}) {
            StreamChunks chunks = new StreamChunks(n, 4, 3);
            TreeMap<Long, Integer> predicted = new TreeMap<>();
            for (long c = 0; c < chunks.count(); c++) {
                assertTrue(chunks.end(c) - chunks.start(c) >= 2, "a chunk reads its context and a target");
                for (long offset = chunks.start(c) + 1; offset < chunks.end(c); offset++) {
                    predicted.merge(offset, 1, Integer::sum);
                }
                assertEquals(chunks.end(c) - chunks.start(c) - 1, chunks.segments(c).targetCount());
            }
            assertEquals(n - 1, predicted.size(), "n = " + n);
            assertTrue(predicted.values().stream().allMatch(v -> v == 1), "n = " + n);
            assertEquals(n - 1, chunks.targetCount());
        }
    }

    @Test
    void boundsCountAndTheFirstChunkReadingAnOffset() {
        StreamChunks chunks = new StreamChunks(11, 4, 2);
        assertEquals(3, chunks.count(), "10 targets in chunks of 4");
        assertEquals(0, chunks.start(0));
        assertEquals(5, chunks.end(0), "units 0..4: context 0, targets 1..4");
        assertEquals(4, chunks.start(1));
        assertEquals(8, chunks.start(2));
        assertEquals(11, chunks.end(2), "the last chunk: targets 9 and 10");
        assertEquals(0, chunks.firstChunkReading(0));
        assertEquals(0, chunks.firstChunkReading(4), "offset 4 is chunk 0's last target and chunk 1's context");
        assertEquals(1, chunks.firstChunkReading(5));
        assertEquals(2, chunks.firstChunkReading(10));
        assertEquals(2, chunks.segments(0).count(), "4 targets in segments of 2");
        assertEquals(3, new StreamChunks(11, 5, 2).segments(0).count(), "5 targets in segments of 2: 2, 2, 1");
        assertEquals(1, new StreamChunks(11, 5, 2).segments(0).validSteps(2));
        assertEquals(0, new StreamChunks(1, 4, 2).count());
        assertEquals(0, new StreamChunks(0, 4, 2).count());
    }

    @Test
    void badSettingsAndIndicesAreErrors() {
        assertEquals("chunks need streamLength >= 0, length >= 1 and segmentLength >= 1, got 5, 0 and 2",
                assertThrows(IllegalArgumentException.class, () -> new StreamChunks(5, 0, 2)).getMessage());
        assertEquals("chunk 3 is outside [0, 3)",
                assertThrows(IllegalArgumentException.class, () -> new StreamChunks(11, 4, 2).start(3))
                        .getMessage());
    }
}
