package io.seqpipe.tasks.tagging;

import com.typesafe.config.Config;
import io.seqpipe.tasks.EvaluationReport;
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
        PrepareTaggingData.Summary s = PrepareTaggingData.run(spark, config, overwrite);
        List<String> lines = new ArrayList<>();
        lines.add("prepare: wrote " + s.output());
        if (s.split() != null) {
            lines.add("  split of paths.train: " + s.split());
        }
        s.splits().forEach((split, counts) -> lines.add("  " + counts.describe(split).replace("read", "sentences read")
                + ", tokens " + s.tokens().get(split)));
        lines.add("  word vocabulary " + s.vocabularySize() + ", affix vocabularies " + s.affixVocabularySizes()
                + ", training sentences cut to sequence.maxTrainLength: " + s.cutSentences());
        lines.add("  tags (" + s.tags().size() + "): " + s.tags());
        if (s.charsetHint() != null) {
            lines.add("  " + s.charsetHint().describe());
        }
        lines.add("  rejects: " + s.output() + "/rejects (" + s.totalRejected() + " sentences)");
        return JobReport.of(lines);
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
    public EvaluationReport evaluate(SparkSession spark, boolean overwrite) {
        if (!config.foldMetrics().isEmpty()) {
            return FoldMetricsSummary.run(config.task(), config.foldMetrics(), config.paths().metrics(), overwrite,
                    spark.sparkContext().hadoopConfiguration());
        }
        return EvaluateTagger.run(spark, config, overwrite);
    }

    @Override
    public JobReport score(SparkSession spark, boolean overwrite) {
        return ScoreTagger.run(spark, config, overwrite);
    }
}
