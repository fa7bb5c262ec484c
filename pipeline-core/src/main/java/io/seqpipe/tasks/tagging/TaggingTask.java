package io.seqpipe.tasks.tagging;

import com.typesafe.config.Config;
import io.seqpipe.tasks.FoldMetricsSummary;
import io.seqpipe.tasks.StepTask;

/**
 * {@code task = ner} and {@code task = pos}: per-token tagging, its four jobs and their summaries. With
 * {@code evaluate.foldMetrics}, evaluate summarizes the metrics of cross-validation folds instead.
 */
public final class TaggingTask extends StepTask<TaggingTaskConfig> {
    public TaggingTask(Config resolved) {
        super(TaggingTaskConfig.from(resolved), TaggingTaskConfig::task,
                new Jobs<>(PrepareTaggingData::run, TrainTagger::run, (spark, c, overwrite) ->
                        c.foldMetrics().isEmpty() ? EvaluateTagger.run(spark, c, overwrite)
                                : FoldMetricsSummary.run(c.task(), c.foldMetrics(), c.paths().metrics(), overwrite,
                                spark.sparkContext().hadoopConfiguration()), ScoreTagger::run));
    }
}
