package io.seqpipe.tasks.tagging;

import com.typesafe.config.Config;
import io.seqpipe.tasks.EvaluationReport;
import io.seqpipe.tasks.FoldMetricsSummary;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.ModelReport;
import io.seqpipe.tasks.Task;
import org.apache.spark.sql.SparkSession;

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
    public ModelReport train(SparkSession spark, boolean overwrite, boolean resume) {
        return TrainTagger.run(spark, config, overwrite, resume, List.of());
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
