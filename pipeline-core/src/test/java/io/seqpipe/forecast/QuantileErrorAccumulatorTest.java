package io.seqpipe.forecast;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Quantile loss and coverage on hand-computed values: four actuals over two horizon steps, forecast at 0.1, 0.5 and
 * 0.9. Pinball {@code ρ_q(A, F) = q·(A − F)} when {@code A >= F}, else {@code (q − 1)·(A − F)}:
 * <pre>
 *   step  A    F0.1  F0.5  F0.9   ρ0.1   ρ0.5   ρ0.9   A <= F (0.1 0.5 0.9)   in [F0.1, F0.9]
 *   1     10   8     11    13     0.2    0.5    0.3    no  yes yes             yes
 *   1     20   21    22    25     0.9    1.0    0.5    yes yes yes             no  (below)
 *   2     5    1     2     4      0.4    1.5    0.9    no  no  no              no  (above)
 *   2     3    3     3.5   6      0      0.25   0.3    yes yes yes             yes (on the lower bound)
 * </pre>
 */
class QuantileErrorAccumulatorTest {
    static final QuantileLevels LEVELS = QuantileLevels.of(0.1, 0.5, 0.9);

    static void addSteps1(QuantileErrorAccumulator acc) {
        acc.add(0, 10, new double[]{8, 11, 13});
        acc.add(0, 20, new double[]{21, 22, 25});
    }

    static void addSteps2(QuantileErrorAccumulator acc) {
        acc.add(1, 5, new double[]{1, 2, 4});
        acc.add(1, 3, new double[]{3, 3.5, 6});
    }

    @Test
    void quantileLossAndCoverageOnHandComputedValues() {
        QuantileErrorAccumulator acc = new QuantileErrorAccumulator(LEVELS, 2);
        addSteps1(acc);
        addSteps2(acc);
        QuantileMetrics all = acc.overall();
        assertEquals(4, all.count());
        assertEquals(List.of("0.1", "0.5", "0.9"), List.copyOf(all.pinball().keySet()));
        assertEquals(1.5 / 4, all.pinball().get("0.1"), 1e-12);
        assertEquals(3.25 / 4, all.pinball().get("0.5"), 1e-12);
        assertEquals(2.0 / 4, all.pinball().get("0.9"), 1e-12);
        assertEquals((0.375 + 0.8125 + 0.5) / 3, all.meanPinball(), 1e-12);
        assertEquals(Map.of("0.1", 0.5, "0.5", 0.75, "0.9", 0.75), all.below());
        QuantileMetrics.Coverage c = all.intervals().get("0.1-0.9");
        assertEquals(0.8, c.nominal(), 1e-12);
        assertEquals(0.5, c.coverage(), 0.0);

        QuantileMetrics step1 = acc.step(0);
        assertEquals(2, step1.count());
        assertEquals(0.55, step1.pinball().get("0.1"), 1e-12);
        assertEquals(0.75, step1.pinball().get("0.5"), 1e-12);
        assertEquals(0.4, step1.pinball().get("0.9"), 1e-12);
        assertEquals(1.7 / 3, step1.meanPinball(), 1e-12);
        assertEquals(0.5, step1.intervals().get("0.1-0.9").coverage(), 0.0);
        QuantileMetrics step2 = acc.perStep().get(1);
        assertEquals(0.2, step2.pinball().get("0.1"), 1e-12);
        assertEquals(0.875, step2.pinball().get("0.5"), 1e-12);
        assertEquals(0.6, step2.pinball().get("0.9"), 1e-12);
        assertEquals(Map.of("0.1", 0.5, "0.5", 0.5, "0.9", 0.5), step2.below());
    }

    @Test
    void partialsMergeToTheSameMetricsAndAnEmptyOneIsNaN() {
        QuantileErrorAccumulator a = new QuantileErrorAccumulator(LEVELS, 2);
        QuantileErrorAccumulator b = new QuantileErrorAccumulator(LEVELS, 2);
        addSteps1(a);
        addSteps2(b);
        assertEquals(Double.NaN, new QuantileErrorAccumulator(LEVELS, 2).overall().meanPinball());
        QuantileMetrics merged = a.merge(b).overall();
        assertEquals(0.5625, merged.meanPinball(), 1e-12);
        assertEquals(0.5, merged.intervals().get("0.1-0.9").coverage(), 0.0);
        assertThrows(IllegalArgumentException.class,
                () -> a.merge(new QuantileErrorAccumulator(QuantileLevels.of(0.5), 2)));
    }

    @Test
    void theMedianLevelsPinballIsHalfTheAbsoluteError() {
        assertEquals(0.5 * 3, QuantileErrorAccumulator.pinball(0.5, 10, 13), 1e-12);
        assertEquals(0.5 * 3, QuantileErrorAccumulator.pinball(0.5, 13, 10), 1e-12);
        assertEquals(0.9 * 3, QuantileErrorAccumulator.pinball(0.9, 13, 10), 1e-12, "under-forecast at 0.9");
        assertEquals(0.1 * 3, QuantileErrorAccumulator.pinball(0.9, 10, 13), 1e-12, "over-forecast at 0.9");
    }

    @Test
    void anEvaluationSplitsWindowsIntoTargetsAndSteps() {
        // two targets; target a gets the table's values, target b is always inside and exact at the median
        QuantileEvaluation e = new QuantileEvaluation(List.of("a", "b"), LEVELS, 2);
        e.add(new double[][]{{10, 1}, {5, 1}}, new double[][][]{{{8, 0}, {1, 0}}, {{11, 1}, {2, 1}},
                {{13, 2}, {4, 2}}});
        e.add(new double[][]{{20, 1}, {3, 1}}, new double[][][]{{{21, 0}, {3, 0}}, {{22, 1}, {3.5, 1}},
                {{25, 2}, {6, 2}}});
        var report = e.report();
        assertEquals(0.5625, report.get("a").overall().meanPinball(), 1e-12);
        assertEquals(0.5, report.get("a").overall().intervals().get("0.1-0.9").coverage(), 0.0);
        assertEquals(1.0, report.get("b").overall().intervals().get("0.1-0.9").coverage(), 0.0);
        assertEquals((0.1 + 0 + 0.1) / 3, report.get("b").perStep().get(1).meanPinball(), 1e-12);
        assertEquals(2, report.get("b").perStep().size());
    }
}
