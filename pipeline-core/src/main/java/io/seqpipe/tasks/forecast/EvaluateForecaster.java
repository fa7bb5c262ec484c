package io.seqpipe.tasks.forecast;

import io.seqpipe.SeqPipeException;
import io.seqpipe.spark.BroadcastModel;
import io.seqpipe.spark.RejectsOutput;
import io.seqpipe.tasks.InferenceStep;
import io.seqpipe.spark.MetricsHistory;
import io.seqpipe.tasks.EvaluationReport;
import io.seqpipe.tasks.MetricsOutput;
import io.seqpipe.forecast.ForecastEvaluation;
import io.seqpipe.forecast.ForecastMetrics;
import io.seqpipe.forecast.ForecastWindow;
import io.seqpipe.forecast.MaseScale;
import io.seqpipe.forecast.NaiveForecaster;
import io.seqpipe.forecast.SeasonalNaiveForecaster;
import io.seqpipe.forecast.SeriesFeatures;
import io.seqpipe.forecast.SplitPart;
import io.seqpipe.forecast.TimeSeriesConfig;
import io.seqpipe.forecast.Windower;
import io.seqpipe.report.Charts;
import io.seqpipe.report.ForecastSample;
import io.seqpipe.report.ReportPage;
import io.seqpipe.report.ReportSections;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;

import java.io.Serializable;
import java.util.ArrayList;
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

    /** What evaluate wrote; {@link #lines()} is its console summary. */
    public record Report(String runId, String model, String dataset, long rowsRead, long rowsRejected,
                         Map<String, Long> rejectedByReason, int seasonLength, EvaluationPartial result,
                         Map<String, Double> flatMetrics, boolean beatsNaive, boolean beatsSeasonalNaive,
                         String metricsPath, String historyPath) implements EvaluationReport {
        /** The flat metrics of {@code metrics.json} and the history: {@link EvaluateForecaster#flatten}, beats. */
        @Override
        public Map<String, Double> metrics() {
            return flatMetrics;
        }

        @Override
        public List<String> lines() {
            EvaluationPartial e = result;
            List<String> lines = new ArrayList<>();
            lines.add("evaluate: model " + model);
            lines.add("  input: read " + rowsRead + " rows, rejected " + rowsRejected
                    + (rejectedByReason.isEmpty() ? "" : " " + rejectedByReason));
            lines.add("  " + e.windows() + " test windows of " + e.seriesEvaluated() + " series ("
                    + e.windowsWithoutHistory() + " without a season of history left out)");
            Map<String, ForecastEvaluation.TargetMetrics> modelErrors = e.model().report();
            Map<String, ForecastEvaluation.TargetMetrics> naive = e.naive().report();
            Map<String, ForecastEvaluation.TargetMetrics> seasonal = e.seasonalNaive().report();
            for (String target : modelErrors.keySet()) {
                lines.add("  " + target + ":");
                lines.add(row("model", modelErrors.get(target).overall().overall()));
                lines.add(row("naive", naive.get(target).overall().overall()));
                lines.add(row("seasonal-naive(" + seasonLength + ")", seasonal.get(target).overall().overall()));
            }
            lines.add("  model beats naive: " + (beatsNaive ? "yes" : "no") + "; beats seasonal naive: "
                    + (beatsSeasonalNaive ? "yes" : "no") + " (overall RMSE)");
            lines.addAll(MetricsOutput.whereLines(metricsPath, historyPath));
            return lines;
        }

        private static String row(String name, ForecastMetrics m) {
            return String.format("    %-20s RMSE %10.4f  MAE %10.4f  MAPE %8.3f%%  sMAPE %8.3f  MASE %7.4f", name,
                    m.rmse(), m.mae(), m.mape(), m.smape(), m.mase());
        }
    }

    private EvaluateForecaster() {
    }

    public static Report run(SparkSession spark, ForecastTaskConfig cfg, boolean overwrite) {
        return InferenceStep.run(spark, InferenceStep.Settings.evaluate(cfg), overwrite,
                ForecasterModel::load, step -> {
            ForecasterModel model = step.model();
            TimeSeriesConfig data = model.trained().data();
            String testPath = step.input();
            ForecastData.Series series = ForecastData.read(step.sc(), testPath, data, "paths.test");
            EvaluationPartial result;
            List<ForecastSample> samples;
            try (BroadcastModel network = BroadcastModel.of(step.sc(), model.directory().weights())) {
                result = evaluate(series, network, model.prep(), data, cfg.evaluateBatchSize());
                samples = ForecastSamples.of(step.sc(), series, network, model.prep(), data,
                        cfg.evaluateBatchSize());
            }
            if (result.windows() == 0) {
                throw new SeqPipeException("paths.test " + testPath + " gives no test windows that every"
                        + " forecaster can forecast (" + result.windowsWithoutHistory() + " without enough"
                        + " history for the seasonal-naive baseline); check split.* and window.* of the"
                        + " model");
            }
            step.writeRejects(series.rejectRows(), RejectsOutput.STAGE);
            long rowsRead = series.rowsRead();
            Map<String, Long> rejected = series.rejectedByReason();
            series.unpersist();

            Map<String, Double> flat = flatten(result);
            boolean beatsNaive = beats(result.model(), result.naive());
            boolean beatsSeasonal = beats(result.model(), result.seasonalNaive());
            flat.put("beats_naive", beatsNaive ? 1.0 : 0.0);
            flat.put("beats_seasonal_naive", beatsSeasonal ? 1.0 : 0.0);
            Report report = new Report(UUID.randomUUID().toString(), model.directory().path().toString(),
                    step.qualify(testPath), rowsRead, rejected.values().stream().mapToLong(Long::longValue)
                    .sum(), rejected, data.seasonLength(), result, flat, beatsNaive, beatsSeasonal,
                    step.target(), step.qualify(cfg.paths().metricsHistory()));
            step.commitMetrics(new MetricsOutput.Run(report.runId(), "forecast", report.dataset(),
                    report.historyPath()), report, details(report), reportSections(report, samples));
            return report;
        });
    }

    /**
     * A test window every forecaster can forecast, with the baselines' forecasts of it and its series' MASE scales.
     */
    record TestWindow(ForecastWindow window, double[][] naive, double[][] seasonalNaive, double[] scales)
            implements Serializable {
    }

    /** The test windows of one series and what evaluate counts of it. */
    record SeriesTest(List<TestWindow> usable, long withoutHistory, long unseenCategoryValues) {
    }

    /**
     * Model and baselines on the test windows of every series, accumulated on the executors: the windows of all series
     * go through the network in batches ({@link ForecasterAdapter}), and the counts of series and windows come from a
     * pass without the network.
     */
    static EvaluationPartial evaluate(ForecastData.Series series, BroadcastModel network, ForecastPreprocessing prep,
                                      TimeSeriesConfig data, int batchSize) {
        List<String> targets = prep.targetColumns();
        int horizon = data.window().horizon();
        int m = data.seasonLength();
        Windower windower = new Windower(data.window());
        long[] counts = series.cleaned().map(c -> {
            if (!prep.covers(c.key())) {
                return new long[]{0, 0, 0, 1, 0};
            }
            SeriesTest t = testOf(c, prep, windower, m, horizon);
            return new long[]{t.usable().size(), t.withoutHistory(), t.usable().isEmpty() ? 0 : 1, 0,
                    t.unseenCategoryValues()};
        }).fold(new long[5], (a, b) -> {
            long[] sum = new long[a.length];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = a[i] + b[i];
            }
            return sum;
        });
        JavaRDD<TestWindow> windows = series.cleaned().filter(c -> prep.covers(c.key()))
                .flatMap(c -> testOf(c, prep, windower, m, horizon).usable().iterator());
        EvaluationPartial errors = network.predict(windows, new ForecasterAdapter(prep).on(
                (TestWindow t) -> WindowExample.of(-1, t.window())), batchSize).aggregate(
                EvaluationPartial.empty(targets, horizon), (partial, p) -> {
                    TestWindow t = p.input();
                    partial.model().add(t.window(), p.output(), t.scales());
                    partial.naive().add(t.window(), t.naive(), t.scales());
                    partial.seasonalNaive().add(t.window(), t.seasonalNaive(), t.scales());
                    return partial;
                }, EvaluationPartial::merge);
        return errors.plus(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    /** The test windows of a series that both baselines can forecast, with their forecasts. */
    static SeriesTest testOf(CleanedSeries c, ForecastPreprocessing prep, Windower windower, int m,
                                     int horizon) {
        NaiveForecaster naive = new NaiveForecaster();
        SeasonalNaiveForecaster seasonal = new SeasonalNaiveForecaster(m);
        SeriesFeatures f = prep.features(c.series());
        double[] scales = MaseScale.ofTargets(f, c.split(), m);
        List<TestWindow> usable = new ArrayList<>();
        long withoutHistory = 0;
        for (ForecastWindow w : windower.windows(f, c.split()).windows()) {
            if (w.part() != SplitPart.TEST) {
                continue;
            }
            if (naive.canForecast(w.firstTargetStep()) && seasonal.canForecast(w.firstTargetStep())) {
                usable.add(new TestWindow(w, naive.forecast(f.targets(), w.firstTargetStep(), horizon),
                        seasonal.forecast(f.targets(), w.firstTargetStep(), horizon), scales));
            } else {
                withoutHistory++;
            }
        }
        return new SeriesTest(usable, withoutHistory, f.unseenCategoryValues());
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

    /** The id of report.html's error table; each series' chart is {@code forecast-<n>}, n from 1. */
    static final String ERRORS_ID = "forecast-errors";

    /**
     * The sections of report.html beside the common ones: the errors of the model and the baselines per target, and
     * the last test horizon of the first series by key, actual against the three forecasts.
     */
    static ReportSections reportSections(Report r, List<ForecastSample> samples) {
        return page -> {
            page.heading("Errors against the baselines (all test windows)");
            Map<String, ForecastEvaluation.TargetMetrics> model = r.result().model().report();
            Map<String, ForecastEvaluation.TargetMetrics> naive = r.result().naive().report();
            Map<String, ForecastEvaluation.TargetMetrics> seasonal = r.result().seasonalNaive().report();
            List<List<String>> rows = new ArrayList<>();
            for (String target : model.keySet()) {
                rows.add(errorRow(target, "model", model.get(target).overall().overall()));
                rows.add(errorRow(target, "naive", naive.get(target).overall().overall()));
                rows.add(errorRow(target, "seasonal naive (" + r.seasonLength() + ")",
                        seasonal.get(target).overall().overall()));
            }
            page.table(ERRORS_ID, List.of("target", "forecaster", "RMSE", "MAE", "MAPE %", "sMAPE", "MASE"), rows);
            page.heading("Test horizons");
            if (samples.isEmpty()) {
                page.paragraph("No series has a test window that every forecaster can forecast.");
                return;
            }
            page.note("The last test window of each of the first " + ForecastSamples.SERIES + " series by key: the"
                    + " actual values (with the steps before the horizon) and the forecasts of the model, naive"
                    + " (the last value) and seasonal naive (the value one season before), in original units.");
            int n = 0;
            for (ForecastSample s : samples) {
                n++;
                page.chart("forecast-" + n, "Series " + s.key() + ", " + s.target() + ": actual and forecasts of"
                        + " the model, naive and seasonal naive over the test horizon",
                        Charts.forecast(s, r.seasonLength()), 800, 360);
            }
        };
    }

    private static List<String> errorRow(String target, String forecaster, ForecastMetrics m) {
        return List.of(target, forecaster, ReportPage.number(m.rmse()), ReportPage.number(m.mae()),
                ReportPage.number(m.mape()), ReportPage.number(m.smape()), ReportPage.number(m.mase()));
    }

    /** The sections of metrics.json beside the common ones ({@link MetricsOutput}). */
    static Map<String, Object> details(Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
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
