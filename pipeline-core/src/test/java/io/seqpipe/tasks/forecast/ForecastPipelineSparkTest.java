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
import static io.seqpipe.testing.DriverLoss.with;
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
        // report.html draws the last test horizon of each series, by key
        String report = readString(work.resolve("metrics/report.html"));
        String chart = "\" class=\"chart\" width=\"800\" height=\"360\" alt=\"Series ";
        int northChart = report.indexOf("id=\"forecast-1" + chart + "north,");
        int southChart = report.indexOf("id=\"forecast-2" + chart + "south,");
        assertTrue(northChart > 0 && southChart > northChart, "charts of north then south");
        assertFalse(report.contains("id=\"forecast-3\""));
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
     * {@code train.ensemble = 2} with the resume test's settings, interrupted in member 1 and resumed: member 0 (seed
     * 42) is bit-identical to the single network trained with them (an ensemble's member is trained as a plain model),
     * member 1 has seed 43; provenance lists both; evaluate's forecasts are the element-wise mean of the two
     * members' (their median), and one member forecasts exactly as the plain path.
     */
    @Test
    @Order(8)
    void anEnsembleOfTwoForecastsTheMeanOfItsMembersWhoseFirstIsThePlainModel() throws Exception {
        Path plainDir = work.resolve("model-resume-full");
        Path model = work.resolve("model-ensemble");
        String[] settings = {"train.epochs=4", "train.averagingFrequency=2", "train.checkpoint.everyRounds=1",
                "train.checkpoint.keep=2", "train.ensemble=2", "paths.model=" + model,
                "train.checkpoint.dir=" + work.resolve("checkpoints-ensemble"),
                "paths.metrics=" + work.resolve("metrics-ensemble"),
                "paths.metricsHistory=" + work.resolve("metrics-history-ensemble")};
        // the driver dies in member 1's second epoch; --resume restores member 0 from its last checkpoint and
        // continues member 1 from its own
        assertThrows(IllegalStateException.class, () -> TrainForecaster.run(spark, config(settings), false,
                List.of(new DieInSecondNetwork())));
        Path checkpoints = work.resolve("checkpoints-ensemble");
        assertEquals("checkpoint-e00004-r000003", Files.list(checkpoints.resolve("member-0"))
                .map(p -> p.getFileName().toString()).filter(n -> n.startsWith("checkpoint-")).sorted()
                .reduce((a, b) -> b).orElseThrow());
        assertTrue(Files.list(checkpoints.resolve("member-1")).anyMatch(p -> p.getFileName().toString()
                .startsWith("checkpoint-e00001")));
        TrainForecaster.Summary s = TrainForecaster.run(spark, config(settings), false, true, List.of());
        org.junit.jupiter.api.Assertions.assertArrayEquals(savedParams(plainDir), savedParams(model), 0f,
                "member 0 is the plain model");
        assertTrue(Files.exists(model.resolve("members/model-1.zip")));
        assertFalse(Files.exists(model.resolve("members/model-2.zip")));
        assertFalse(Files.exists(plainDir.resolve("members")), "a single network has no members folder");
        assertFalse(Files.exists(checkpoints), "every member's checkpoints are deleted");

        Map<String, Object> provenance = Json.readMap(readString(model.resolve("provenance.json")));
        Map<?, ?> ensemble = (Map<?, ?>) ((Map<?, ?>) provenance.get("training")).get("ensemble");
        assertEquals(2, ((Number) ensemble.get("size")).intValue());
        List<Map<?, ?>> members = ((List<?>) ensemble.get("members")).stream()
                .<Map<?, ?>>map(m -> (Map<?, ?>) m).toList();
        assertEquals(List.of(42L, 43L), members.stream().map(m -> ((Number) m.get("seed")).longValue()).toList());
        Map<String, Object> plainProvenance = Json.readMap(readString(plainDir.resolve("provenance.json")));
        double plainRmse = ((Number) ((Map<?, ?>) plainProvenance.get("metrics")).get("validationRmse")).doubleValue();
        assertEquals(plainRmse, ((Number) members.get(0).get("validationRmse")).doubleValue(), 0.0);
        assertEquals(((Map<?, ?>) plainProvenance.get("training")).get("parameters"), members.get(1).get("parameters"));
        assertEquals("checkpoint-e00004-r000003", members.get(0).get("resumedFrom"));
        assertTrue(((String) members.get(1).get("resumedFrom")).startsWith("checkpoint-e0000"), members.toString());
        for (Map<?, ?> m : members) {
            assertEquals(4, ((Number) m.get("epochsRun")).intValue(), m.toString());
            assertTrue(((Number) m.get("bestEpoch")).intValue() >= 1, m.toString());
        }
        double ensembleRmse = ((Number) ensemble.get("validationRmse")).doubleValue();
        assertEquals(s.bestValidationRmse(), ensembleRmse, 0.0);
        String last = s.lines().get(s.lines().size() - 1);
        assertTrue(last.startsWith("  ensemble of 2 (the lines above: member 0; validation RMSE: the median forecast's):"
                + " seed 42: 4 epochs (best "), last);
        assertTrue(last.contains("; seed 43: 4 epochs (best "), last);
        assertEquals(ensembleRmse, ((Number) ((Map<?, ?>) provenance.get("metrics")).get("validationRmse"))
                .doubleValue(), 0.0);

        org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        ForecasterModel loaded = ForecasterModel.load(model.toString(), hadoop);
        assertEquals(2, loaded.members().size());
        ForecasterModel plain = ForecasterModel.load(plainDir.toString(), hadoop);
        assertEquals(1, plain.members().size());
        org.apache.spark.api.java.JavaSparkContext sc = org.apache.spark.api.java.JavaSparkContext
                .fromSparkContext(spark.sparkContext());
        org.apache.spark.api.java.JavaRDD<WindowExample> test = ForecastData.examples(
                spark.read().parquet(work.resolve("prepared/test").toString()));
        Map<String, double[][]> both = forecasts(sc, loaded.members(), loaded.prep(), test);
        Map<String, double[][]> first = forecasts(sc, loaded.members().subList(0, 1), loaded.prep(), test);
        Map<String, double[][]> second = forecasts(sc, loaded.members().subList(1, 2), loaded.prep(), test);
        Map<String, double[][]> single = new java.util.HashMap<>();
        try (io.seqpipe.spark.BroadcastModel network = io.seqpipe.spark.BroadcastModel.of(sc,
                plain.directory().weights())) {
            network.predict(test, new ForecasterAdapter(plain.prep()), 5).collect()
                    .forEach(p -> single.put(p.input().key() + "@" + p.input().firstTargetStep(), p.output()));
        }
        assertEquals(14, both.size());
        double squared = 0;
        double firstSquared = 0;
        int n = 0;
        List<WindowExample> windows = test.collect();
        for (WindowExample w : windows) {
            String key = w.key() + "@" + w.firstTargetStep();
            org.junit.jupiter.api.Assertions.assertArrayEquals(single.get(key), first.get(key), key
                    + ": one member forecasts exactly as the plain path");
            double[][] actual = w.actualMatrix(1);
            for (int h = 0; h < 6; h++) {
                double mean = (first.get(key)[h][0] + second.get(key)[h][0]) / 2;
                assertEquals(mean, both.get(key)[h][0], 0.0, key + " step " + h);
                assertTrue(first.get(key)[h][0] != second.get(key)[h][0], "the members differ");
                squared += (mean - actual[h][0]) * (mean - actual[h][0]);
                firstSquared += (first.get(key)[h][0] - actual[h][0]) * (first.get(key)[h][0] - actual[h][0]);
                n++;
            }
        }
        // evaluate cuts the same windows from the series (actuals in double, not the prepared floats)
        EvaluateForecaster.Report r = EvaluateForecaster.run(spark, config(with(settings,
                "evaluate.baselines=[naive, seasonalNaive]")), false);
        assertEquals(14, r.result().windows());
        double rmse = Math.sqrt(squared / n);
        assertEquals(rmse, r.flatMetrics().get("rmse"), 1e-5, "evaluate forecasts the mean");
        assertTrue(Math.abs(Math.sqrt(firstSquared / n) - rmse) > 1e-3, "member 0 alone scores otherwise");
    }

    /** Fails the run at the first progress report of epoch 2 of the second network trained (an ensemble's member 1). */
    private static final class DieInSecondNetwork implements io.seqpipe.train.TrainingListener {
        private int networks;

        @Override
        public void onTrainingStart(int epochs, long examplesPerEpoch) {
            networks++;
        }

        @Override
        public void onProgress(int e, long seen, long total, double loss, double epochSeconds, double elapsed) {
            if (networks == 2 && e == 2) {
                throw new IllegalStateException("simulated driver loss in member 1, epoch " + e);
            }
        }
    }

    /** Key@firstTargetStep → forecast of every window, by the ensemble of {@code members}. */
    private static Map<String, double[][]> forecasts(org.apache.spark.api.java.JavaSparkContext sc,
                                                     List<byte[]> members, ForecastPreprocessing prep,
                                                     org.apache.spark.api.java.JavaRDD<WindowExample> windows) {
        Map<String, double[][]> out = new java.util.HashMap<>();
        try (ForecasterEnsemble ensemble = ForecasterEnsemble.of(sc, members)) {
            // a batch size that splits each partition's windows, so batching cannot pair the members' forecasts wrong
            ensemble.predict(windows, new ForecasterAdapter(prep), 5).collect()
                    .forEach(p -> out.put(p.input().key() + "@" + p.input().firstTargetStep(), p.output()));
        }
        return out;
    }

    /**
     * Seasonal indices per station, fitted on 2000-2007 only: additive decomposition of a line plus a sine recovers the
     * 12-month sine, and the scaler then sees the line alone.
     */
    @Test
    @Order(9)
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
    @Order(10)
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
