package io.seqpipe.tasks.forecast;

import com.typesafe.config.Config;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.ModelReport;
import io.seqpipe.tasks.Task;
import io.seqpipe.timeseries.ForecastEvaluation;
import io.seqpipe.timeseries.ForecastMetrics;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code task = forecast}: multi-step time-series forecasting, its four jobs and their summaries. */
public final class ForecastTask implements Task {
    private final ForecastTaskConfig config;

    public ForecastTask(Config resolved) {
        this.config = ForecastTaskConfig.from(resolved);
    }

    public ForecastTaskConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "forecast";
    }

    @Override
    public SparkDefaults sparkDefaults() {
        return new SparkDefaults(config.appName(), config.defaultMaster(), config.train().ompThreads());
    }

    @Override
    public JobReport prepare(SparkSession spark, boolean overwrite) {
        return PrepareForecastData.run(spark, config, overwrite);
    }

    @Override
    public ModelReport train(SparkSession spark, boolean overwrite, boolean resume) {
        return TrainForecaster.run(spark, config, overwrite, resume, List.of());
    }

    @Override
    public JobReport evaluate(SparkSession spark, boolean overwrite) {
        EvaluateForecaster.Report r = EvaluateForecaster.run(spark, config, overwrite);
        EvaluationPartial e = r.result();
        List<String> lines = new ArrayList<>();
        lines.add("evaluate: model " + r.model());
        lines.add("  input: read " + r.rowsRead() + " rows, rejected " + r.rowsRejected()
                + describe(r.rejectedByReason()));
        lines.add("  " + e.windows() + " test windows of " + e.seriesEvaluated() + " series ("
                + e.windowsWithoutHistory() + " without a season of history left out)");
        Map<String, ForecastEvaluation.TargetMetrics> model = e.model().report();
        Map<String, ForecastEvaluation.TargetMetrics> naive = e.naive().report();
        Map<String, ForecastEvaluation.TargetMetrics> seasonal = e.seasonalNaive().report();
        for (String target : model.keySet()) {
            lines.add("  " + target + ":");
            lines.add(row("model", model.get(target).overall().overall()));
            lines.add(row("naive", naive.get(target).overall().overall()));
            lines.add(row("seasonal-naive(" + r.seasonLength() + ")", seasonal.get(target).overall().overall()));
        }
        lines.add("  model beats naive: " + (r.beatsNaive() ? "yes" : "no") + "; beats seasonal naive: "
                + (r.beatsSeasonalNaive() ? "yes" : "no") + " (overall RMSE)");
        lines.add("  metrics: " + r.metricsPath() + "/metrics.json");
        lines.add("  history: " + r.historyPath());
        return JobReport.of(lines);
    }

    @Override
    public JobReport score(SparkSession spark, boolean overwrite) {
        ScoreForecaster.Summary s = ScoreForecaster.run(spark, config, overwrite);
        List<String> lines = new ArrayList<>(List.of(
                "score: wrote " + s.output() + "/predictions",
                "  input: read " + s.rowsRead() + " rows, rejected " + s.rowsRejected() + describe(s.rejectedByReason()),
                "  series: " + s.series() + ", next " + s.horizon() + " steps each"
                        + (s.rollingForecasts() == 0 ? "" : "; " + s.rollingForecasts() + " rolling forecasts in "
                        + s.output() + "/rolling")));
        if (!s.files().isEmpty()) {
            lines.add("  also as " + String.join(", ", s.files()));
        }
        return JobReport.of(lines);
    }

    private static String row(String name, ForecastMetrics m) {
        return String.format("    %-20s RMSE %10.4f  MAE %10.4f  MAPE %8.3f%%  sMAPE %8.3f  MASE %7.4f", name, m.rmse(),
                m.mae(), m.mape(), m.smape(), m.mase());
    }

    private static String describe(Map<String, Long> byReason) {
        return byReason.isEmpty() ? "" : " " + byReason;
    }
}
