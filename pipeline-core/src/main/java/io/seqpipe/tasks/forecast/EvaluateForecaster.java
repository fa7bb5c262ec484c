package io.seqpipe.tasks.forecast;

import io.seqpipe.SeqPipeException;
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
import io.seqpipe.forecast.ets.EtsBaselineConfig;
import io.seqpipe.forecast.ets.EtsFit;
import io.seqpipe.forecast.ets.EtsForecaster;
import io.seqpipe.forecast.ets.EtsForm;
import io.seqpipe.report.Charts;
import io.seqpipe.report.ForecastSample;
import io.seqpipe.report.ReportPage;
import io.seqpipe.report.ReportSections;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code evaluate}: the model against the naive, seasonal-naive and (unless {@code evaluate.baselines} leaves it
 * out) ETS baselines on the same test windows, in original units. Reads {@code paths.test} (default
 * {@code paths.input}) and cleans, splits and windows each series with the model's own settings and fitted scaler, so
 * the test windows are exactly those prepare cut; on the executors, each key's test windows are forecast by the
 * network (in minibatches) and by the baselines from the key's own history (ETS: a model per key and target column
 * chosen by AICc and estimated on the key's fitting part only, then filtered forward, {@link EtsForecaster}), and
 * errors (RMSE, MAE, MAPE, sMAPE, MASE scaled by the key's in-sample seasonal-naive error) are accumulated per horizon
 * step, per key and overall, then merged on the driver. A window is scored only when every forecaster can forecast it
 * (seasonal naive needs one season of history before it, ETS a fitting part it can be estimated on). Writes
 * {@code metrics.json} and rejects atomically to {@code paths.metrics} and appends to the metrics history
 * ({@link MetricsHistory}).
 */
public final class EvaluateForecaster {
    /** Names of the forecasters in metrics.json. */
    public static final String MODEL = "model";
    public static final String NAIVE = "naive";
    public static final String SEASONAL_NAIVE = "seasonalNaive";
    public static final String ETS = "ets";
    /** At most this many series are listed with the reason no ETS model could be fitted. */
    static final int MAX_LISTED_UNFITTED = 20;

    /** What evaluate wrote; {@link #lines()} is its console summary. */
    public record Report(String runId, String model, String dataset, long rowsRead, long rowsRejected,
                         Map<String, Long> rejectedByReason, int seasonLength, EvaluationPartial result,
                         Map<String, Double> flatMetrics, boolean beatsNaive, boolean beatsSeasonalNaive,
                         Boolean beatsEts, EtsSummary ets, String metricsPath, String historyPath)
            implements EvaluationReport {
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
                if (e.ets() != null) {
                    lines.add(row("ets", e.ets().report().get(target).overall().overall()));
                }
            }
            if (e.quantiles() != null) {
                lines.addAll(QuantileReporting.lines(e.quantiles()));
            }
            lines.add("  model beats naive: " + (beatsNaive ? "yes" : "no") + "; beats seasonal naive: "
                    + (beatsSeasonalNaive ? "yes" : "no") + " (overall RMSE)");
            if (beatsEts != null) {
                lines.add("  model beats ets: " + (beatsEts ? "yes" : "no") + " (overall RMSE; ets models "
                        + ets.models() + ")");
            }
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
            List<SeriesEts> etsFits = new ArrayList<>();
            List<ForecastSample> samples = new ArrayList<>();
            try (ForecasterEnsemble network = ForecasterEnsemble.of(step.sc(), model.members())) {
                result = evaluate(series, network, model.prep(), data, cfg.evaluateBatchSize(), cfg.ets(), etsFits,
                        samples);
            }
            if (result.windows() == 0) {
                String noEts = etsFits.stream().filter(f -> f.problem() != null).findFirst()
                        .map(f -> " or without an ETS model fitted on their series (series '" + f.key() + "': "
                                + f.problem() + ")").orElse("");
                throw new SeqPipeException("paths.test " + testPath + " gives no test windows that every"
                        + " forecaster can forecast (" + result.windowsWithoutHistory() + " without enough"
                        + " history for the seasonal-naive baseline" + noEts + "); check split.* and window.* of"
                        + " the model" + (noEts.isEmpty() ? "" : ", or leave ets out of evaluate.baselines"));
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
            Boolean beatsEts = null;
            if (result.ets() != null) {
                beatsEts = beats(result.model(), result.ets());
                flat.put("beats_ets", beatsEts ? 1.0 : 0.0);
            }
            Report report = new Report(UUID.randomUUID().toString(), model.directory().path().toString(),
                    step.qualify(testPath), rowsRead, rejected.values().stream().mapToLong(Long::longValue)
                    .sum(), rejected, data.seasonLength(), result, flat, beatsNaive, beatsSeasonal, beatsEts,
                    cfg.ets() == null ? null : EtsSummary.of(cfg.ets(), etsFits, result.model().report().keySet()),
                    step.target(), step.qualify(cfg.paths().metricsHistory()));
            step.commitMetrics(new MetricsOutput.Run(report.runId(), "forecast", report.dataset(),
                    report.historyPath()), report, details(report), reportSections(report, samples));
            return report;
        });
    }

    /**
     * A test window every forecaster can forecast, with the baselines' forecasts of it (ETS: null when not asked for)
     * and its series' MASE scales.
     */
    record TestWindow(ForecastWindow window, double[][] naive, double[][] seasonalNaive, double[][] ets,
                      double[] scales) implements Serializable {
    }

    /**
     * The ETS baseline of one series key: its fitted model per target column, or why none could be fitted.
     *
     * @param fitSteps the steps the models were estimated on
     * @param fits     per target column, in order; empty when not fitted
     * @param problem  why no model was fitted, or null
     */
    public record SeriesEts(String key, int fitSteps, List<EtsFit> fits, String problem) implements Serializable {
    }

    /**
     * The test windows of one series and what evaluate counts of it; {@code last}: the report's sample candidate
     * ({@link ForecastSamples#lastWindow}), null without usable windows.
     */
    record SeriesTest(List<TestWindow> usable, long withoutHistory, long unseenCategoryValues, boolean covered,
                      SeriesEts ets, ForecastSamples.LastWindow last) {
    }

    /**
     * Model and baselines on the test windows of every series, accumulated on the executors: the windows of all series
     * go through the network in batches ({@link ForecasterAdapter}), and the counts of series and windows come from a
     * pass without the network. The report's samples ({@link ForecastSamples}) are drawn from the same windows into
     * {@code samples}.
     */
    static EvaluationPartial evaluate(ForecastData.Series series, ForecasterEnsemble network,
                                      ForecastPreprocessing prep, TimeSeriesConfig data, int batchSize,
                                      EtsBaselineConfig ets, List<SeriesEts> etsFits, List<ForecastSample> samples) {
        List<String> targets = prep.targetColumns();
        int horizon = data.window().horizon();
        int m = data.seasonLength();
        Windower windower = new Windower(data.window());
        int context = ForecastSamples.context(data);
        // each key's windows and baseline forecasts (ETS estimation included) are computed once, for four passes
        JavaRDD<SeriesTest> tests = series.cleaned().map(c -> prep.covers(c.key())
                ? testOf(c, prep, windower, m, horizon, ets, context)
                : new SeriesTest(List.of(), 0, 0, false, null, null)).persist(StorageLevel.MEMORY_ONLY());
        long[] counts = tests.map(t -> t.covered() ? new long[]{t.usable().size(), t.withoutHistory(),
                t.usable().isEmpty() ? 0 : 1, 0, t.unseenCategoryValues()} : new long[]{0, 0, 0, 1, 0})
                .fold(new long[5], (a, b) -> {
            long[] sum = new long[a.length];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = a[i] + b[i];
            }
            return sum;
        });
        if (ets != null) {
            etsFits.addAll(tests.filter(t -> t.ets() != null).map(SeriesTest::ets).collect());
        }
        JavaRDD<TestWindow> windows = tests.flatMap(t -> t.usable().iterator());
        EvaluationPartial errors = network.predictQuantiles(windows, new QuantileForecasterAdapter(prep).on(
                (TestWindow t) -> WindowExample.of(-1, t.window())), batchSize, prep.quantiles()).aggregate(
                EvaluationPartial.empty(targets, horizon, ets != null, prep.quantiles()), (partial, p) -> {
                    TestWindow t = p.input();
                    partial.model().add(t.window(), p.output().point(), t.scales());
                    if (partial.quantiles() != null) {
                        partial.quantiles().add(t.window().actuals(), p.output().quantiles());
                    }
                    partial.naive().add(t.window(), t.naive(), t.scales());
                    partial.seasonalNaive().add(t.window(), t.seasonalNaive(), t.scales());
                    if (partial.ets() != null) {
                        partial.ets().add(t.window(), t.ets(), t.scales());
                    }
                    return partial;
                }, EvaluationPartial::merge);
        samples.addAll(ForecastSamples.of(JavaSparkContext.fromSparkContext(tests.context()),
                tests.filter(t -> t.last() != null).map(SeriesTest::last), network, prep, batchSize));
        tests.unpersist(false);
        return errors.plus(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    /**
     * The test windows of a series that every baseline can forecast, with their forecasts, and its report sample
     * candidate with {@code context} steps of history.
     */
    static SeriesTest testOf(CleanedSeries c, ForecastPreprocessing prep, Windower windower, int m,
                             int horizon, EtsBaselineConfig etsConfig, int context) {
        NaiveForecaster naive = new NaiveForecaster();
        SeasonalNaiveForecaster seasonal = new SeasonalNaiveForecaster(m);
        SeriesFeatures f = prep.features(c.series());
        double[] scales = MaseScale.ofTargets(f, c.split(), m);
        List<ForecastWindow> test = windower.windows(f, c.split()).windows().stream()
                .filter(w -> w.part() == SplitPart.TEST).toList();
        EtsForecaster ets = null;
        SeriesEts etsFit = null;
        if (etsConfig != null && !test.isEmpty()) {
            int fitEnd = etsConfig.fitOn() == EtsBaselineConfig.FitPart.TRAIN ? c.split().trainEnd()
                    : c.split().validationEnd();
            int fitStart = Math.max(0, fitEnd - etsConfig.maxFitSteps());
            try {
                ets = EtsForecaster.fit(f.targets(), fitStart, fitEnd, m, etsConfig.candidates());
                etsFit = new SeriesEts(c.key(), ets.fitSteps(), ets.fits(), null);
            } catch (IllegalArgumentException e) {
                etsFit = new SeriesEts(c.key(), fitEnd - fitStart, List.of(), e.getMessage());
            }
        }
        List<TestWindow> usable = new ArrayList<>();
        long withoutHistory = 0;
        for (ForecastWindow w : test) {
            int first = w.firstTargetStep();
            boolean etsReady = etsConfig == null || (ets != null && ets.canForecast(first));
            if (naive.canForecast(first) && seasonal.canForecast(first) && etsReady) {
                usable.add(new TestWindow(w, naive.forecast(f.targets(), first, horizon),
                        seasonal.forecast(f.targets(), first, horizon),
                        ets == null ? null : ets.forecast(f.targets(), first, horizon), scales));
            } else {
                withoutHistory++;
            }
        }
        return new SeriesTest(usable, withoutHistory, f.unseenCategoryValues(), true, etsFit, usable.isEmpty() ? null
                : ForecastSamples.lastWindow(usable.get(usable.size() - 1), f, context));
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
     * The history's flat metrics: {@code rmse, mae, mape, smape, mase} of the model, {@code naive.*},
     * {@code seasonal_naive.*} and {@code ets.*} (when evaluated) of the baselines, and of a quantile forecaster
     * {@code pinball.*} and {@code coverage.*} ({@link QuantileReporting#flat}), each prefixed with {@code <target>.}
     * when there are several targets.
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
            if (r.ets() != null) {
                put(flat, p + "ets.", r.ets().report().get(target).overall().overall());
            }
            if (r.quantiles() != null) {
                flat.putAll(QuantileReporting.flat(p, r.quantiles().report().get(target).overall()));
            }
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
                if (r.result().ets() != null) {
                    rows.add(errorRow(target, "ETS", r.result().ets().report().get(target).overall().overall()));
                }
            }
            page.table(ERRORS_ID, List.of("target", "forecaster", "RMSE", "MAE", "MAPE %", "sMAPE", "MASE"), rows);
            if (r.result().quantiles() != null) {
                QuantileReporting.section(page, r.result().quantiles());
            }
            page.heading("Test horizons");
            if (samples.isEmpty()) {
                page.paragraph("No series has a test window that every forecaster can forecast.");
                return;
            }
            page.note("The last test window of each of the first " + ForecastSamples.SERIES + " series by key: the"
                    + " actual values (with the steps before the horizon) and the forecasts of the model, naive"
                    + " (the last value), seasonal naive (the value one season before) and, when evaluated, ETS (fitted"
                    + " before the test part, see the ets section of metrics.json), in original units"
                    + (r.result().quantiles() == null ? "." : "; the shaded band is the model's widest central"
                    + " prediction interval."));
            int n = 0;
            for (ForecastSample s : samples) {
                n++;
                page.chart("forecast-" + n, "Series " + s.key() + ", " + s.target() + ": actual and forecasts of"
                        + " the model and the baselines over the test horizon",
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
        if (r.beatsEts() != null) {
            beats.put(ETS, r.beatsEts());
        }
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
            if (r.result().ets() != null) {
                t.put(ETS, r.result().ets().report().get(target));
            }
            targets.put(target, t);
        }
        m.put("targets", targets);
        if (r.result().quantiles() != null) {
            m.put(QuantileReporting.SECTION, QuantileReporting.json(r.result().quantiles()));
        }
        if (r.ets() != null) {
            m.put(ETS, r.ets().toJson());
        }
        return m;
    }

    /**
     * What the ETS baseline fitted: its settings, how often each model was chosen (over keys and target columns),
     * each key's models with their parameters, and the keys where none could be fitted (the first
     * {@value #MAX_LISTED_UNFITTED}, with the reason).
     */
    public record EtsSummary(EtsBaselineConfig config, List<String> targets, List<SeriesEts> series)
            implements Serializable {
        static EtsSummary of(EtsBaselineConfig config, List<SeriesEts> series, Collection<String> targets) {
            List<SeriesEts> sorted = new ArrayList<>(series);
            sorted.sort(Comparator.comparing(SeriesEts::key));
            return new EtsSummary(config, List.copyOf(targets), sorted);
        }

        /** The models chosen and how often, e.g. {@code {ETS(M,Ad,M)=1}}. */
        public Map<String, Integer> models() {
            Map<String, Integer> counts = new TreeMap<>();
            for (SeriesEts s : series) {
                for (EtsFit fit : s.fits()) {
                    counts.merge(fit.form().toString(), 1, Integer::sum);
                }
            }
            return counts;
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("candidates", config.candidates().stream().map(EtsForm::code).toList());
            json.put("fitOn", config.fitOn().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            json.put("maxFitSteps", config.maxFitSteps());
            json.put("models", models());
            Map<String, Object> perKey = new LinkedHashMap<>();
            Map<String, String> unfitted = new LinkedHashMap<>();
            long unfittedCount = 0;
            for (SeriesEts s : series) {
                if (s.problem() != null) {
                    unfittedCount++;
                    if (unfitted.size() < MAX_LISTED_UNFITTED) {
                        unfitted.put(s.key(), s.problem());
                    }
                    continue;
                }
                Map<String, Object> byTarget = new LinkedHashMap<>();
                for (int k = 0; k < s.fits().size(); k++) {
                    byTarget.put(targets.get(k), fitJson(s.fits().get(k), s.fitSteps()));
                }
                perKey.put(s.key(), byTarget);
            }
            json.put("seriesFitted", series.size() - unfittedCount);
            json.put("seriesNotFitted", unfittedCount);
            json.put("notFitted", unfitted);
            json.put("perKey", perKey);
            return json;
        }

        private static Map<String, Object> fitJson(EtsFit fit, int fitSteps) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("model", fit.form().toString());
            f.put("alpha", fit.parameters().alpha());
            if (fit.form().hasTrend()) {
                f.put("beta", fit.parameters().beta());
            }
            if (fit.form().seasonal()) {
                f.put("gamma", fit.parameters().gamma());
            }
            if (fit.form().damped()) {
                f.put("phi", fit.parameters().phi());
            }
            f.put("initialState", fit.parameters().initialState());
            f.put("logLikelihood", fit.logLikelihood());
            f.put("aicc", fit.aicc());
            f.put("fitSteps", fitSteps);
            return f;
        }
    }
}
