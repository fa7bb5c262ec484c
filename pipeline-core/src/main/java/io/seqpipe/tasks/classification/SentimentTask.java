package io.seqpipe.tasks.classification;

import com.typesafe.config.Config;
import io.seqpipe.tasks.EvaluationReport;
import io.seqpipe.tasks.FoldMetricsSummary;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.ModelReport;
import io.seqpipe.tasks.Task;
import org.apache.spark.sql.SparkSession;

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
