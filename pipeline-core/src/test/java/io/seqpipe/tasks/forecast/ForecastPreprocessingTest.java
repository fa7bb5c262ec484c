package io.seqpipe.tasks.forecast;

import io.seqpipe.SeqPipeException;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.tasks.Tasks;
import io.seqpipe.forecast.CategoryEncoder;
import io.seqpipe.forecast.FittedScaler;
import io.seqpipe.forecast.FittedSeasonality;
import io.seqpipe.forecast.ForecastWindow;
import io.seqpipe.forecast.ScalerFitter;
import io.seqpipe.forecast.SeriesFeatures;
import io.seqpipe.forecast.SeriesSplit;
import io.seqpipe.forecast.TimeSeries;
import io.seqpipe.forecast.WindowNormalization;
import io.seqpipe.forecast.Windower;
import io.seqpipe.testing.JavaSerialization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network's view of windows (shapes, log1p, seasonal indices, differences, window level) and its exact inverse;
 * artifacts as JSON.
 */
class ForecastPreprocessingTest {

    static ForecastTaskConfig config(String... extra) {
        List<String> overrides = new java.util.ArrayList<>(List.of("task=forecast", "series.timestampFormat=none",
                "series.timestampColumns=[]", "series.valueColumns=[y, x]", "window.lookback=3", "window.horizon=2",
                "window.targetColumns=[y]", "split.train=0.6", "split.validation=0"));
        overrides.addAll(List.of(extra));
        return ForecastTaskConfig.from(Tasks.resolve(null, overrides));
    }

    static TimeSeries series() {
        double[][] values = new double[10][];
        for (int t = 0; t < 10; t++) {
            values[t] = new double[]{10 + 3 * t, 100 - t};
        }
        return new TimeSeries("s", null, values, new String[10][0], null);
    }

    static ForecastPreprocessing fitted(ForecastTaskConfig cfg, TimeSeries s, SeriesSplit split) {
        return TrainingFit.of(cfg.data(), cfg.transform(), s, split).preprocessing(cfg.data(), cfg.transform());
    }

    @Test
    void networkInputsAreFeaturesByStepsAndLabelsAreHTimesK() {
        ForecastTaskConfig cfg = config();
        TimeSeries s = series();
        SeriesSplit split = cfg.data().split().split(s);
        ForecastPreprocessing prep = fitted(cfg, s, split);
        SeriesFeatures f = prep.features(s);
        List<ForecastWindow> windows = new Windower(cfg.data().window()).windows(f, split).windows();
        WindowExample w = WindowExample.of(0, windows.get(0));
        DataSet batch = prep.minibatch(List.of(w, WindowExample.of(1, windows.get(1))));
        assertArrayEquals(new long[]{2, 2, 3}, batch.getFeatures().shape());
        assertArrayEquals(new long[]{2, 2}, batch.getLabels().shape());
        assertEquals(f.inputs()[2][1], batch.getFeatures().getFloat(0, 1, 2), 1e-6, "feature x at the last step");
        // a perfect network output (the scaled targets) maps back to the actuals
        double[][] back = prep.forecast(w, w.targets());
        assertEquals(10 + 3 * 3, back[0][0], 1e-4);
        assertEquals(10 + 3 * 4, back[1][0], 1e-4);
    }

    @Test
    void relativeToLastAndLog1pAreInvertedExactly() {
        ForecastTaskConfig cfg = config("transform.log1p=[y]", "transform.relativeToLast=true");
        TimeSeries s = series();
        SeriesSplit split = cfg.data().split().split(s);
        ForecastPreprocessing prep = fitted(cfg, s, split);
        SeriesFeatures f = prep.features(s);
        assertEquals(10 + 3 * 9, f.targets()[9][0], 1e-12, "targets stay in original units");
        ForecastWindow last = new Windower(cfg.data().window()).windows(f, split).windows().get(4);
        WindowExample w = WindowExample.of(0, last);
        INDArray inputs = prep.inputs(List.of(w));
        assertEquals(0, inputs.getFloat(0, 0, 2), 0, "the target column's last input step is the reference");
        INDArray labels = prep.labels(List.of(w));
        assertTrue(labels.getFloat(0, 0) > 0, "an increasing series gives positive relative labels");
        float[] perfect = labels.toFloatVector();
        double[][] back = prep.forecast(w, perfect);
        assertEquals(s.value(last.firstTargetStep(), 0), back[0][0], 1e-3);
        assertEquals(s.value(last.firstTargetStep() + 1, 0), back[1][0], 1e-3);
        JavaSerialization.roundTrip(prep);
    }

    @Test
    void quantileLevelsGiveOneOutputBlockPerLevelMappedBackAndSortedWithTheMedianAsPoint() {
        ForecastTaskConfig cfg = config("transform.log1p=[y]", "transform.relativeToLast=true",
                "model.quantiles=\"0.1, 0.5, 0.9\"");
        assertEquals(new io.seqpipe.model.PinballLoss(new double[]{0.1, 0.5, 0.9}), cfg.lossFunction());
        TimeSeries s = series();
        SeriesSplit split = cfg.data().split().split(s);
        FittedScaler scaler = new ScalerFitter(cfg.data().scaling(), cfg.data().series().valueColumns())
                .observeTraining(cfg.transform().apply(s), split).fit();
        ForecastPreprocessing prep = new ForecastPreprocessing(cfg.data(), cfg.transform(), scaler,
                CategoryEncoder.empty(List.of()), cfg.quantiles());
        assertEquals(2 * 3, prep.outputCount(), "H x K x Q");
        List<ForecastWindow> windows = new Windower(cfg.data().window()).windows(prep.features(s), split).windows();
        WindowExample w = WindowExample.of(0, windows.get(4));
        DataSet batch = prep.minibatch(List.of(w, WindowExample.of(1, windows.get(3))));
        assertArrayEquals(new long[]{2, 6}, batch.getLabels().shape());
        float[] labels = prep.labels(List.of(w)).toFloatVector();
        assertArrayEquals(new float[]{labels[0], labels[1], labels[0], labels[1], labels[0], labels[1]},
                batch.getLabels().getRow(0).toFloatVector(), "the labels repeated for each level's block");
        // blocks 0.1, 0.5, 0.9: the 0.1 block above the perfect output, the 0.9 block below it (crossing)
        float[] output = {labels[0] + 0.3f, labels[1] + 0.3f, labels[0], labels[1], labels[0] - 0.3f,
                labels[1] - 0.3f};
        io.seqpipe.forecast.QuantileForecast q = prep.quantileForecast(w, output);
        for (int h = 0; h < 2; h++) {
            double actual = s.value(w.firstTargetStep() + h, 0);
            assertEquals(actual, q.point()[h][0], 1e-3, "the median block is the point forecast");
            assertEquals(actual, q.quantiles()[1][h][0], 1e-3);
            assertTrue(q.quantiles()[0][h][0] < actual && actual < q.quantiles()[2][h][0], "sorted: no crossing");
            assertEquals(prep.forecast(w, java.util.Arrays.copyOfRange(output, 4, 6))[h][0], q.quantiles()[0][h][0],
                    1e-9, "the lowest forecast, mapped back like a point forecast, is the 0.1 level's");
        }
        assertArrayEquals(q.point(), prep.forecast(w, output), "the point forecast of a quantile output row");
        assertEquals(cfg.quantiles(), JavaSerialization.roundTrip(prep).quantiles());
    }

    @Test
    void log1pRefusesValuesItCannotTransformAndUnknownColumns() {
        ForecastTaskConfig cfg = config("transform.log1p=[x]");
        double[][] values = {{1, 2}, {1, -3}};
        TimeSeries bad = new TimeSeries("k", null, values, new String[2][0], null);
        SeqPipeException e = assertThrows(SeqPipeException.class, () -> cfg.transform().apply(bad));
        assertTrue(e.getMessage().contains("series 'k' step 1: column x = -3.0"), e.getMessage());
        InvalidConfigException c = assertThrows(InvalidConfigException.class, () -> config("transform.log1p=[z]"));
        assertEquals("transform.log1p must name columns of series.valueColumns [y, x], got 'z'", c.getMessage());
    }

    @Test
    void scalerAndCategoriesSurviveTheirJsonArtifacts() {
        ForecastTaskConfig cfg = config("scaling.scope=per-key", "scaling.method=minmax");
        TimeSeries s = series();
        FittedScaler scaler = new ScalerFitter(cfg.data().scaling(), cfg.data().series().valueColumns())
                .observeTraining(s, cfg.data().split().split(s)).fit();
        CategoryEncoder categories = new CategoryEncoder(List.of("wind"), List.of(List.of("NE", "cv")));
        FittedSeasonality seasonality = FittedSeasonality.fit(FittedSeasonality.Mode.MULTIPLICATIVE, 2,
                List.of("y"), new int[]{0}, s, cfg.data().split().split(s));
        var lines = ForecastArtifacts.lines(scaler, categories, seasonality);
        assertEquals(1, lines.get(ForecastArtifacts.SCALER).size(), "one JSON line");
        assertEquals(scaler, ForecastArtifacts.scaler(lines.get(ForecastArtifacts.SCALER)));
        assertEquals(categories, ForecastArtifacts.categories(lines.get(ForecastArtifacts.CATEGORIES)));
        assertEquals(seasonality, ForecastArtifacts.seasonality(lines.get(ForecastArtifacts.SEASONAL)));
        assertThrows(SeqPipeException.class, () -> ForecastArtifacts.scaler(List.of("{\"method\": 3")));
    }

    @Test
    void seasonalIndicesAreReadBackWithTheModelAndOlderArtifactsWithoutThemStillLoad() {
        ForecastTaskConfig cfg = config(SEASONAL_SETTINGS.toArray(String[]::new));
        ForecastTaskConfig seasonal = config(concat(SEASONAL_SETTINGS, "transform.seasonal=multiplicative"));
        TimeSeries s = seasonalSeries(40);
        SeriesSplit split = cfg.data().split().split(s);
        ForecastPreprocessing prep = fitted(seasonal, s, split);
        Map<String, List<String>> lines = ForecastArtifacts.lines(prep);
        ForecastPreprocessing back = ForecastArtifacts.preprocessing(seasonal.data(), seasonal.transform(),
                io.seqpipe.forecast.QuantileLevels.NONE, lines::get);
        assertEquals(prep.seasonality(), back.seasonality());
        assertEquals(prep.scaler(), back.scaler());
        Map<String, List<String>> older = Map.of(ForecastArtifacts.SCALER, lines.get(ForecastArtifacts.SCALER),
                ForecastArtifacts.CATEGORIES, lines.get(ForecastArtifacts.CATEGORIES));
        assertEquals(FittedSeasonality.none(List.of("y")),
                ForecastArtifacts.preprocessing(cfg.data(), cfg.transform(), io.seqpipe.forecast.QuantileLevels.NONE,
                        older::get).seasonality());
    }

    /** A longer series for the seasonal transforms: y trends up with a season of 4 whose swing grows with it. */
    static TimeSeries seasonalSeries(int n) {
        double[] profile = {0.8, 1.3, 1.1, 0.8};
        double[][] values = new double[n][];
        for (int t = 0; t < n; t++) {
            values[t] = new double[]{(50 + 2 * t + 3 * Math.sin(t)) * profile[t % 4], 100 - t};
        }
        return new TimeSeries("s", null, values, new String[n][0], null);
    }

    static final List<String> SEASONAL_SETTINGS = List.of("window.lookback=6", "window.horizon=3",
            "evaluation.seasonLength=4");

    static String[] concat(List<String> base, String... extra) {
        List<String> all = new java.util.ArrayList<>(base);
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }

    @Test
    void everyTransformCombinationIsInvertedExactly() {
        TimeSeries s = seasonalSeries(40);
        ForecastTaskConfig base = config(SEASONAL_SETTINGS.toArray(String[]::new));
        List<String> values = base.data().series().valueColumns();
        SeriesSplit split = base.data().split().split(s);
        int combinations = 0;
        for (List<String> log : List.of(List.<String>of(), List.of("y"))) {
            for (FittedSeasonality.Mode seasonal : FittedSeasonality.Mode.values()) {
                for (int lag : new int[]{0, 1, 4}) {
                    for (WindowNormalization.Level level : WindowNormalization.Level.values()) {
                        ValueTransform transform = new ValueTransform(values, log, seasonal, level, lag);
                        String name = "log1p " + log + ", seasonal " + seasonal + ", difference lag " + lag
                                + ", level " + level;
                        ForecastPreprocessing prep = TrainingFit.of(base.data(), transform, s, split)
                                .preprocessing(base.data(), transform);
                        assertInvertedExactly(base, transform, prep, s, name);
                        // the same through the network's (float) view of every window: labels back to actuals
                        for (ForecastWindow fw : new Windower(base.data().window()).windows(prep.features(s), split)
                                .windows()) {
                            WindowExample w = WindowExample.of(0, fw);
                            double[][] back = prep.forecast(w, prep.labels(List.of(w)).toFloatVector());
                            for (int h = 0; h < back.length; h++) {
                                double actual = s.value(w.firstTargetStep() + h, 0);
                                assertEquals(actual, back[h][0], 1e-5 * actual, name + " at " + w.firstTargetStep());
                            }
                        }
                        combinations++;
                    }
                }
            }
        }
        assertEquals(54, combinations);
        // the config keys give these records
        assertEquals(new ValueTransform(values, List.of("y"), FittedSeasonality.Mode.MULTIPLICATIVE,
                WindowNormalization.Level.MEAN, 4), config(concat(SEASONAL_SETTINGS, "transform.log1p=[y]",
                "transform.seasonal=multiplicative", "transform.level=mean", "transform.difference=1",
                "transform.differenceLag=4")).transform());
    }

    /**
     * Every step through log1p, the seasonal indices, the scaler and a window's differences and level (in double
     * precision, as {@link ForecastPreprocessing} composes them), then back: the original value within 1e-9.
     */
    private static void assertInvertedExactly(ForecastTaskConfig cfg, ValueTransform transform,
                                              ForecastPreprocessing prep, TimeSeries s, String name) {
        int[] y = {0};
        TimeSeries adjusted = prep.seasonality().remove(transform.apply(s), y);
        double[] scaled = new double[s.length()];
        for (int t = 0; t < scaled.length; t++) {
            scaled[t] = prep.scaler().scale("s", 0, adjusted.value(t, 0));
        }
        int l = cfg.data().window().lookback();
        int h = cfg.data().window().horizon();
        var normalization = transform.windowNormalization();
        for (int origin = l; origin + h <= s.length(); origin++) {
            double[] lookback = java.util.Arrays.copyOfRange(scaled, origin - l, origin);
            double[] future = java.util.Arrays.copyOfRange(scaled, origin, origin + h);
            double[] back = normalization.invert(lookback, normalization.labels(lookback, future));
            for (int j = 0; j < h; j++) {
                double v = prep.seasonality().restore("s", 0, origin + j, prep.scaler().inverse("s", 0, back[j]));
                assertEquals(s.value(origin + j, 0), transform.invert(0, v), 1e-9, name);
            }
        }
    }

    @Test
    void thePerfectForecastOfAPerfectlySeasonalMultiplicativeSeriesIsExact() {
        double[] profile = {0.8, 1.3, 1.1, 0.8};
        double[][] values = new double[40][];
        for (int t = 0; t < 40; t++) {
            values[t] = new double[]{200 * profile[t % 4], 7};
        }
        TimeSeries s = new TimeSeries("s", null, values, new String[40][0], null);
        ForecastTaskConfig cfg = config(concat(SEASONAL_SETTINGS, "transform.seasonal=multiplicative",
                "transform.level=last"));
        SeriesSplit split = cfg.data().split().split(s);
        ForecastPreprocessing prep = fitted(cfg, s, split);
        List<ForecastWindow> windows = new Windower(cfg.data().window()).windows(prep.features(s), split).windows();
        WindowExample test = WindowExample.of(0, windows.get(windows.size() - 1));
        assertTrue(test.firstTargetStep() >= 24, "a window of the test part");
        // the seasonally adjusted series is flat: a network that forecasts "no change" (0) is exactly right
        assertArrayEquals(new float[3], prep.labels(List.of(test)).toFloatVector(), 1e-6f);
        double[][] forecast = prep.forecast(test, new float[3]);
        for (int h = 0; h < 3; h++) {
            assertEquals(s.value(test.firstTargetStep() + h, 0), forecast[h][0], 1e-9);
        }
    }

    @Test
    void relativeToLastIsTheOlderNameOfLevelLast() {
        assertEquals(config("transform.level=last").transform(), config("transform.relativeToLast=true").transform());
        assertEquals(config("transform.level=last").transform(),
                config("transform.relativeToLast=true", "transform.level=last").transform());
        assertEquals(WindowNormalization.Level.NONE, config().transform().level());
    }

    @Test
    void badTransformSettingsAreRefusedNamingTheKey() {
        assertEquals("transform.seasonal = additive needs evaluation.seasonLength >= 2 (the season of its indices),"
                + " got 1", assertThrows(InvalidConfigException.class,
                () -> config("transform.seasonal=additive")).getMessage());
        assertEquals("transform.differenceLag must be < window.lookback = 3 (each window is differenced within its"
                + " lookback), got 3", assertThrows(InvalidConfigException.class,
                () -> config("transform.difference=1", "transform.differenceLag=3")).getMessage());
        assertEquals("transform.relativeToLast = true is transform.level = last; set transform.level alone, got"
                + " transform.level = mean", assertThrows(InvalidConfigException.class,
                () -> config("transform.relativeToLast=true", "transform.level=mean")).getMessage());
        assertEquals("transform.level must be one of none | last | mean, got 'first'",
                assertThrows(InvalidConfigException.class, () -> config("transform.level=first")).getMessage());
        assertEquals("transform.seasonal must be one of none | additive | multiplicative, got 'both'",
                assertThrows(InvalidConfigException.class, () -> config("transform.seasonal=both")).getMessage());
        assertEquals("transform.difference must be in [0, 1], got 2",
                assertThrows(InvalidConfigException.class, () -> config("transform.difference=2")).getMessage());
        // with difference = 0 the lag is unused and any lag in bounds is accepted
        assertEquals(0, config("transform.differenceLag=12").transform().differenceLag());
    }

    @Test
    void trainRefusesWindowsPreparedWithOtherDataSettings() {
        var a = config().resolved();
        var b = config("window.lookback=4").resolved();
        TrainForecaster.requireSameData(a, a, new org.apache.hadoop.fs.Path("/p"));
        SeqPipeException e = assertThrows(SeqPipeException.class,
                () -> TrainForecaster.requireSameData(b, a, new org.apache.hadoop.fs.Path("/p")));
        assertTrue(e.getMessage().startsWith("the window.* settings differ from those /p was prepared with"),
                e.getMessage());
    }

    @Test
    void quarterlyTimestampsAndAmbiguousPatternsAreSettledWhenTheTaskConfigIsRead() {
        ForecastTaskConfig quarterly = config("series.timestampFormat=\"yyyy-'Q'Q\"", "series.timestampColumns=[t]",
                "split.mode=timestamp", "split.testStart=1985-Q1", "score.rollingFrom=1985-Q2");
        assertEquals(java.time.LocalDateTime.of(1985, 1, 1, 0, 0), quarterly.data().split().testStart());
        assertEquals(java.time.LocalDateTime.of(1985, 4, 1, 0, 0),
                ScoreForecaster.startOf(quarterly.rollingFrom(), quarterly.data()).time());
        InvalidConfigException twelveHour = assertThrows(InvalidConfigException.class, () -> config(
                "series.timestampFormat=\"yyyy-MM-dd hh:mm\"", "series.timestampColumns=[t]"));
        assertTrue(twelveHour.getMessage().startsWith("series.timestampFormat 'yyyy-MM-dd hh:mm' does not name one"
                + " timestamp: the 12-hour clock (h or K) has no am/pm marker (a)"), twelveHour.getMessage());
    }
}
