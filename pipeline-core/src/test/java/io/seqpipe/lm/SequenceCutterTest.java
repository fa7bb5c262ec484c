package io.seqpipe.lm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceCutterTest {

    /** A stream whose unit at offset i has id 100 + i, so every id names its offset. */
    private static int[] stream(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 100 + i;
        }
        return ids;
    }

    /** How often each offset is a counted target over all sequences. */
    private static int[] countedTargets(List<CutSequence> sequences, int n) {
        int[] counted = new int[n];
        for (CutSequence s : sequences) {
            float[] mask = s.countedMask();
            for (int t = 0; t < s.length(); t++) {
                if (mask[t] == 1f) {
                    counted[s.targets()[t] - 100]++;
                }
            }
        }
        return counted;
    }

    @Test
    void nonOverlappingSequencesAndTheLastPartialOne() {
        List<CutSequence> cut = SequenceCutter.nonOverlapping(4).cut(stream(11));
        assertEquals(3, cut.size(), "targets 1..10 in fours: 4 + 4 + 2");
        assertArrayEquals(new int[] {100, 101, 102, 103}, cut.get(0).inputs());
        assertArrayEquals(new int[] {101, 102, 103, 104}, cut.get(0).targets());
        assertArrayEquals(new int[] {104, 105, 106, 107}, cut.get(1).inputs());
        assertArrayEquals(new int[] {108, 109, 0, 0}, cut.get(2).inputs(), "padded with <pad>");
        assertArrayEquals(new int[] {109, 110, 0, 0}, cut.get(2).targets());
        assertArrayEquals(new float[] {1, 1, 0, 0}, cut.get(2).stepMask());
        assertArrayEquals(new float[] {1, 1, 0, 0}, cut.get(2).countedMask());
        assertEquals(List.of(0L, 4L, 8L), cut.stream().map(CutSequence::start).toList());
    }

    @Test
    void withStrideEqualToLengthEveryTargetIsInExactlyOneSequence() {
        for (int length = 1; length <= 6; length++) {
            SequenceCutter cutter = SequenceCutter.nonOverlapping(length);
            for (int n = 0; n <= 30; n++) {
                List<CutSequence> cut = cutter.cut(stream(n));
                assertEquals(cutter.sequenceCount(n), cut.size());
                int[] inSequences = new int[n];
                for (CutSequence s : cut) {
                    assertEquals(0, s.firstCountedStep());
                    for (int t = 0; t < s.validSteps(); t++) {
                        inSequences[s.targets()[t] - 100]++;
                    }
                }
                for (int offset = 0; offset < n; offset++) {
                    int expected = offset == 0 ? 0 : 1;
                    assertEquals(expected, inSequences[offset], "length " + length + ", n " + n + ", offset " + offset);
                    assertEquals(expected, countedTargets(cut, n)[offset]);
                }
            }
        }
    }

    @Test
    void overlappingSequencesCountOnlyTheirNewTargets() {
        List<CutSequence> cut = new SequenceCutter(4, 2).cut(stream(10));
        // starts 0, 2, 4, 6 (6 + 4 >= 9: the last target is covered)
        assertEquals(List.of(0L, 2L, 4L, 6L), cut.stream().map(CutSequence::start).toList());
        assertArrayEquals(new float[] {1, 1, 1, 1}, cut.get(0).countedMask());
        assertArrayEquals(new int[] {103, 104, 105, 106}, cut.get(1).targets());
        assertArrayEquals(new float[] {0, 0, 1, 1}, cut.get(1).countedMask(), "103 and 104 count in sequence 0");
        assertArrayEquals(new int[] {107, 108, 109, 0}, cut.get(3).targets());
        assertArrayEquals(new float[] {1, 1, 1, 0}, cut.get(3).stepMask());
        assertArrayEquals(new float[] {0, 0, 1, 0}, cut.get(3).countedMask());
        assertEquals(9, cut.get(3).firstCountedOffset(), "the offset of unit 109");
    }

    @Test
    void everyStrideCountsEveryTargetExactlyOnce() {
        for (int length = 1; length <= 7; length++) {
            for (int stride = 1; stride <= length; stride++) {
                SequenceCutter cutter = new SequenceCutter(length, stride);
                for (int n = 0; n <= 25; n++) {
                    List<CutSequence> cut = cutter.cut(stream(n));
                    assertEquals(cutter.sequenceCount(n), cut.size());
                    int[] counted = countedTargets(cut, n);
                    for (int offset = 0; offset < n; offset++) {
                        assertEquals(offset == 0 ? 0 : 1, counted[offset],
                                "length " + length + ", stride " + stride + ", n " + n + ", offset " + offset);
                    }
                    for (CutSequence s : cut) {
                        assertTrue(s.countedSteps() >= 1, "no sequence without a new target: " + s);
                        for (int t = 0; t < s.validSteps(); t++) {
                            assertEquals(s.inputs()[t] + 1, s.targets()[t], "each target is the next unit");
                        }
                    }
                }
            }
        }
    }

    @Test
    void aStreamShorterThanOneSequenceGivesOnePartialSequence() {
        SequenceCutter cutter = SequenceCutter.nonOverlapping(8);
        assertEquals(0, cutter.cut(stream(0)).size());
        assertEquals(0, cutter.cut(stream(1)).size(), "one unit: nothing to predict");
        List<CutSequence> cut = cutter.cut(stream(3));
        assertEquals(1, cut.size());
        assertEquals(2, cut.get(0).validSteps());
    }

    @Test
    void contiguousChunksWithTheirCarryOverCutWhatOnePassCuts() {
        int n = 101;
        int[] ids = stream(n);
        for (int[] lengthStride : new int[][] {{8, 8}, {8, 3}, {5, 1}, {16, 16}, {7, 6}}) {
            SequenceCutter cutter = new SequenceCutter(lengthStride[0], lengthStride[1]);
            List<CutSequence> onePass = cutter.cut(ids);
            for (long[] bounds : new long[][] {{0, n}, {0, 50, n}, {0, 1, 2, 3, 60, 61, n}, {0, 13, 26, 39, 52, 65,
                    78, 91, n}, {0, 100, n}, {0, n, n}}) {
                List<CutSequence> chunked = new ArrayList<>();
                for (int c = 0; c + 1 < bounds.length; c++) {
                    UnitRange needed = cutter.unitsNeeded(bounds[c], bounds[c + 1], n);
                    int[] units = java.util.Arrays.copyOfRange(ids, (int) needed.start(), (int) needed.end());
                    chunked.addAll(cutter.cut(units, needed.start(), n, bounds[c], bounds[c + 1]));
                }
                assertEquals(onePass, chunked, "length/stride " + lengthStride[0] + "/" + lengthStride[1]
                        + ", bounds " + java.util.Arrays.toString(bounds));
            }
        }
    }

    @Test
    void partitionsCutAtSequenceStartsTileTheStreamAndCutWhatOnePassCuts() {
        int[] ids = stream(1000);
        for (int[] lengthStride : new int[][] {{64, 64}, {64, 16}, {10, 7}}) {
            SequenceCutter cutter = new SequenceCutter(lengthStride[0], lengthStride[1]);
            List<CutSequence> onePass = cutter.cut(ids);
            for (int count : new int[] {1, 2, 3, 7, 50}) {
                List<UnitRange> partitions = cutter.partitions(ids.length, count);
                assertEquals(count, partitions.size());
                assertEquals(0, partitions.get(0).start());
                assertEquals(ids.length, partitions.get(count - 1).end());
                List<CutSequence> partitioned = new ArrayList<>();
                long previousEnd = 0;
                for (UnitRange owned : partitions) {
                    assertEquals(previousEnd, owned.start(), "contiguous");
                    assertEquals(0, owned.start() % cutter.stride(), "at a sequence start");
                    previousEnd = owned.end();
                    UnitRange needed = cutter.unitsNeeded(owned.start(), owned.end(), ids.length);
                    List<CutSequence> own = cutter.cut(java.util.Arrays.copyOfRange(ids, (int) needed.start(),
                            (int) needed.end()), needed.start(), ids.length, owned.start(), owned.end());
                    assertTrue(Math.abs(own.size() - onePass.size() / (double) count) < 1, "balanced: " + own.size());
                    partitioned.addAll(own);
                }
                assertEquals(onePass, partitioned, lengthStride[0] + "/" + lengthStride[1] + " in " + count);
            }
        }
        assertEquals(List.of(new UnitRange(0, 0), new UnitRange(0, 1)), SequenceCutter.nonOverlapping(4)
                .partitions(1, 2), "no sequences: the ranges still tile the stream");
    }

    @Test
    void aChunkWithoutItsCarryOverIsRefused() {
        SequenceCutter cutter = SequenceCutter.nonOverlapping(4);
        int[] ids = stream(20);
        int[] chunk = java.util.Arrays.copyOfRange(ids, 0, 8); // owns starts [0, 8) but lacks units 8
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cutter.cut(chunk, 0, 20, 0, 8));
        assertEquals("units [0, 8) do not cover [0, 12) that the sequences starting in [0, 8) need", e.getMessage());
        assertEquals(new UnitRange(0, 12), cutter.unitsNeeded(0, 8, 20));
        assertEquals(new UnitRange(16, 20), cutter.unitsNeeded(16, 20, 20));
    }

    @Test
    void theSequenceCountFormula() {
        SequenceCutter cutter = new SequenceCutter(256, 256);
        // Tiny Shakespeare's nanoGPT train split: 1,003,853 targets in 256s
        assertEquals(3922, cutter.sequenceCount(1_003_854));
        assertEquals((1_003_853 + 255) / 256, cutter.sequenceCount(1_003_854));
        assertEquals(1_003_854 - 1 - 3921 * 256, cutter.validSteps(3921, 1_003_854));
        assertEquals(4, new SequenceCutter(4, 2).sequenceCount(10));
        assertEquals(1, new SequenceCutter(4, 2).sequenceCount(5));
        assertEquals(2, new SequenceCutter(4, 2).sequenceCount(6));
    }

    @Test
    void strideOutsideOneToLengthIsRefused() {
        assertEquals("stride must be in [1, sequence length 4], got 5", assertThrows(IllegalArgumentException.class,
                () -> new SequenceCutter(4, 5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SequenceCutter(4, 0));
        assertThrows(IllegalArgumentException.class, () -> new SequenceCutter(0, 0));
    }
}
