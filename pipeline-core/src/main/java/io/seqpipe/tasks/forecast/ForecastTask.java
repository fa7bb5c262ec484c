package io.seqpipe.tasks.forecast;

import com.typesafe.config.Config;
import io.seqpipe.tasks.EvaluationReport;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.Task;
import io.seqpipe.timeseries.CleaningSummary;
import io.seqpipe.timeseries.WindowingSummary;
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
        PrepareForecastData.Summary s = PrepareForecastData.run(spark, config, overwrite);
        CleaningSummary c = s.cleaning();
        WindowingSummary w = s.windowing();
        List<String> lines = new ArrayList<>();
        lines.add("prepare: wrote " + s.output());
        lines.add("  input: read " + s.rowsRead() + " rows, rejected " + s.rowsRejected() + describe(s.rejectedByReason()));
        lines.add(String.format("  cleaning: %d series, %d steps (forward-filled %d, interpolated %d values; %d gaps,"
                        + " %d steps inserted; %d edge rows trimmed)", c.series(), c.rowsOut(),
                c.missingValuesForwardFilled(), c.missingValuesInterpolated(), c.gaps(), c.stepsInserted(),
                c.edgeRowsTrimmed()));
        lines.add(String.format("  windows: train %d, validation %d%s, test %d (L %d x %d features -> H %d x %s; %d"
                        + " straddling a split boundary dropped, %d series too short)", w.trainWindows(),
                w.validationWindows(), s.validationOrigins() == 0 ? ""
                        : " (the last " + s.validationOrigins() + " origins before the test part of each series)",
                w.testWindows(), s.lookback(), s.features(), s.horizon(), s.targets(), w.straddlingDropped(),
                w.seriesTooShort()));
        if (s.charsetHint() != null) {
            lines.add("  " + s.charsetHint().describe());
        }
        lines.add("  rejects: " + s.output() + "/rejects (" + s.rowsRejected() + " rows)");
        return JobReport.of(lines);
    }

    @Override
    public JobReport train(SparkSession spark, boolean overwrite, boolean resume) {
        TrainForecaster.Summary s = TrainForecaster.run(spark, config, overwrite, resume, List.of());
        return JobReport.of(List.of(
                "train: wrote " + s.model(),
                String.format("  %d train / %d validation windows, %d epochs (best %d), %d parameters",
                        s.trainWindows(), s.validationWindows(), s.epochsRun(), s.bestEpoch(), s.parameters()),
                String.format("  final train loss %.5f, best validation RMSE %.4f", s.finalLoss(),
                        s.bestValidationRmse()),
                String.format("  %.1f s, %.1f windows/s%s%s", s.seconds(), s.windowsPerSecond(),
                        s.earlyStop() == null ? "" : ", early stop " + s.earlyStop(),
                        s.resumedFrom() == null ? "" : ", resumed from " + s.resumedFrom())));
    }

    @Override
    public EvaluationReport evaluate(SparkSession spark, boolean overwrite) {
        return EvaluateForecaster.run(spark, config, overwrite);
    }

    @Override
    public JobReport score(SparkSession spark, boolean overwrite) {
        return ScoreForecaster.run(spark, config, overwrite);
    }

    private static String describe(Map<String, Long> byReason) {
        return byReason.isEmpty() ? "" : " " + byReason;
    }
}
