package io.seqpipe.tasks;

import com.typesafe.config.Config;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.data.SeededSplit;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.Json;
import io.seqpipe.report.ReportSections;
import io.seqpipe.spark.RejectsOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code evaluate} and {@code score} steps every task runs: a saved model applied to data, its results committed
 * atomically. It owns what each task's evaluate and score do the same way:
 * <ol>
 *   <li>the input key must be set ({@code paths.score must be set for score});</li>
 *   <li>the model is loaded and checked against its network (the task's {@link ModelLoader}) before any output is
 *       started;</li>
 *   <li>everything is written into an {@link AtomicOutput}, which appears with its {@code _SUCCESS} only on commit,
 *       and whose first file is the resolved config;</li>
 *   <li>the rejects go to {@code rejects/} through the one writer ({@link RejectsOutput}), once per run;</li>
 *   <li>the run ends in one commit: {@code metrics.json}, {@code report.html} and the metrics history for evaluate
 *       ({@link #commitMetrics}), {@code summary.json} for score ({@link #commitSummary}).</li>
 * </ol>
 * The task supplies the {@link Body} in between: reading and encoding its input, the broadcast network's predictions
 * ({@link io.seqpipe.spark.BroadcastModel}), its metrics or prediction rows.
 *
 * @param <M> the task's loaded model (directory, encoders and what it was trained with)
 */
public final class InferenceStep<M> extends StepOutput {
    private final M model;
    private final boolean report;
    private boolean committed;

    /**
     * What one run reads and writes.
     *
     * @param input    the value of the input key (checked to be set)
     * @param inputKey the key that names the input, e.g. {@code paths.score}
     * @param command  what needs the input, for the error: {@code score}, {@code evaluate}
     * @param model    the model directory ({@code paths.model})
     * @param output   the folder to write ({@code paths.metrics} or {@code paths.predictions})
     * @param resolved the resolved config, written first into the output
     */
    public record Settings(String input, String inputKey, String command, String model, String output,
                           Config resolved) {
        /** Evaluate on {@code paths.test} into {@code paths.metrics}. */
        public static Settings evaluate(StepConfig cfg) {
            return new Settings(cfg.paths().test(), "paths.test", "evaluate", cfg.paths().model(),
                    cfg.paths().metrics(), cfg.resolved());
        }

        /**
         * Evaluate on the test split of {@code paths.train} ({@code train}) when {@code split.*} cuts one, as prepare
         * cut it, else on {@code paths.test}.
         */
        public static Settings evaluate(StepConfig cfg, SeededSplit split, String train) {
            return split.enabled() ? new Settings(train, "paths.train", "evaluate with split.method = "
                    + split.method().name().toLowerCase(Locale.ROOT), cfg.paths().model(), cfg.paths().metrics(),
                    cfg.resolved()) : evaluate(cfg);
        }

        /** Score {@code paths.score} into {@code paths.predictions}. */
        public static Settings score(StepConfig cfg) {
            return new Settings(cfg.paths().score(), "paths.score", "score", cfg.paths().model(),
                    cfg.paths().predictions(), cfg.resolved());
        }
    }

    /** Loads a task's saved model and checks it; fails before any output is started. */
    @FunctionalInterface
    public interface ModelLoader<M> {
        M load(String path, Configuration hadoop);
    }

    /** What a task's evaluate or score does between the start of the output and its commit; returns its report. */
    @FunctionalInterface
    public interface Body<M, R extends JobReport> {
        R write(InferenceStep<M> step);
    }

    private InferenceStep(SparkSession spark, AtomicOutput out, M model, String input, boolean report) {
        super(spark, out, input);
        this.model = model;
        this.report = report;
    }

    /**
     * Runs a task's evaluate or score into {@code settings.output()}.
     *
     * @return the report the body returned; the body has committed the output through one of the commits
     */
    public static <M, R extends JobReport> R run(SparkSession spark, Settings settings, boolean overwrite,
                                                 ModelLoader<M> loader, Body<M, R> body) {
        requireInput(settings.input(), settings.inputKey(), settings.command());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        M model = loader.load(settings.model(), hadoop);
        try (AtomicOutput out = AtomicOutput.begin(settings.output(), overwrite, hadoop)) {
            out.writeResolvedConfig(settings.resolved());
            InferenceStep<M> step = new InferenceStep<>(spark, out, model, settings.input(),
                    writesReport(settings.resolved()));
            R report = body.write(step);
            if (!step.committed) {
                throw new IllegalStateException(settings.command() + " did not commit " + out.target());
            }
            return report;
        }
    }

    /** Whether evaluate writes {@code report.html}: {@value EvaluationPage#REPORT_KEY}, true when unset. */
    private static boolean writesReport(Config resolved) {
        return !resolved.hasPath(EvaluationPage.REPORT_KEY)
                || new ConfigReader(resolved).bool(EvaluationPage.REPORT_KEY);
    }

    /** The loaded model. */
    public M model() {
        return model;
    }

    /**
     * Writes {@code frame} as Parquet at {@code name} and as the extra single files of {@code formats}
     * ({@link PredictionFiles}).
     *
     * @param csv   the CSV's columns when they differ from {@code frame}'s, else null
     * @param conll the CoNLL blocks of a tagging task, else null
     * @return the extra files written
     */
    public List<String> writePredictions(String name, Dataset<Row> frame, Set<PredictionFormat> formats,
                                         Dataset<Row> csv, Supplier<Dataset<String>> conll) {
        frame.write().mode(SaveMode.ErrorIfExists).parquet(child(name));
        return PredictionFiles.write(formats, out(), name, frame, csv, conll, hadoop());
    }

    /**
     * Ends evaluate: writes {@code metrics.json} and {@code report.html}, commits and appends the metrics history
     * ({@link MetricsOutput}).
     *
     * @param details  the task's own sections of {@code metrics.json}
     * @param sections the task's own sections of {@code report.html} ({@link EvaluationPage})
     */
    public void commitMetrics(MetricsOutput.Run run, EvaluationReport report, Map<String, Object> details,
                              ReportSections sections) {
        beforeCommit();
        MetricsOutput.commit(spark(), out(), run, report, details, this.report ? sections : null, hadoop());
        committed = true;
    }

    /** Ends score: writes {@code summary} as {@value #SUMMARY_FILE} and commits. */
    public void commitSummary(JobReport summary) {
        beforeCommit();
        Json.writeReport(summary, new Path(path(), SUMMARY_FILE), hadoop());
        out().commit();
        committed = true;
    }

    private void beforeCommit() {
        if (!rejectsWritten()) {
            throw new IllegalStateException("wrote no " + REJECTS_DIR + "/ output into " + target());
        }
        if (committed) {
            throw new IllegalStateException(target() + " was already committed");
        }
    }
}
