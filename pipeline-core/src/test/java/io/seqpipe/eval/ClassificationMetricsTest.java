package io.seqpipe.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassificationMetricsTest {
    static final double EPS = 1e-12;

    /**
     * Hand-worked 3-class case, rows = actual, columns = predicted:
     * <pre>
     *          a  b  c
     *     a  [ 5, 1, 0 ]   support 6
     *     b  [ 2, 3, 1 ]   support 6
     *     c  [ 0, 0, 4 ]   support 4
     * </pre>
     * a: P 5/7, R 5/6; b: P 3/4, R 3/6; c: P 4/5, R 4/4. Accuracy 12/16.
     */
    static ConfusionMatrix example() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        int[][] counts = {{5, 1, 0}, {2, 3, 1}, {0, 0, 4}};
        for (int a = 0; a < 3; a++) {
            for (int p = 0; p < 3; p++) {
                for (int k = 0; k < counts[a][p]; k++) {
                    m.add(a, p);
                }
            }
        }
        return m;
    }

    @Test
    void perClassMacroAndMicroMatchHandComputedValues() {
        ClassificationMetrics r = ClassificationMetrics.of(example(), List.of("a", "b", "c"), Double.NaN);
        assertEquals(16, r.examples());
        assertEquals(0.75, r.accuracy(), EPS);
        double pa = 5.0 / 7;
        double ra = 5.0 / 6;
        double fa = 2 * pa * ra / (pa + ra);
        assertEquals(pa, r.perClass().get(0).precision(), EPS);
        assertEquals(ra, r.perClass().get(0).recall(), EPS);
        assertEquals(fa, r.perClass().get(0).f1(), EPS);
        assertEquals(0.6, r.perClass().get(1).f1(), EPS); // P 0.75, R 0.5 -> 0.6
        assertEquals(8.0 / 9, r.perClass().get(2).f1(), EPS); // P 0.8, R 1 -> 0.888...
        assertEquals((pa + 0.75 + 0.8) / 3, r.macroPrecision(), EPS);
        assertEquals((ra + 0.5 + 1.0) / 3, r.macroRecall(), EPS);
        assertEquals((fa + 0.6 + 8.0 / 9) / 3, r.macroF1(), EPS);
        assertEquals(0.75, r.microPrecision(), EPS);
        assertEquals(0.75, r.microRecall(), EPS);
        assertEquals(0.75, r.microF1(), EPS);
        assertEquals(6, r.perClass().get(1).support());
    }

    @Test
    void neverPredictedClassHasZeroPrecisionAndStaysInTheMacroMean() {
        ConfusionMatrix m = new ConfusionMatrix(2).add(0, 0).add(0, 0).add(1, 0);
        ClassificationMetrics r = ClassificationMetrics.of(m, List.of("neg", "pos"), Double.NaN);
        assertEquals(0.0, r.perClass().get(1).precision(), EPS);
        assertEquals(0.0, r.perClass().get(1).f1(), EPS);
        assertEquals((2.0 / 3 + 0) / 2, r.macroPrecision(), EPS);
        assertEquals(0.8 / 2, r.macroF1(), EPS); // class 0: P 2/3, R 1 -> F1 0.8
    }

    @Test
    void mergingPartitionMatricesEqualsCountingAllAtOnce() {
        ConfusionMatrix p1 = new ConfusionMatrix(3).add(0, 0).add(1, 2);
        ConfusionMatrix p2 = new ConfusionMatrix(3).add(2, 2).add(1, 2).add(0, 1);
        ConfusionMatrix all = new ConfusionMatrix(3).add(0, 0).add(1, 2).add(2, 2).add(1, 2).add(0, 1);
        assertArrayEquals(all.toArray(), p1.merge(p2).toArray());
        assertThrows(IllegalArgumentException.class, () -> p1.merge(new ConfusionMatrix(2)));
    }

    @Test
    void flattenNamesEveryMetric() {
        ClassificationMetrics r = ClassificationMetrics.of(example(), List.of("a", "b", "c"), 0.5);
        assertEquals(0.75, r.flatten().get("accuracy"), EPS);
        assertEquals(0.5, r.flatten().get("auc"), EPS);
        assertEquals(0.6, r.flatten().get("f1.b"), EPS);
        assertTrue(r.flatten().containsKey("recall.macro"));
    }

    @Test
    void aucIsTheProbabilityAPositiveOutranksANegative() {
        // positives 0.35, 0.8; negatives 0.1, 0.4: pairs (0.35>0.1) (0.35<0.4) (0.8>0.1) (0.8>0.4) -> 3/4
        assertEquals(0.75, RocAuc.of(new double[]{0.1, 0.4, 0.35, 0.8}, new boolean[]{false, false, true, true}), EPS);
    }

    @Test
    void aucCountsTiesAsOneHalf() {
        // positive 0.5 ties negative 0.5 (1/2) and beats 0.2 (1): (1.5 + 2) / 4 with positive 0.9
        assertEquals(3.5 / 4, RocAuc.of(new double[]{0.5, 0.5, 0.2, 0.9},
                new boolean[]{true, false, false, true}), EPS);
        assertEquals(0.5, RocAuc.of(new double[]{0.3, 0.3}, new boolean[]{true, false}), EPS);
    }

    @Test
    void aucIsNaNWithoutBothClasses() {
        assertTrue(Double.isNaN(RocAuc.of(new double[]{0.1, 0.2}, new boolean[]{true, true})));
    }
}
