package io.seqpipe.tasks.forecast;

import io.seqpipe.io.Json;
import io.seqpipe.tasks.Tasks;
import io.seqpipe.testing.DriverLoss.DieInEpoch;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.PlainCsv;
import io.seqpipe.testing.TestSpark;
import io.seqpipe.testing.WrittenMetrics;
import io.seqpipe.forecast.FittedScaler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.seqpipe.testing.DriverLoss.savedParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four forecasting jobs on real local Spark (local[2]) and DL4J, on {@code fixtures/timeseries/seasonal-stations.csv}:
 * two monthly stations 2000-2009 (level + trend + a 12-month sine, so seasonal naive is off by exactly 12 × slope at
 * every step: 9.6 for north, 6.0 for south), CRLF without a final newline, a categorical column, and four bad rows
 * (NA value, duplicate timestamp, bad timestamp, wrong column count). Split: train to 2007, validation 2008, test
 * 2009; L = 12, H = 6, season 12, per-key scaling.
 */
@Tag("spark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForecastPipelineSparkTest {
    static SparkSession spark;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        spark = TestSpark.start("forecast");
        work = Files.createTempDirectory("seqpipe-forecast");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static List<String> overrides() {
        return List.of("task=forecast",
                "paths.input=" + Fixtures.fixture("timeseries/seasonal-stations.csv"), "paths.work=" + work,
                "series.timestampColumns=[month]", "series.timestampFormat=yyyy-MM", "series.valueColumns=[value]",
                "series.keyColumn=station", "series.categoricalColumns=[weather]", "cleaning.gaps=interpolate",
                "split.mode=timestamp", "split.validationStart=2008-01", "split.testStart=2009-01",
                "scaling.scope=per-key", "window.lookback=12", "window.horizon=6", "window.targetColumns=[value]",
                "evaluation.seasonLength=12", "transform.relativeToLast=true", "model.hidden=16",
                "train.epochs=15", "train.batchSize=16", "train.learningRate=0.01",
                "train.earlyStopping.patience=0");
    }

    static ForecastTaskConfig config(String... extra) {
        List<String> all = new ArrayList<>(overrides());
        all.addAll(List.of(extra));
        return ((ForecastTask) Tasks.create(Tasks.resolve(null, all))).config();
    }

    static double modelRmse;

    @Test
    @Order(1)
    void prepareCountsRejectsAndWritesWindowsPerPartWithATrainOnlyScaler() throws Exception {
        PrepareForecastData.Summary s = PrepareForecastData.run(spark, config(), false);
        assertEquals(243, s.rowsRead());
        assertEquals(Map.of("bad_timestamp", 1L, "duplicate_timestamp", 1L, "non_numeric_value", 1L,
                "wrong_column_count", 1L), s.rejectedByReason());
        assertEquals(2, s.cleaning().series());
        assertEquals(1, s.cleaning().gaps(), "north 2003-05 was rejected (NA) and interpolated back");
        assertEquals(240, s.cleaning().rowsOut());
        // per key: train targets before 2008 (first target 12..90), validation 2008 and test 2009 (7 each)
        assertEquals(158, s.windowing().trainWindows());
        assertEquals(14, s.windowing().validationWindows());
        assertEquals(14, s.windowing().testWindows());
        assertEquals(List.of("value", "weather=rain", "weather=sun"), s.featureNames());

        Path prepared = work.resolve("prepared");
        assertTrue(Files.exists(prepared.resolve("_SUCCESS")));
        Dataset<Row> test = spark.read().parquet(prepared.resolve("test").toString());
        assertEquals(14, test.count());
        Row first = test.orderBy("row").first();
        assertEquals("north", first.getAs("key"));
        assertEquals(LocalDateTime.of(2009, 1, 1, 0, 0), first.getAs("first_target_time"));
        assertEquals(12, first.getList(first.fieldIndex("inputs")).size());
        assertEquals(6, first.getList(first.fieldIndex("actuals")).size());
        WindowExample w = ForecastData.example(test.orderBy("row").select("row", "key", "first_target_step",
                "inputs", "targets", "actuals").first());
        assertEquals(50 + 0.8 * 108, w.actuals()[0], 1e-3, "north at 2009-01 (t = 108) in original units");

        // the scaler saw 2000-2007 only: north's center is the mean of its first 96 steps, not of all 120
        FittedScaler scaler = ForecastArtifacts.scaler(Files.readAllLines(prepared.resolve("scaler.json")));
        double trainMean = 0;
        for (int t = 0; t < 96; t++) {
            trainMean += 50 + 0.8 * t + 10 * Math.sin(2 * Math.PI * t / 12);
        }
        trainMean /= 96;
        assertEquals(trainMean, scaler.forKey("north").get(0).center(), 0.05);
        assertEquals(List.of(List.of("rain", "sun")),
                ForecastArtifacts.categories(Files.readAllLines(prepared.resolve("categories.json"))).levels());
        assertEquals(4, spark.read().json(prepared.resolve("rejects").toString()).count());
    }

    @Test
    @Order(2)
    void trainWritesAModelDirectoryWithTheFittedPreprocessing() {
        TrainForecaster.Summary s = TrainForecaster.run(spark, config(), false, List.of());
        assertEquals(158, s.training().trainExamples());
        assertEquals(14, s.training().validationExamples());
        assertEquals(15, s.training().epochsRun());
        assertTrue(Double.isFinite(s.bestValidationRmse()), "validated each epoch");
        Path model = work.resolve("model");
        for (String f : List.of("_SUCCESS", "model.zip", "config.json", "provenance.json", "labels.txt",
                "artifacts/scaler.json", "artifacts/categories.json")) {
            assertTrue(Files.exists(model.resolve(f)), f);
        }
        assertEquals("forecast", Json.readMap(readString(model.resolve("provenance.json"))).get("task"));
    }

    @Test
    @Order(3)
    void evaluateComparesTheModelWithBothBaselinesOnTheSameTestWindows() {
        EvaluateForecaster.Report r = EvaluateForecaster.run(spark, config(), false);
        assertEquals(14, r.result().windows());
        assertEquals(2, r.result().seriesEvaluated());
        // seasonal naive misses one year of trend: 9.6 (north) and 6.0 (south) at every step of 7 windows x 6 steps
        assertEquals(Math.sqrt((9.6 * 9.6 + 6.0 * 6.0) / 2), r.flatMetrics().get("seasonal_naive.rmse"), 0.01);
        assertEquals(12 * 0.8 / (12 * 0.8), r.result().seasonalNaive().report().get("value").perKey().get("north")
                .overall().mase(), 0.01, "seasonal naive's MASE is 1 when the test year is like the training years");
        double model = r.flatMetrics().get("rmse");
        modelRmse = model;
        assertTrue(model < r.flatMetrics().get("seasonal_naive.rmse"), "model RMSE " + model);
        assertTrue(r.beatsSeasonalNaive());
        Map<String, Object> json = Json.readMap(readString(work.resolve("metrics/metrics.json")));
        assertEquals(r.beatsSeasonalNaive(), ((Map<?, ?>) json.get("beats")).get("seasonalNaive"));
        assertEquals(WrittenMetrics.of(json), r.metrics(), "the typed metrics are those metrics.json holds");
        assertEquals(1, spark.read().parquet(work.resolve("metrics-history").toString())
                .filter("metric = 'seasonal_naive.rmse'").count());

        // ETS, fitted on each station's years before the test year (2000-2008: training and validation), follows the trend and the exact season that
        // seasonal naive misses: additive trend and season, near-perfect forecasts, well below seasonal naive
        double ets = r.flatMetrics().get("ets.rmse");
        assertTrue(ets < 0.5, "ETS RMSE " + ets);
        assertEquals(r.beatsEts(), ((Map<?, ?>) json.get("beats")).get("ets"));
        assertEquals(r.beatsEts() ? 1.0 : 0.0, r.flatMetrics().get("beats_ets"));
        Map<?, ?> etsJson = (Map<?, ?>) json.get("ets");
        assertEquals("train-and-validation", etsJson.get("fitOn"));
        assertEquals(2, ((Number) etsJson.get("seriesFitted")).intValue());
        Map<?, ?> north = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) etsJson.get("perKey")).get("north")).get("value");
        assertEquals(108, ((Number) north.get("fitSteps")).intValue());
        assertTrue(((String) north.get("model")).matches("ETS\\([AM],Ad?,[AM]\\)"), north.toString());
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("  model beats ets: ")), r.lines().toString());
        assertTrue(((Map<?, ?>) ((Map<?, ?>) json.get("targets")).get("value")).containsKey("ets"));
    }

    @Test
    @Order(4)
    void scoreForecastsTheNextHorizonOfEverySeries() {
        ScoreForecaster.Summary s = ScoreForecaster.run(spark, config(), false);
        assertEquals(Map.of("forecast", 2L), s.series());
        List<Row> rows = new ArrayList<>(spark.read().parquet(work.resolve("predictions/predictions").toString())
                .orderBy("key", "step").collectAsList());
        assertEquals(12, rows.size());
        Row north1 = rows.get(0);
        assertEquals("north", north1.getAs("key"));
        assertEquals(LocalDateTime.of(2009, 12, 1, 0, 0), north1.getAs("last_time"));
        assertEquals(LocalDateTime.of(2010, 1, 1, 0, 0), north1.getAs("time"));
        assertEquals("value", north1.getAs("target"));
        double truth = 50 + 0.8 * 120;
        assertEquals(truth, north1.<Double>getAs("forecast"), 15, "north at 2010-01 in original units");
    }

    @Test
    @Order(5)
    void rollingForecastsFromTheTestYearReproduceTheEvaluatedWindows() {
        ScoreForecaster.Summary s = ScoreForecaster.run(spark, config("score.rollingFrom=2009-01",
                "paths.predictions=" + work.resolve("rolling-run"), "score.outputFormats=[csv, jsonl]"), false);
        assertEquals(List.of("predictions.csv", "predictions.jsonl", "rolling.csv", "rolling.jsonl"), s.files());
        assertEquals(26, s.rollingForecasts(), "origins 2009-01 .. 2010-01 (the step after the end) for 2 stations");
        Dataset<Row> rolling = spark.read().parquet(work.resolve("rolling-run/rolling").toString());
        assertEquals(26 * 6, rolling.count());
        assertEquals(2 * (1 + 2 + 3 + 4 + 5 + 6), rolling.filter("actual is null").count(), "beyond 2009-12");
        // the origins whose 6 targets all lie in 2009 are exactly evaluate's test windows
        List<Row> test = rolling.filter("last_time <= timestamp_ntz'2009-06-01 00:00:00'").collectAsList();
        assertEquals(2 * 7 * 6, test.size());
        double squared = 0;
        for (Row r : test) {
            double e = r.<Double>getAs("forecast") - r.<Double>getAs("actual");
            squared += e * e;
        }
        assertEquals(modelRmse, Math.sqrt(squared / test.size()), 1e-4);

        // the same rows as plain files: timestamps as ISO local date-times, a missing actual as an empty CSV field
        List<Map<String, String>> csv = PlainCsv.readWithHeader(readString(work.resolve("rolling-run/rolling.csv")));
        assertEquals(List.of("key", "last_time", "step", "time", "target", "forecast", "actual"),
                List.copyOf(csv.get(0).keySet()));
        assertEquals(26 * 6, csv.size());
        assertEquals(2 * (1 + 2 + 3 + 4 + 5 + 6), csv.stream().filter(r -> r.get("actual") == null).count());
        Row first = rolling.filter("key = 'north' and step = 1 and last_time = timestamp_ntz'2009-03-01 00:00:00'")
                .first();
        Map<String, String> same = csv.stream().filter(r -> r.get("key").equals("north") && r.get("step").equals("1")
                && r.get("last_time").startsWith("2009-03-01T00:00")).findFirst().orElseThrow();
        assertEquals(first.<Double>getAs("forecast"), Double.parseDouble(same.get("forecast")));
        assertEquals(first.<Double>getAs("actual"), Double.parseDouble(same.get("actual")));
        assertTrue(same.get("time").startsWith("2009-04-01T00:00"), same.toString());
        List<String> jsonl = readString(work.resolve("rolling-run/predictions.jsonl")).lines().toList();
        assertEquals(12, jsonl.size());
        assertTrue(jsonl.stream().allMatch(l -> Json.readMap(l).keySet().equals(java.util.Set.of("key",
                "last_time", "step", "time", "target", "forecast"))), jsonl.get(0));
    }

    @Test
    @Order(6)
    void validationOriginsPlaceThreeWindowsPerSeriesRightBeforeTheTestYear() {
        PrepareForecastData.Summary s = PrepareForecastData.run(spark, config("split.validationStart=null",
                "split.validationOrigins=3", "paths.prepared=" + work.resolve("prepared-origins")), false);
        assertEquals(3, s.validationOrigins());
        // per key: test from step 108 (2009-01); the last origin's 6 targets end there (first target 102), three
        // origins start at 100, 101, 102; training targets end before step 100 (first targets 12..94)
        assertEquals(6, s.windowing().validationWindows());
        assertEquals(2 * 83, s.windowing().trainWindows());
        assertEquals(14, s.windowing().testWindows(), "the test year is untouched");
        List<LocalDateTime> starts = spark.read().parquet(work.resolve("prepared-origins/validation").toString())
                .filter("key = 'north'").orderBy("first_target_time").collectAsList().stream()
                .map(r -> r.<LocalDateTime>getAs("first_target_time")).toList();
        assertEquals(List.of(LocalDateTime.of(2008, 5, 1, 0, 0), LocalDateTime.of(2008, 6, 1, 0, 0),
                LocalDateTime.of(2008, 7, 1, 0, 0)), starts);
    }


    /**
     * Forecast training resumed after the driver died in epoch 3 ends with exactly the parameters of an uninterrupted
     * run (158 windows, 2 workers x 16 x 2 per round: 3 rounds per epoch, a checkpoint after every round).
     */
    @Test
    @Order(7)
    void trainResumedFromACheckpointEndsWithTheUninterruptedParameters() throws Exception {
        List<String> common = List.of("train.epochs=4", "train.averagingFrequency=2", "train.checkpoint.everyRounds=1",
                "train.checkpoint.keep=2");
        List<String> full = new ArrayList<>(common);
        full.addAll(List.of("paths.model=" + work.resolve("model-resume-full"),
                "train.checkpoint.dir=" + work.resolve("checkpoints-full")));
        TrainForecaster.Summary uninterrupted = TrainForecaster.run(spark, config(full.toArray(String[]::new)), false,
                List.of());

        List<String> interrupted = new ArrayList<>(common);
        interrupted.addAll(List.of("paths.model=" + work.resolve("model-resume"),
                "train.checkpoint.dir=" + work.resolve("checkpoints")));
        ForecastTaskConfig cfg = config(interrupted.toArray(String[]::new));
        assertThrows(IllegalStateException.class,
                () -> TrainForecaster.run(spark, cfg, false, List.of(new DieInEpoch(3))));
        assertEquals(List.of("checkpoint-e00002-r000002", "checkpoint-e00002-r000003"),
                Files.list(work.resolve("checkpoints")).map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("checkpoint-")).sorted().toList());
        TrainForecaster.Summary resumed = TrainForecaster.run(spark, cfg, false, true, List.of());
        assertEquals("checkpoint-e00002-r000003", resumed.training().resumedFrom());
        float[] expected = savedParams(work.resolve("model-resume-full"));
        float[] actual = savedParams(work.resolve("model-resume"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 0f, "bit-identical");
        assertEquals(uninterrupted.bestValidationRmse(), resumed.bestValidationRmse(), 0.0);
        assertEquals(uninterrupted.finalLoss(), resumed.finalLoss(), 0.0);
        assertFalse(Files.exists(work.resolve("checkpoints")), "deleted once the model is committed");
    }

    /**
     * Seasonal indices per station, fitted on 2000-2007 only: additive decomposition of a line plus a sine recovers the
     * 12-month sine, and the scaler then sees the line alone.
     */
    @Test
    @Order(8)
    void prepareFitsSeasonalIndicesPerSeriesOnTheTrainingPart() throws Exception {
        PrepareForecastData.run(spark, config("transform.seasonal=additive",
                "paths.prepared=" + work.resolve("prepared-seasonal")), false);
        Path prepared = work.resolve("prepared-seasonal");
        io.seqpipe.forecast.FittedSeasonality seasonal = ForecastArtifacts.seasonality(
                Files.readAllLines(prepared.resolve("seasonal.json")));
        assertEquals(java.util.Set.of("north", "south"), seasonal.perKey().keySet());
        for (int p = 0; p < 12; p++) {
            assertEquals(10 * Math.sin(2 * Math.PI * p / 12), seasonal.index("north", 0, p), 0.3, "position " + p);
        }
        // the standard deviation of 0.8 t over t = 0..95 (with the sine it would be 23.3)
        FittedScaler scaler = ForecastArtifacts.scaler(Files.readAllLines(prepared.resolve("scaler.json")));
        assertEquals(0.8 * Math.sqrt((96.0 * 96 - 1) / 12), scaler.forKey("north").get(0).divisor(), 0.1);
    }

    /**
     * A quantile forecaster (0.1, 0.5, 0.9) on the prepared windows, trained briefly: evaluate scores its median with
     * the point metrics and adds pinball losses and the 0.1-0.9 interval's coverage; score writes the levels in
     * order beside the point forecast.
     */
    @Test
    @Order(9)
    void aQuantileForecasterReportsPinballLossAndCoverageAndScoresOrderedLevels() {
        String[] quantiles = {"model.quantiles=[0.1, 0.5, 0.9]", "train.epochs=2",
                "evaluate.baselines=[naive, seasonalNaive]", "paths.model=" + work.resolve("model-quantiles"),
                "paths.metrics=" + work.resolve("metrics-quantiles"),
                "paths.metricsHistory=" + work.resolve("history-quantiles"),
                "paths.predictions=" + work.resolve("predictions-quantiles")};
        TrainForecaster.Summary t = TrainForecaster.run(spark, config(quantiles), false, List.of());
        assertTrue(Double.isFinite(t.bestValidationRmse()), "validated on the median");

        EvaluateForecaster.Report r = EvaluateForecaster.run(spark, config(quantiles), false);
        Map<String, Double> flat = r.flatMetrics();
        assertEquals(0.5 * flat.get("mae"), flat.get("pinball.0.5"), 1e-9,
                "the point forecast is the median, whose pinball loss is half its absolute error");
        assertEquals((flat.get("pinball.0.1") + flat.get("pinball.0.5") + flat.get("pinball.0.9")) / 3,
                flat.get("pinball.mean"), 1e-9);
        double coverage = flat.get("coverage.0.1-0.9");
        assertTrue(coverage >= 0 && coverage <= 1, "coverage " + coverage);
        Map<String, Object> json = Json.readMap(readString(work.resolve("metrics-quantiles/metrics.json")));
        Map<?, ?> section = (Map<?, ?>) json.get("quantiles");
        assertEquals(List.of(0.1, 0.5, 0.9), section.get("levels"));
        Map<?, ?> value = (Map<?, ?>) ((Map<?, ?>) section.get("targets")).get("value");
        Map<?, ?> interval = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) value.get("overall")).get("intervals"))
                .get("0.1-0.9");
        assertEquals(0.8, ((Number) interval.get("nominal")).doubleValue(), 1e-12);
        assertEquals(coverage, ((Number) interval.get("coverage")).doubleValue(), 1e-12);
        assertEquals(14 * 6, ((Number) ((Map<?, ?>) value.get("overall")).get("count")).intValue());
        assertEquals(6, ((List<?>) value.get("perStep")).size());
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("  value quantiles [0.1, 0.5, 0.9]: mean pinball ")
                && l.contains("; 0.1-0.9 holds ")), r.lines().toString());
        assertTrue(readString(work.resolve("metrics-quantiles/report.html")).contains("id=\"forecast-quantiles\""));

        List<String> scoring = new ArrayList<>(List.of(quantiles));
        scoring.add("score.rollingFrom=2009-10");
        ScoreForecaster.run(spark, config(scoring.toArray(String[]::new)), false);
        Dataset<Row> rolling = spark.read().parquet(work.resolve("predictions-quantiles/rolling").toString());
        assertEquals(List.of("key", "last_time", "step", "time", "target", "forecast", "forecast_q0_1",
                "forecast_q0_5", "forecast_q0_9", "actual"), List.of(rolling.columns()));
        assertEquals(2 * 4 * 6, rolling.count(), "origins 2009-10 .. 2010-01 for 2 stations");
        assertEquals(0, rolling.filter("forecast_q0_1 > forecast_q0_5 or forecast_q0_5 > forecast_q0_9"
                + " or forecast != forecast_q0_5").count());
        Dataset<Row> predictions = spark.read().parquet(work.resolve("predictions-quantiles/predictions").toString());
        assertEquals(List.of("key", "last_time", "step", "time", "target", "forecast", "forecast_q0_1",
                "forecast_q0_5", "forecast_q0_9"), List.of(predictions.columns()));
        List<Row> rows = predictions.collectAsList();
        assertEquals(12, rows.size());
        for (Row row : rows) {
            double low = row.getAs("forecast_q0_1");
            double median = row.getAs("forecast_q0_5");
            double high = row.getAs("forecast_q0_9");
            assertTrue(low <= median && median <= high, row.toString());
            assertEquals(median, row.<Double>getAs("forecast"), 0.0, "the point forecast is the median");
        }
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
