package io.seqpipe.tasks.translation;

import com.typesafe.config.Config;
import io.seqpipe.tasks.EvaluationReport;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.ModelReport;
import io.seqpipe.tasks.Task;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/** {@code task = translation}: its four jobs and their summaries. */
public final class TranslationTask implements Task {
    private final TranslationTaskConfig config;

    public TranslationTask(Config resolved) {
        this.config = TranslationTaskConfig.from(resolved);
    }

    public TranslationTaskConfig config() {
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
        return PrepareTranslationData.run(spark, config, overwrite);
    }

    @Override
    public ModelReport train(SparkSession spark, boolean overwrite, boolean resume) {
        return TrainTranslator.run(spark, config, overwrite, resume, List.of());
    }

    @Override
    public EvaluationReport evaluate(SparkSession spark, boolean overwrite) {
        return EvaluateTranslator.run(spark, config, overwrite);
    }

    @Override
    public JobReport score(SparkSession spark, boolean overwrite) {
        return ScoreTranslator.run(spark, config, overwrite);
    }
}
