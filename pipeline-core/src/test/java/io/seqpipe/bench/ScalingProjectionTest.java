package io.seqpipe.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cost model's arithmetic against hand-computed values (no Spark, no timing). */
class ScalingProjectionTest {
    private static final TreeMap<Integer, Double> EXAMPLES = new TreeMap<>(Map.of(1, 1000.0, 2, 1100.0, 4, 1200.0,
            8, 1400.0));

    @Test
    void fixedCostIsLinearInKPAndTheirProduct() {
        ScalingProjection.FixedCost f = new ScalingProjection.FixedCost(0.02, 0.005, 1e-8, 2e-9);
        // 0.02 + 0.005·4 + 1e-8·1e6 + 2e-9·1e6·4
        assertEquals(0.058, f.seconds(1e6, 4), 1e-12);
    }

    @Test
    void theFitRecoversTheCoefficientsOfExactData() {
        double[] p = new double[16];
        int[] k = new int[16];
        double[] y = new double[16];
        int i = 0;
        for (double params : new double[]{1e4, 1e5, 1e6, 5e6}) {
            for (int workers : new int[]{1, 2, 4, 8}) {
                p[i] = params;
                k[i] = workers;
                y[i] = 0.02 + 0.005 * workers + 1e-8 * params + 2e-9 * params * workers;
                i++;
            }
        }
        ScalingProjection.FixedCost f = ScalingProjection.FixedCost.fit(p, k, y);
        assertEquals(0.02, f.a(), 1e-10);
        assertEquals(0.005, f.b(), 1e-11);
        assertEquals(1e-8, f.c(), 1e-16);
        assertEquals(2e-9, f.d(), 1e-17);
    }

    @Test
    void theFitNeedsFourDistinctPoints() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                ScalingProjection.FixedCost.fit(new double[]{1e4, 1e5, 1e6}, new int[]{8, 8, 8},
                        new double[]{0.1, 0.2, 0.3}));
        assertTrue(e.getMessage().contains("4 distinct"), e.getMessage());
    }

    @Test
    void treeAggregateShufflesOnlyWhenItSavesTheDriverWork() {
        assertEquals(List.of(4), ScalingProjection.treeAggregateLevels(4));
        assertEquals(List.of(8, 2), ScalingProjection.treeAggregateLevels(8)); // scale 3: 8 > 3 + 3
        assertEquals(List.of(64, 8), ScalingProjection.treeAggregateLevels(64));
        assertEquals(List.of(1000, 31), ScalingProjection.treeAggregateLevels(1000));
    }

    @Test
    void networkCountsTheBroadcastTheShuffleAndTheDriversReceives() {
        // 1e6 floats = 4 MB = 0.01 s at 4e8 B/s; k = 8: broadcast 1 + reducer ceil(8/2) = 4 + driver 2 = 7 copies
        assertEquals(0.07, ScalingProjection.networkSeconds(1e6, 8, 4e8), 1e-12);
        // k = 4: no shuffle, broadcast 1 + driver 4
        assertEquals(0.05, ScalingProjection.networkSeconds(1e6, 4, 4e8), 1e-12);
    }

    @Test
    void examplesNeededInterpolatesInLog2KAndCarriesTheLastSlopeOn() {
        assertEquals(1200.0, ScalingProjection.examplesNeeded(EXAMPLES, 4), 0);
        // between k = 2 and 4: 1100 + 100·(log2 3 − 1)
        assertEquals(1100 + 100 * (Math.log(3) / Math.log(2) - 1), ScalingProjection.examplesNeeded(EXAMPLES, 3),
                1e-9);
        // beyond 8: +200 per doubling
        assertEquals(1600.0, ScalingProjection.examplesNeeded(EXAMPLES, 16), 1e-9);
        assertEquals(1800.0, ScalingProjection.examplesNeeded(EXAMPLES, 32), 1e-9);
        assertTrue(ScalingProjection.extrapolated(EXAMPLES, 16));
        assertFalse(ScalingProjection.extrapolated(EXAMPLES, 8));
    }

    private static ScalingProjection.Inputs inputs() {
        return new ScalingProjection.Inputs(new ScalingProjection.FixedCost(0.02, 0.005, 0, 0), 1e6, 0.06, 1.25, 5, 32,
                3e6, 1.2e9, EXAMPLES);
    }

    @Test
    void aProjectedPointAddsFixedNetworkAndContendedCompute() {
        ScalingProjection.Point p = ScalingProjection.project(inputs(), 2, 4, true);
        assertEquals(8, p.workers());
        assertEquals(0.06, p.fixedSeconds(), 1e-12);            // 0.02 + 0.005·8
        assertEquals(0.07, p.networkSeconds(), 1e-12);          // 12 MB · 7 copies / 1.2e9 B/s
        assertEquals(0.375, p.computeSeconds(), 1e-12);         // 5 · 0.06 · 1.25
        assertEquals(0.505, p.roundSeconds(), 1e-12);
        assertEquals(1.09375, p.rounds(), 1e-12);               // 1400 / (8·5·32)
        assertEquals(0.55234375, p.secondsToTarget(), 1e-12);
        // one node of one core: 1000 / (5·32) = 6.25 rounds of 0.025 + 0.02 (2 copies) + 0.3 = 2.15625 s
        assertEquals(2.15625 / 0.55234375, p.speedUp(), 1e-9);
        assertEquals(2.15625 / 0.55234375 / 8, p.efficiency(), 1e-9);
    }

    @Test
    void theOverheadReachesTheComputeWhereHandComputed() {
        // no network: 0.02 + 0.005·k ≥ 5·0.06 = 0.3 from k = 56
        assertEquals(56, ScalingProjection.overheadEqualsCompute(inputs(), 1, false, 4096));
        // with the network term 12 MB per copy at 1.2 GB/s (0.01 s a copy): from k = 31
        assertEquals(31, ScalingProjection.overheadEqualsCompute(inputs(), 1, true, 4096));
        assertEquals(-1, ScalingProjection.overheadEqualsCompute(inputs(), 1, false, 50));
    }

    @Test
    void anEpochIsThePlanAndWholeRounds() {
        // ceil(1280 / (2·5·32)) = 4 rounds of 0.03 + 5·0.06·1.25 = 0.405 s, plus a 0.2 s plan
        assertEquals(1.82, ScalingProjection.epochSeconds(inputs(), 1280, 2, 2, 0.2, false), 1e-12);
    }

    @Test
    void trainingTakesAtLeastOneRound() {
        // k = 64: 2000 examples (1400 + 3 doublings of 200) are 0.195 of a round of 64·5·32; counted as one round
        ScalingProjection.Point p = ScalingProjection.project(inputs(), 64, 1, true);
        assertEquals(2000.0, p.examplesNeeded(), 1e-9);
        assertEquals(1.0, p.rounds(), 0);
        assertEquals(p.roundSeconds(), p.secondsToTarget(), 0);
    }

    @Test
    void efficiencyFallsBelowHalfWhereHandComputed() {
        // k = 8: 1.09375 rounds of 0.06 + 0.07 + 0.3 = 0.4703 s, speed-up 4.58, efficiency 0.57;
        // k = 16: one round of 0.1 + 0.09 (levels 16 -> 4: 1 + 4 + 4 copies) + 0.3 = 0.49 s, efficiency 0.275
        assertEquals(16, ScalingProjection.efficiencyBelow(inputs(), 1, true, 4096, 0.5));
        assertEquals(0.43, ScalingProjection.project(inputs(), 8, 1, true).roundSeconds(), 1e-12);
        assertEquals(-1, ScalingProjection.efficiencyBelow(inputs(), 1, true, 8, 0.5));
    }
}
