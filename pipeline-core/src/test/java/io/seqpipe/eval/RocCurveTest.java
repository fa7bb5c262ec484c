package io.seqpipe.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RocCurveTest {

    @Test
    void pointsOfScoresInDistinctBinsAreTheExactCurve() {
        // by score, high to low: + + - + - -  (3 positives, 3 negatives)
        RocCurve roc = new RocCurve(100);
        roc.add(0.95, true).add(0.81, true).add(0.70, false).add(0.62, true).add(0.33, false).add(0.05, false);
        assertEquals(List.of(new RocCurve.Point(0, 0), new RocCurve.Point(0, 1 / 3.0), new RocCurve.Point(0, 2 / 3.0),
                new RocCurve.Point(1 / 3.0, 2 / 3.0), new RocCurve.Point(1 / 3.0, 1), new RocCurve.Point(2 / 3.0, 1),
                new RocCurve.Point(1, 1)), roc.points());
        // 8 of the 9 (positive, negative) pairs are ordered right: AUC 8/9
        assertEquals(8 / 9.0, roc.area(), 1e-12);
    }

    @Test
    void tiesInOneBinAreJoinedByOneSegment() {
        RocCurve roc = new RocCurve(10);
        roc.add(0.51, true).add(0.55, false).add(0.9, true).add(0.1, false);
        assertEquals(List.of(new RocCurve.Point(0, 0), new RocCurve.Point(0, 0.5), new RocCurve.Point(0.5, 1),
                new RocCurve.Point(1, 1)), roc.points());
        // the tied pair counts one half, as on an exact ROC curve: (1 + 0.5 + 1 + 1) / 4
        assertEquals(0.875, roc.area(), 1e-12);
    }

    @Test
    void mergedPartitionsGiveTheCurveOfAllExamples() {
        RocCurve a = new RocCurve(100).add(0.95, true).add(0.70, false).add(0.33, false);
        RocCurve b = new RocCurve(100).add(0.81, true).add(0.62, true).add(0.05, false);
        RocCurve all = new RocCurve(100).add(0.95, true).add(0.81, true).add(0.70, false).add(0.62, true)
                .add(0.33, false).add(0.05, false);
        assertEquals(all.points(), a.merge(b).points());
        assertEquals(3, a.positives());
        assertEquals(3, a.negatives());
    }

    @Test
    void scoreOneFallsIntoTheTopBinAndOneClassLeavesTheCurveUndefined() {
        RocCurve roc = new RocCurve(4).add(1.0, true).add(0.0, true);
        assertFalse(roc.defined());
        assertTrue(roc.points().isEmpty());
        assertTrue(Double.isNaN(roc.area()));
        roc.add(0.99, false);
        // 1.0 and 0.99 share the top bin
        assertEquals(List.of(new RocCurve.Point(0, 0), new RocCurve.Point(1, 0.5), new RocCurve.Point(1, 1)),
                roc.points());
        assertThrows(IllegalArgumentException.class, () -> roc.add(Double.NaN, true));
        assertThrows(IllegalArgumentException.class, () -> roc.merge(new RocCurve(5)));
    }
}
