package io.seqpipe.tasks.forecast;

import com.typesafe.config.Config;
import io.seqpipe.tasks.EvaluationReport;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.ModelReport;
import io.seqpipe.tasks.Task;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/** {@code task = forecast}: multi-step time-series forecasting, its four jobs and their summaries. */
public final class ForecastTask implements Task {
    private final ForecastTaskConfig config;

    public ForecastTask(Config resolved) {
        this.config = ForecastTaskConfig.from(resolved);
    }

    public ForecastTaskConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "forecast";
    }

    @Override
    public SparkDefaults sparkDefaults() {
        return new SparkDefaults(config.appName(), config.defaultMaster(), config.train().ompThreads());
    }

    @Override
    public JobReport prepare(SparkSession spark, boolean overwrite) {
        return PrepareForecastData.run(spark, config, overwrite);
    }

    @Override
    public ModelReport train(SparkSession spark, boolean overwrite, boolean resume) {
        return TrainForecaster.run(spark, config, overwrite, resume, List.of());
    }

    @Override
    public EvaluationReport evaluate(SparkSession spark, boolean overwrite) {
        return EvaluateForecaster.run(spark, config, overwrite);
    }

    @Override
    public JobReport score(SparkSession spark, boolean overwrite) {
        return ScoreForecaster.run(spark, config, overwrite);
    }
}
