package io.seqpipe.tasks.forecast;

import io.seqpipe.SeqPipeException;
import io.seqpipe.inference.ModelBytes;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.spark.MetricsHistory;
import io.seqpipe.timeseries.ForecastEvaluation;
import io.seqpipe.timeseries.ForecastMetrics;
import io.seqpipe.timeseries.ForecastWindow;
import io.seqpipe.timeseries.MaseScale;
import io.seqpipe.timeseries.NaiveForecaster;
import io.seqpipe.timeseries.SeasonalNaiveForecaster;
import io.seqpipe.timeseries.SeriesFeatures;
import io.seqpipe.timeseries.SplitPart;
import io.seqpipe.timeseries.TimeSeriesConfig;
import io.seqpipe.timeseries.Windower;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code evaluate}: the model against the naive and seasonal-naive baselines on the same test windows, in original
 * units. Reads {@code paths.test} (default {@code paths.input}) and cleans, splits and windows each series with the
 * model's own settings and fitted scaler, so the test windows are exactly those prepare cut; on the executors, each
 * key's test windows are forecast by the network (in minibatches) and by both baselines from the key's own history,
 * and errors (RMSE, MAE, MAPE, sMAPE, MASE scaled by the key's in-sample seasonal-naive error) are accumulated per
 * horizon step, per key and overall, then merged on the driver. A window is scored only when every forecaster can
 * forecast it (seasonal naive needs one season of history before it). Writes {@code metrics.json} and rejects
 * atomically to {@code paths.metrics} and appends to the metrics history ({@link MetricsHistory}).
 */
public final class EvaluateForecaster {
    /** Names of the forecasters in metrics.json. */
    public static final String MODEL = "model";
    public static final String NAIVE = "naive";
    public static final String SEASONAL_NAIVE = "seasonalNaive";

    /** What evaluate wrote. */
    public record Report(String runId, String model, String dataset, long rowsRead, long rowsRejected,
                         Map<String, Long> rejectedByReason, int seasonLength, EvaluationPartial result,
                         Map<String, Double> flatMetrics, boolean beatsNaive, boolean beatsSeasonalNaive,
                         String metricsPath, String historyPath) {
    }

    private EvaluateForecaster() {
    }

    public static Report run(SparkSession spark, ForecastTaskConfig cfg, boolean overwrite) {
        String testPath = ForecastTaskConfig.require(cfg.paths().test(), "paths.test", "evaluate");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        ForecasterModel model = ForecasterModel.load(cfg.paths().model(), hadoop);
        TimeSeriesConfig data = model.trained().data();
        try (AtomicOutput out = AtomicOutput.begin(cfg.paths().metrics(), overwrite, hadoop)) {
            out.writeResolvedConfig(cfg.resolved());
            ForecastData.Series series = ForecastData.read(sc, testPath, data, "paths.test");
            Broadcast<byte[]> weights = sc.broadcast(model.directory().weights());
            EvaluationPartial result = evaluate(series, weights, model.prep(), data, cfg.evaluateBatchSize());
            weights.destroy();
            if (result.windows() == 0) {
                throw new SeqPipeException("paths.test " + testPath + " gives no test windows that every forecaster"
                        + " can forecast (" + result.windowsWithoutHistory() + " without enough history for the"
                        + " seasonal-naive baseline); check split.* and window.* of the model");
            }
            ForecastData.writeRejects(spark, series.rejectRows(), out.child("rejects"));
            long rowsRead = series.rowsRead();
            Map<String, Long> rejected = series.rejectedByReason();
            series.unpersist();

            Map<String, Double> flat = flatten(result);
            boolean beatsNaive = beats(result.model(), result.naive());
            boolean beatsSeasonal = beats(result.model(), result.seasonalNaive());
            flat.put("beats_naive", beatsNaive ? 1.0 : 0.0);
            flat.put("beats_seasonal_naive", beatsSeasonal ? 1.0 : 0.0);
            Report report = new Report(UUID.randomUUID().toString(), model.directory().path().toString(),
                    HadoopFiles.qualify(testPath, hadoop).toString(), rowsRead,
                    rejected.values().stream().mapToLong(Long::longValue).sum(), rejected, data.seasonLength(),
                    result, flat, beatsNaive, beatsSeasonal, out.target().toString(),
                    HadoopFiles.qualify(cfg.paths().metricsHistory(), hadoop).toString());
            Json.writeReport(metricsJson(report), new Path(out.path(), "metrics.json"), hadoop);
            out.commit();
            MetricsHistory.append(spark, report.historyPath(), report.runId(), "forecast", report.model(),
                    report.dataset(), flat);
            return report;
        }
    }

    /** Model and baselines on the test windows of every series, accumulated on the executors. */
    static EvaluationPartial evaluate(ForecastData.Series series, Broadcast<byte[]> weights, ForecastPreprocessing prep,
                                      TimeSeriesConfig data, int batchSize) {
        List<String> targets = prep.targetColumns();
        int horizon = data.window().horizon();
        int m = data.seasonLength();
        Windower windower = new Windower(data.window());
        return series.cleaned().mapPartitions(it -> {
            EvaluationPartial partial = EvaluationPartial.empty(targets, horizon);
            NaiveForecaster naive = new NaiveForecaster();
            SeasonalNaiveForecaster seasonal = new SeasonalNaiveForecaster(m);
            ComputationGraph net = null;
            while (it.hasNext()) {
                CleanedSeries c = it.next();
                if (!prep.covers(c.key())) {
                    partial = partial.plus(0, 0, 0, 1, 0);
                    continue;
                }
                SeriesFeatures f = prep.features(c.series());
                List<ForecastWindow> usable = new ArrayList<>();
                long withoutHistory = 0;
                for (ForecastWindow w : windower.windows(f, c.split()).windows()) {
                    if (w.part() != SplitPart.TEST) {
                        continue;
                    }
                    if (naive.canForecast(w.firstTargetStep()) && seasonal.canForecast(w.firstTargetStep())) {
                        usable.add(w);
                    } else {
                        withoutHistory++;
                    }
                }
                if (!usable.isEmpty() && net == null) {
                    net = ModelBytes.restore(weights.value());
                }
                double[] scales = MaseScale.ofTargets(f, c.split(), m);
                for (int from = 0; from < usable.size(); from += batchSize) {
                    List<ForecastWindow> batch = usable.subList(from, Math.min(usable.size(), from + batchSize));
                    List<WindowExample> examples = batch.stream().map(w -> WindowExample.of(-1, w)).toList();
                    List<double[][]> forecasts = ForecastInference.forecasts(net, prep, examples);
                    for (int i = 0; i < batch.size(); i++) {
                        ForecastWindow w = batch.get(i);
                        partial.model().add(w, forecasts.get(i), scales);
                        partial.naive().add(w, naive.forecast(f.targets(), w.firstTargetStep(), horizon), scales);
                        partial.seasonalNaive().add(w, seasonal.forecast(f.targets(), w.firstTargetStep(), horizon),
                                scales);
                    }
                }
                partial = partial.plus(usable.size(), withoutHistory, usable.isEmpty() ? 0 : 1, 0,
                        f.unseenCategoryValues());
            }
            return Collections.singletonList(partial).iterator();
        }).reduce(EvaluationPartial::merge);
    }

    /** Whether the model's overall RMSE is below the baseline's for every target. */
    static boolean beats(ForecastEvaluation model, ForecastEvaluation baseline) {
        Map<String, ForecastEvaluation.TargetMetrics> b = baseline.report();
        for (Map.Entry<String, ForecastEvaluation.TargetMetrics> e : model.report().entrySet()) {
            if (!(e.getValue().overall().overall().rmse() < b.get(e.getKey()).overall().overall().rmse())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The history's flat metrics: {@code rmse, mae, mape, smape, mase} of the model, {@code naive.*} and
     * {@code seasonal_naive.*} of the baselines, each prefixed with {@code <target>.} when there are several targets.
     */
    static Map<String, Double> flatten(EvaluationPartial r) {
        Map<String, Double> flat = new LinkedHashMap<>();
        Map<String, ForecastEvaluation.TargetMetrics> model = r.model().report();
        Map<String, ForecastEvaluation.TargetMetrics> naive = r.naive().report();
        Map<String, ForecastEvaluation.TargetMetrics> seasonal = r.seasonalNaive().report();
        boolean prefix = model.size() > 1;
        for (String target : model.keySet()) {
            String p = prefix ? target + "." : "";
            put(flat, p, model.get(target).overall().overall());
            put(flat, p + "naive.", naive.get(target).overall().overall());
            put(flat, p + "seasonal_naive.", seasonal.get(target).overall().overall());
        }
        return flat;
    }

    private static void put(Map<String, Double> flat, String prefix, ForecastMetrics m) {
        flat.put(prefix + "rmse", m.rmse());
        flat.put(prefix + "mae", m.mae());
        flat.put(prefix + "mape", m.mape());
        flat.put(prefix + "smape", m.smape());
        flat.put(prefix + "mase", m.mase());
    }

    static Map<String, Object> metricsJson(Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", r.runId());
        m.put("task", "forecast");
        m.put("model", r.model());
        m.put("dataset", r.dataset());
        m.put("time", Instant.now().toString());
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("rowsRead", r.rowsRead());
        input.put("rowsRejected", r.rowsRejected());
        input.put("rejectedByReason", r.rejectedByReason());
        input.put("seriesEvaluated", r.result().seriesEvaluated());
        input.put("seriesWithoutScaling", r.result().seriesWithoutScaling());
        input.put("testWindows", r.result().windows());
        input.put("testWindowsWithoutBaselineHistory", r.result().windowsWithoutHistory());
        input.put("unseenCategoryValues", r.result().unseenCategoryValues());
        m.put("input", input);
        m.put("seasonLength", r.seasonLength());
        m.put("metrics", r.flatMetrics());
        Map<String, Object> beats = new LinkedHashMap<>();
        beats.put(NAIVE, r.beatsNaive());
        beats.put(SEASONAL_NAIVE, r.beatsSeasonalNaive());
        beats.put("criterion", "overall RMSE of the model below the baseline's, for every target");
        m.put("beats", beats);
        Map<String, Object> targets = new LinkedHashMap<>();
        Map<String, ForecastEvaluation.TargetMetrics> model = r.result().model().report();
        Map<String, ForecastEvaluation.TargetMetrics> naive = r.result().naive().report();
        Map<String, ForecastEvaluation.TargetMetrics> seasonal = r.result().seasonalNaive().report();
        for (String target : model.keySet()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put(MODEL, model.get(target));
            t.put(NAIVE, naive.get(target));
            t.put(SEASONAL_NAIVE, seasonal.get(target));
            targets.put(target, t);
        }
        m.put("targets", targets);
        return m;
    }
}
