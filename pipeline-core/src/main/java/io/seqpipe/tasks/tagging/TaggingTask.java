package io.seqpipe.tasks.tagging;

import com.typesafe.config.Config;
import io.seqpipe.tagging.EntityMetrics;
import io.seqpipe.tagging.TaggingAccuracy;
import io.seqpipe.tasks.FoldMetricsSummary;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.Task;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

/** {@code task = ner} and {@code task = pos}: per-token tagging, its four jobs and their summaries. */
public final class TaggingTask implements Task {
    private final TaggingTaskConfig config;

    public TaggingTask(Config resolved) {
        this.config = TaggingTaskConfig.from(resolved);
    }

    public TaggingTaskConfig config() {
        return config;
    }

    @Override
    public String name() {
        return config.task();
    }

    @Override
    public SparkDefaults sparkDefaults() {
        return new SparkDefaults(config.appName(), config.defaultMaster(), config.train().ompThreads());
    }

    @Override
    public JobReport prepare(SparkSession spark, boolean overwrite) {
        return PrepareTaggingData.run(spark, config, overwrite);
    }

    @Override
    public JobReport train(SparkSession spark, boolean overwrite, boolean resume) {
        TrainTagger.Summary s = TrainTagger.run(spark, config, overwrite, resume, List.of());
        List<String> lines = new ArrayList<>();
        lines.add("train: wrote " + s.model());
        lines.add(String.format("  %d train sentences (%d tokens) / %d validation, %d epochs (best %d), %d parameters",
                s.trainSentences(), s.trainTokens(), s.validationSentences(), s.epochsRun(), s.bestEpoch(),
                s.parameters()));
        if (s.resumedFrom() != null) {
            lines.add("  resumed from " + s.resumedFrom());
        }
        lines.add(String.format("  final train loss %.4f%s", s.finalLoss(), s.validationMetric() == null ? ""
                : String.format(", best validation %s %.4f", s.validationMetric(), s.bestValidation())));
        lines.add(String.format("  %.1f s, %.1f sentences/s, %.0f tokens/s, padding efficiency %.3f (real tokens /"
                        + " computed steps)%s", s.seconds(), s.sentencesPerSecond(), s.tokensPerSecond(),
                s.paddingEfficiency(), s.earlyStop() == null ? "" : ", early stop " + s.earlyStop()));
        lines.add("  minibatches fitted per executor: " + s.minibatchesByExecutor());
        return JobReport.of(lines);
    }

    @Override
    public JobReport evaluate(SparkSession spark, boolean overwrite) {
        if (!config.foldMetrics().isEmpty()) {
            return JobReport.of(FoldMetricsSummary.run(config.task(), config.foldMetrics(), config.paths().metrics(),
                    overwrite, spark.sparkContext().hadoopConfiguration()).lines());
        }
        EvaluateTagger.Report r = EvaluateTagger.run(spark, config, overwrite);
        List<String> lines = new ArrayList<>();
        lines.add("evaluate: model " + r.model());
        lines.add("  " + r.input().describe("test").replace("read", "sentences read") + ", tokens " + r.tokens());
        EntityMetrics e = r.entities();
        if (e != null) {
            lines.add(String.format("  entities (conlleval): P %.2f R %.2f F1 %.2f | gold %d, predicted %d, correct %d",
                    100 * e.precision(), 100 * e.recall(), 100 * e.f1(), e.goldChunks(), e.predictedChunks(),
                    e.correctChunks()));
            e.perType().forEach(t -> lines.add(String.format("  %-6s gold %5d  P %6.2f  R %6.2f  F1 %6.2f", t.type(),
                    t.gold(), 100 * t.precision(), 100 * t.recall(), 100 * t.f1())));
        }
        TaggingAccuracy a = r.accuracy();
        lines.add(String.format("  token accuracy %.2f%% (%d of %d)", 100 * a.accuracy(), a.correct(), a.tokens()));
        a.topErrors().stream().limit(5).forEach(p -> lines.add("  confused " + p.gold() + " -> " + p.predicted()
                + ": " + p.count()));
        lines.add("  metrics: " + r.metricsPath() + "/metrics.json");
        lines.add("  history: " + r.historyPath());
        return JobReport.of(lines);
    }

    @Override
    public JobReport score(SparkSession spark, boolean overwrite) {
        ScoreTagger.Summary s = ScoreTagger.run(spark, config, overwrite);
        List<String> lines = new ArrayList<>();
        lines.add("score: wrote " + s.output() + "/predictions");
        lines.add("  " + s.input().describe("score").replace("read", "sentences read") + ", blank lines skipped "
                + s.blankLines() + ", tokens " + s.tokens());
        if (!s.entitiesByType().isEmpty()) {
            lines.add("  entities by type " + s.entitiesByType());
        }
        if (!s.files().isEmpty()) {
            lines.add("  also as " + String.join(", ", s.files()));
        }
        return JobReport.of(lines);
    }
}
