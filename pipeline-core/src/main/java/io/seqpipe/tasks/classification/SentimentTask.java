package io.seqpipe.tasks.classification;

import com.typesafe.config.Config;
import io.seqpipe.tasks.EvaluationReport;
import io.seqpipe.tasks.FoldMetricsSummary;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.Task;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

/** {@code task = sentiment}: many-to-one text classification, its four jobs and their summaries. */
public final class SentimentTask implements Task {
    private final ClassificationTaskConfig config;

    public SentimentTask(Config resolved) {
        this.config = ClassificationTaskConfig.from(resolved);
    }

    public ClassificationTaskConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "sentiment";
    }

    @Override
    public SparkDefaults sparkDefaults() {
        return new SparkDefaults(config.appName(), config.defaultMaster(), config.train().ompThreads());
    }

    @Override
    public JobReport prepare(SparkSession spark, boolean overwrite) {
        PrepareClassificationData.Summary s = PrepareClassificationData.run(spark, config, overwrite);
        List<String> lines = new ArrayList<>();
        lines.add("prepare: wrote " + s.output());
        if (s.split() != null) {
            lines.add("  split of paths.train: " + s.split());
        }
        s.splits().forEach((split, counts) -> lines.add("  " + counts.describe(split)));
        lines.add("  vocabulary " + s.vocabularySize() + " entries, labels " + s.labels() + ", truncated examples "
                + s.tokensTruncatedExamples());
        if (s.charsetHint() != null) {
            lines.add("  " + s.charsetHint().describe());
        }
        lines.add("  rejects: " + s.output() + "/rejects (" + s.totalRejected() + " lines)");
        return JobReport.of(lines);
    }

    @Override
    public JobReport train(SparkSession spark, boolean overwrite, boolean resume) {
        TrainClassifier.Summary s = TrainClassifier.run(spark, config, overwrite, resume, List.of());
        List<String> lines = new ArrayList<>();
        lines.add("train: wrote " + s.model());
        if (s.training().get("resumedFrom") != null) {
            lines.add("  resumed from checkpoint " + s.training().get("resumedFrom"));
        }
        lines.addAll(List.of(
                String.format("  %d train / %d validation examples, %d epochs (best %d), %d parameters",
                        s.trainExamples(), s.validationExamples(), s.epochsRun(), s.bestEpoch(), s.parameters()),
                String.format("  final train loss %.4f, best validation accuracy %.4f", s.finalLoss(),
                        s.bestValidationAccuracy()),
                String.format("  %.1f s, %.1f examples/s%s", s.seconds(), s.examplesPerSecond(),
                        s.earlyStop() == null ? "" : ", early stop " + s.earlyStop())));
        return JobReport.of(lines);
    }

    @Override
    public EvaluationReport evaluate(SparkSession spark, boolean overwrite) {
        if (!config.foldMetrics().isEmpty()) {
            return FoldMetricsSummary.run(name(), config.foldMetrics(), config.paths().metrics(), overwrite,
                    spark.sparkContext().hadoopConfiguration());
        }
        return EvaluateClassifier.run(spark, config, overwrite);
    }

    @Override
    public JobReport score(SparkSession spark, boolean overwrite) {
        return ScoreClassifier.run(spark, config, overwrite);
    }
}
