package io.seqpipe.forecast;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForecastMetricsTest {
    static final double EPS = 1e-9;

    /** Key a (MASE scale 2): A = [2, 4], F = [3, 2]. Key b (scale undefined): A = [0, 10], F = [0, 5]. */
    static ForecastEvaluation handCase() {
        return new ForecastEvaluation(List.of("y"), 2)
                .add("a", new double[][]{{2}, {4}}, new double[][]{{3}, {2}}, new double[]{2})
                .add("b", new double[][]{{0}, {10}}, new double[][]{{0}, {5}}, new double[]{Double.NaN});
    }

    @Test
    void overallMetricsMatchTheHandComputation() {
        ForecastMetrics all = handCase().report().get("y").overall().overall();
        assertEquals(4, all.count());
        assertEquals(Math.sqrt((1 + 4 + 0 + 25) / 4.0), all.rmse(), EPS);
        assertEquals((1 + 2 + 0 + 5) / 4.0, all.mae(), EPS);
        assertEquals((50 + 50 + 50) / 3.0, all.mape(), EPS, "the zero actual is left out");
        assertEquals(1, all.mapeSkippedZeros());
        assertEquals((200 * 1 / 5.0 + 200 * 2 / 6.0 + 0 + 200 * 5 / 15.0) / 4, all.smape(), EPS,
                "A = F = 0 counts as 0");
        assertEquals((1 / 2.0 + 2 / 2.0) / 2, all.mase(), EPS, "only key a has a MASE scale");
        assertEquals(2, all.maseSkipped());
    }

    @Test
    void perStepAndPerKeyMetricsMatchTheHandComputation() {
        ForecastEvaluation.TargetMetrics y = handCase().report().get("y");
        ForecastMetrics step1 = y.overall().perStep().get(0);
        assertEquals(Math.sqrt(1 / 2.0), step1.rmse(), EPS);
        assertEquals(0.5, step1.mae(), EPS);
        assertEquals(50, step1.mape(), EPS);
        assertEquals(20, step1.smape(), EPS);
        assertEquals(0.5, step1.mase(), EPS);
        ForecastMetrics step2 = y.overall().perStep().get(1);
        assertEquals(Math.sqrt(29 / 2.0), step2.rmse(), EPS);
        assertEquals(3.5, step2.mae(), EPS);
        assertEquals(1.0, step2.mase(), EPS);
        ForecastMetrics a = y.perKey().get("a").overall();
        assertEquals(Math.sqrt(5 / 2.0), a.rmse(), EPS);
        assertEquals(1.5, a.mae(), EPS);
        assertEquals((40 + 200 / 3.0) / 2, a.smape(), EPS);
        assertEquals(0.75, a.mase(), EPS);
        ForecastMetrics b = y.perKey().get("b").overall();
        assertTrue(Double.isNaN(b.mase()), "no scale, no MASE");
        assertEquals(List.of("a", "b"), List.copyOf(y.perKey().keySet()));
    }

    @Test
    void partitionsMergeIntoTheSameReport() {
        ForecastEvaluation left = new ForecastEvaluation(List.of("y"), 2)
                .add("a", new double[][]{{2}, {4}}, new double[][]{{3}, {2}}, new double[]{2});
        ForecastEvaluation right = new ForecastEvaluation(List.of("y"), 2)
                .add("b", new double[][]{{0}, {10}}, new double[][]{{0}, {5}}, new double[]{Double.NaN});
        assertEquals(handCase().report(), left.merge(right).report());
    }

    @Test
    void emptyAccumulatorGivesNaNNotZero() {
        ForecastMetrics none = new ForecastErrorAccumulator(3).overall();
        assertEquals(0, none.count());
        assertTrue(Double.isNaN(none.rmse()) && Double.isNaN(none.mape()) && Double.isNaN(none.mase()));
    }

    @Test
    void severalTargetsAreReportedSeparatelyInConfiguredOrder() {
        Map<String, ForecastEvaluation.TargetMetrics> r = new ForecastEvaluation(List.of("pm", "temp"), 1)
                .add("k", new double[][]{{10, 1}}, new double[][]{{12, 1}}, new double[]{1, 1}).report();
        assertEquals(List.of("pm", "temp"), List.copyOf(r.keySet()));
        assertEquals(2, r.get("pm").overall().overall().mae(), EPS);
        assertEquals(0, r.get("temp").overall().overall().mae(), EPS);
    }

    @Test
    void maseScaleIsTheInSampleSeasonalNaiveMae() {
        double[] y = {1, 3, 2, 5, 4, 100};
        assertEquals((2 + 1 + 3 + 1) / 4.0, MaseScale.inSample(y, 5, 1), EPS, "m = 1 is the naive scale");
        assertEquals((1 + 2 + 2) / 3.0, MaseScale.inSample(y, 5, 2), EPS, "the value after n is not used");
        assertTrue(Double.isNaN(MaseScale.inSample(y, 2, 2)));
        SeriesFeatures f = WindowerTest.features(TimeSeries.ofValues("k", y));
        assertEquals((1 + 2 + 2) / 3.0, MaseScale.ofTargets(f, new SeriesSplit("k", 6, 5, 5), 2)[0], EPS,
                "computed on the training part only");
    }
}
