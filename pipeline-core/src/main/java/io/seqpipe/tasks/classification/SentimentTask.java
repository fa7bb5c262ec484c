package io.seqpipe.tasks.classification;

import com.typesafe.config.Config;
import io.seqpipe.tasks.FoldMetricsSummary;
import io.seqpipe.tasks.StepTask;

/**
 * {@code task = sentiment}: many-to-one text classification, its four jobs and their summaries. With
 * {@code evaluate.foldMetrics}, evaluate summarizes the metrics of cross-validation folds instead.
 */
public final class SentimentTask extends StepTask<ClassificationTaskConfig> {
    public SentimentTask(Config resolved) {
        super(ClassificationTaskConfig.from(resolved), c -> "sentiment",
                new Jobs<>(PrepareClassificationData::run, TrainClassifier::run, (spark, c, overwrite) ->
                        c.foldMetrics().isEmpty() ? EvaluateClassifier.run(spark, c, overwrite)
                                : FoldMetricsSummary.run("sentiment", c.foldMetrics(), c.paths().metrics(), overwrite,
                                spark.sparkContext().hadoopConfiguration()), ScoreClassifier::run));
    }
}
