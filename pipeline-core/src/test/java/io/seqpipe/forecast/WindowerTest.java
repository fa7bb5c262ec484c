package io.seqpipe.forecast;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowerTest {

    /** Unscaled univariate features of {@code 0, 1, 2, ... n-1} (value = step index, so windows are easy to read). */
    static SeriesFeatures ramp(String key, int n) {
        return ramp(key, n, 0);
    }

    static SeriesFeatures ramp(String key, int n, double base) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = base + i;
        }
        return features(TimeSeries.ofValues(key, v));
    }

    static SeriesFeatures features(TimeSeries s) {
        FittedScaler identity = new FittedScaler(ScalingConfig.Method.NONE, ScalingConfig.Scope.GLOBAL,
                List.of("y"), List.of(ColumnScaling.IDENTITY), Map.of());
        return new FeatureAssembler(List.of("y"), List.of("y"), identity, CategoryEncoder.empty(List.of()))
                .assemble(s);
    }

    static List<Integer> firstTargets(Windower.Result r) {
        return r.windows().stream().map(ForecastWindow::firstTargetStep).toList();
    }

    @Test
    void seriesShorterThanLookbackPlusHorizonGivesNoWindowsAndIsCounted() {
        Windower w = new Windower(new WindowSpec(3, 2, 1, List.of("y")));
        Windower.Result r = w.windows(ramp("k", 4), new SeriesSplit("k", 4, 4, 4));
        assertEquals(List.of(), r.windows());
        assertEquals(new WindowingSummary(1, 1, 0, 0, 0, 0), r.summary());
    }

    @Test
    void exactlyLookbackPlusHorizonGivesOneWindowWithInputsBeforeTargets() {
        Windower w = new Windower(new WindowSpec(3, 2, 1, List.of("y")));
        Windower.Result r = w.windows(ramp("k", 5), new SeriesSplit("k", 5, 5, 5));
        assertEquals(1, r.windows().size());
        ForecastWindow only = r.windows().get(0);
        assertArrayEquals(new float[][]{{0}, {1}, {2}}, only.inputs());
        assertArrayEquals(new float[][]{{3}, {4}}, only.targets());
        assertArrayEquals(new double[][]{{3}, {4}}, only.actuals());
        assertEquals(3, only.firstTargetStep());
        assertEquals(SplitPart.TRAIN, only.part());
        assertNull(only.firstTargetTime());
    }

    @Test
    void strideSpacesTheFirstTargets() {
        Windower w = new Windower(new WindowSpec(2, 1, 3, List.of("y")));
        Windower.Result r = w.windows(ramp("k", 10), new SeriesSplit("k", 10, 10, 10));
        assertEquals(List.of(2, 5, 8), firstTargets(r));
        assertArrayEquals(new float[][]{{6}, {7}}, r.windows().get(2).inputs());
    }

    @Test
    void aWindowBelongsToThePartOfAllItsTargetsAndItsLookbackMayReachBack() {
        // train [0,6), validation [6,8), test [8,12); L = 3, H = 2
        Windower w = new Windower(new WindowSpec(3, 2, 1, List.of("y")));
        Windower.Result r = w.windows(ramp("k", 12), new SeriesSplit("k", 12, 6, 8));
        assertEquals(List.of(3, 4, 6, 8, 9, 10), firstTargets(r));
        assertEquals(List.of(SplitPart.TRAIN, SplitPart.TRAIN, SplitPart.VALIDATION, SplitPart.TEST, SplitPart.TEST,
                SplitPart.TEST), r.windows().stream().map(ForecastWindow::part).toList());
        assertEquals(new WindowingSummary(1, 0, 2, 1, 3, 2), r.summary(), "windows at 5 and 7 straddle a boundary");
        ForecastWindow firstTest = r.windows().get(3);
        assertArrayEquals(new float[][]{{5}, {6}, {7}}, firstTest.inputs(), "lookback from train and validation");
        for (ForecastWindow win : r.windows()) {
            int start = new SeriesSplit("k", 12, 6, 8).start(win.part());
            int end = new SeriesSplit("k", 12, 6, 8).end(win.part());
            for (double[] a : win.actuals()) {
                assertTrue(a[0] >= start && a[0] < end, "every target step is inside the window's part");
            }
        }
    }

    @Test
    void windowsNeverCrossSeriesKeys() {
        Windower w = new Windower(new WindowSpec(2, 1, 1, List.of("y")));
        List<ForecastWindow> all = new ArrayList<>();
        WindowingSummary total = WindowingSummary.EMPTY;
        for (String key : List.of("a", "b", "c")) {
            int n = key.equals("c") ? 2 : 4;
            double base = key.equals("a") ? 100 : 200;
            Windower.Result r = w.windows(ramp(key, n, base), new SeriesSplit(key, n, n, n));
            all.addAll(r.windows());
            total = total.plus(r.summary());
        }
        assertEquals(new WindowingSummary(3, 1, 4, 0, 0, 0), total);
        for (ForecastWindow win : all) {
            double base = win.key().equals("a") ? 100 : 200;
            assertEquals(base + win.firstTargetStep() - 2, win.inputs()[0][0], "inputs come from the window's own key");
            assertEquals(base + win.firstTargetStep(), win.actuals()[0][0], "targets too");
        }
        assertEquals(List.of("a", "a", "b", "b"), all.stream().map(ForecastWindow::key).toList());
    }

    @Test
    void multipleTargetsAndCategoriesShapeTheArrays() {
        LocalDateTime t0 = LocalDateTime.of(2020, 1, 1, 0, 0);
        LocalDateTime[] times = {t0, t0.plusHours(1), t0.plusHours(2), t0.plusHours(3)};
        double[][] values = {{1, 10, 100}, {2, 20, 200}, {3, 30, 300}, {4, 40, 400}};
        String[][] cats = {{"NE"}, {"SE"}, {"NE"}, {"cv"}};
        TimeSeries s = new TimeSeries("k", times, values, cats, new SeriesFrequency(1, java.time.temporal.ChronoUnit.HOURS));
        SeriesSplit split = new SeriesSplit("k", 4, 3, 3);
        FittedScaler scaler = new ScalerFitter(new ScalingConfig(ScalingConfig.Method.NONE, ScalingConfig.Scope.GLOBAL),
                List.of("a", "b", "c")).observeTraining(s, split).fit();
        FeatureAssembler assembler = new FeatureAssembler(List.of("a", "b", "c"), List.of("c", "a"), scaler,
                CategoryEncoder.learn(List.of("wind"), s, split));
        assertEquals(List.of("a", "b", "c", "wind=NE", "wind=SE"), assembler.featureNames());
        SeriesFeatures f = assembler.assemble(s);
        assertEquals(1, f.unseenCategoryValues(), "cv appears only after the training part");
        Windower.Result r = new Windower(new WindowSpec(2, 2, 1, List.of("c", "a"))).windows(f, new SeriesSplit("k", 4, 4, 4));
        ForecastWindow win = r.windows().get(0);
        assertArrayEquals(new float[][]{{1, 10, 100, 1, 0}, {2, 20, 200, 0, 1}}, win.inputs());
        assertArrayEquals(new float[][]{{300, 3}, {400, 4}}, win.targets());
        assertArrayEquals(new float[]{300, 3, 400, 4}, win.targetVector());
        assertEquals(t0.plusHours(2), win.firstTargetTime());
        assertArrayEquals(new double[][]{{300, 3}, {400, 4}}, assembler.toOriginalUnits("k", win.targetVector()));
    }

    @Test
    void latestInputsAreTheLastLookbackSteps() {
        Windower w = new Windower(new WindowSpec(3, 5, 1, List.of("y")));
        assertArrayEquals(new float[][]{{4}, {5}, {6}}, w.latestInputs(ramp("k", 7)));
        assertNull(w.latestInputs(ramp("k", 2)));
    }
}
