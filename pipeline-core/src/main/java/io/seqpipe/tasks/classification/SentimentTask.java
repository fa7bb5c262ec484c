package io.seqpipe.tasks.classification;

import com.typesafe.config.Config;
import io.seqpipe.tasks.FoldMetricsSummary;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.ModelReport;
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
        return PrepareClassificationData.run(spark, config, overwrite);
    }

    @Override
    public ModelReport train(SparkSession spark, boolean overwrite, boolean resume) {
        return TrainClassifier.run(spark, config, overwrite, resume, List.of());
    }

    @Override
    public JobReport evaluate(SparkSession spark, boolean overwrite) {
        if (!config.foldMetrics().isEmpty()) {
            return JobReport.of(FoldMetricsSummary.run(name(), config.foldMetrics(), config.paths().metrics(),
                    overwrite, spark.sparkContext().hadoopConfiguration()).lines());
        }
        EvaluateClassifier.Report r = EvaluateClassifier.run(spark, config, overwrite);
        List<String> lines = new ArrayList<>();
        lines.add("evaluate: model " + r.model());
        lines.add("  " + r.input().describe("test"));
        lines.add(String.format("  accuracy %.4f | macro P %.4f R %.4f F1 %.4f | AUC %.4f | loss %.4f",
                r.metrics().accuracy(), r.metrics().macroPrecision(), r.metrics().macroRecall(),
                r.metrics().macroF1(), r.metrics().auc(), r.loss()));
        r.metrics().perClass().forEach(c -> lines.add(String.format(
                "  class %-10s support %6d  P %.4f  R %.4f  F1 %.4f", c.label(), c.support(), c.precision(),
                c.recall(), c.f1())));
        lines.add("  metrics: " + r.metricsPath() + "/metrics.json");
        lines.add("  history: " + r.historyPath());
        return JobReport.of(lines);
    }

    @Override
    public JobReport score(SparkSession spark, boolean overwrite) {
        ScoreClassifier.Summary s = ScoreClassifier.run(spark, config, overwrite);
        List<String> lines = new ArrayList<>(List.of(
                "score: wrote " + s.output() + "/predictions",
                "  " + s.input().describe("score"),
                "  predicted labels " + s.predictedLabels()));
        if (!s.files().isEmpty()) {
            lines.add("  also as " + String.join(", ", s.files()));
        }
        return JobReport.of(lines);
    }
}
