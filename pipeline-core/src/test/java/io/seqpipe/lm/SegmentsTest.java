package io.seqpipe.lm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SegmentsTest {

    @Test
    void segmentsTileTheStreamInOrderAndCountEveryTargetOnce() {
        for (int steps = 1; steps <= 9; steps++) {
            for (int n = 0; n <= 40; n++) {
                int[] stream = new int[n];
                for (int i = 0; i < n; i++) {
                    stream[i] = 10 + i;
                }
                Segments segments = new Segments(n, steps);
                List<CutSequence> cut = segments.cut(stream);
                assertEquals(segments.count(), cut.size());
                long next = 0; // the next offset the network must read
                long counted = 0;
                for (int j = 0; j < cut.size(); j++) {
                    CutSequence s = cut.get(j);
                    assertEquals(j, s.index());
                    assertEquals(next, s.start(), "segment " + j + " starts where the one before ended");
                    assertEquals(segments.start(j), s.start());
                    assertEquals(segments.validSteps(j), s.validSteps());
                    assertEquals(0, s.firstCountedStep());
                    assertArrayEquals(s.stepMask(), s.countedMask(), "every real step counts");
                    assertEquals(j < cut.size() - 1 ? steps : (n - 1) - (long) j * steps, s.validSteps(),
                            "only the last segment is short");
                    for (int t = 0; t < s.validSteps(); t++) {
                        assertEquals(10 + next + t, s.inputs()[t]);
                        assertEquals(10 + next + t + 1, s.targets()[t]);
                    }
                    next += s.validSteps();
                    counted += s.countedSteps();
                }
                assertEquals(Math.max(0, n - 1), next, "the inputs cover [0, n - 1)");
                assertEquals(segments.targetCount(), counted);
            }
        }
    }

    @Test
    void tinyShakespeareValidationInSegmentsOf50() {
        Segments segments = new Segments(111_540, 50);
        assertEquals(2231, segments.count(), "ceil(111,539 / 50)");
        assertEquals(39, segments.validSteps(2230));
        assertEquals(111_539, segments.targetCount());
    }

    @Test
    void aStreamOfAnotherLengthIsRefused() {
        assertEquals("the stream holds 3 units, the segments describe 4", assertThrows(IllegalArgumentException.class,
                () -> new Segments(4, 2).cut(new int[3])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Segments(4, 0));
    }
}
