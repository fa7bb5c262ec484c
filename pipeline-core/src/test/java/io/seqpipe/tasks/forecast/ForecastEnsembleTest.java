package io.seqpipe.tasks.forecast;

import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.forecast.QuantileForecast;
import io.seqpipe.forecast.QuantileLevels;
import io.seqpipe.tasks.Tasks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train.ensemble}: the members' seeds, the key's bounds, and how the members' forecasts are combined. */
class ForecastEnsembleTest {

    @Test
    void theMedianIsTakenPerHorizonStepAndTarget() {
        // three members, H = 2 steps, K = 2 targets
        double[][] a = {{1, 10}, {5, -2}};
        double[][] b = {{3, 30}, {4, -1}};
        double[][] c = {{2, 20}, {9, -9}};
        assertArrayEquals(new double[][]{{2, 20}, {5, -2}}, ForecastMedian.of(List.<double[][]>of(a, b, c)));
        // an even count takes the mean of the middle two: {1, 3, 2, 8} -> (2 + 3) / 2
        double[][] d = {{8, 0}, {0, 0}};
        assertArrayEquals(new double[][]{{2.5, 15}, {4.5, -1.5}}, ForecastMedian.of(List.<double[][]>of(a, b, c, d)));
        // two members: their mean
        assertArrayEquals(new double[][]{{2, 20}, {4.5, -1.5}}, ForecastMedian.of(List.<double[][]>of(a, b)));
        // the members' forecasts are left as they were
        assertArrayEquals(new double[][]{{1, 10}, {5, -2}}, a);
    }

    @Test
    void quantileForecastersAreCombinedPerLevelWithOrderedLevelsAndTheMedianLevelAsPoint() {
        QuantileLevels levels = QuantileLevels.of(0.1, 0.5, 0.9);
        // three members, H = 2 steps, K = 1 target, levels [q][h][k]; member c's raw levels cross at step 0
        QuantileForecast a = new QuantileForecast(new double[][]{{2}, {20}},
                new double[][][]{{{1}, {10}}, {{2}, {20}}, {{3}, {30}}});
        QuantileForecast b = new QuantileForecast(new double[][]{{6}, {21}},
                new double[][][]{{{5}, {11}}, {{6}, {21}}, {{7}, {31}}});
        QuantileForecast c = new QuantileForecast(new double[][]{{0}, {19}},
                new double[][][]{{{9}, {9}}, {{0}, {19}}, {{4}, {29}}});
        QuantileForecast combined = ForecastMedian.ofQuantiles(List.of(a, b, c), levels);
        // element-wise medians per level: 0.1 {5, 10}, 0.5 {2, 20}, 0.9 {4, 30}; step 0 sorted to 2 <= 4 <= 5
        assertArrayEquals(new double[][][]{{{2}, {10}}, {{4}, {20}}, {{5}, {30}}}, combined.quantiles());
        assertArrayEquals(new double[][]{{4}, {20}}, combined.point(), "the point forecast is the median level");
        for (int h = 0; h < 2; h++) {
            assertTrue(combined.quantiles()[0][h][0] <= combined.quantiles()[1][h][0]
                    && combined.quantiles()[1][h][0] <= combined.quantiles()[2][h][0], "step " + h);
        }
        combined.point()[0][0] = -1;
        assertEquals(4, combined.quantiles()[1][0][0], 0.0, "the point forecast is a copy of the median level");
        // the members' forecasts are left as they were
        assertArrayEquals(new double[][][]{{{9}, {9}}, {{0}, {19}}, {{4}, {29}}}, c.quantiles());
        // point forecasters: the median of the point forecasts, no levels
        QuantileForecast points = ForecastMedian.ofQuantiles(List.of(new QuantileForecast(new double[][]{{1}}, null),
                new QuantileForecast(new double[][]{{3}}, null), new QuantileForecast(new double[][]{{8}}, null)),
                QuantileLevels.NONE);
        assertArrayEquals(new double[][]{{3}}, points.point());
        assertNull(points.quantiles());
        assertEquals("member 1's forecast has 0 quantile levels, expected 3", assertThrows(
                IllegalArgumentException.class, () -> ForecastMedian.ofQuantiles(List.of(a,
                        new QuantileForecast(new double[][]{{1}, {2}}, null)), levels)).getMessage());
    }

    @Test
    void oneMembersForecastIsReturnedUnchanged() {
        double[][] only = {{1.25, Double.NaN}};
        assertSame(only, ForecastMedian.of(List.<double[][]>of(only)));
    }

    @Test
    void forecastsOfAnotherShapeAreRefused() {
        assertEquals("member 1's forecast has another shape than member 0's", assertThrows(
                IllegalArgumentException.class, () -> ForecastMedian.of(List.<double[][]>of(new double[][]{{1, 2}},
                        new double[][]{{1}}))).getMessage());
    }

    @Test
    void oneNetworkByDefaultAndMemberIHasSeedPlusI() {
        assertEquals(1, EvaluateBaselinesConfigTest.config().ensemble());
        ForecastTaskConfig cfg = EvaluateBaselinesConfigTest.config("train.ensemble=3", "train.seed=7");
        assertEquals(3, cfg.ensemble());
        for (int i = 0; i < 3; i++) {
            ForecastTaskConfig member = cfg.member(i);
            assertEquals(7 + i, member.train().seed());
            assertEquals(7 + i, member.optimizer().seed(), "the weights' initialization too");
            assertEquals(cfg.train().epochs(), member.train().epochs());
            assertEquals(cfg.model(), member.model());
        }
    }

    @Test
    void theKeyIsBoundedAndOnlyTheForecastAndSentimentTasksHaveIt() {
        assertEquals("train.ensemble must be in [1, 100], got 0", assertThrows(InvalidConfigException.class,
                () -> EvaluateBaselinesConfigTest.config("train.ensemble=0")).getMessage());
        String message = assertThrows(RuntimeException.class, () -> Tasks.create(Tasks.resolve(null, List.of(
                "task=ner", "train.ensemble=2")))).getMessage();
        assertEquals("config key 'train.ensemble' is not supported by task ner (it is a key of: forecast, sentiment)",
                message);
    }
}
