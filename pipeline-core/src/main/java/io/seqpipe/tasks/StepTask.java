package io.seqpipe.tasks;

import io.seqpipe.train.TrainingListener;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.function.Function;

/**
 * A {@link Task} made of its validated config record and its four step jobs, the shape every task class shares. A
 * task class only names them:
 * <pre>
 *   public SentimentTask(Config resolved) {
 *       super(ClassificationTaskConfig.from(resolved), c -&gt; "sentiment", new Jobs&lt;&gt;(
 *               PrepareClassificationData::run, TrainClassifier::run, EvaluateClassifier::run, ScoreClassifier::run));
 *   }
 * </pre>
 *
 * @param <C> the task's config record; its Spark defaults are {@link StepConfig#sparkDefaults()}
 */
public abstract class StepTask<C extends StepConfig> implements Task {
    private final C config;
    private final String name;
    private final Jobs<C> jobs;

    /** A job that reads the task's config: prepare, evaluate or score. */
    @FunctionalInterface
    public interface Job<C, R extends JobReport> {
        R run(SparkSession spark, C config, boolean overwrite);
    }

    /** The task's train job ({@link Task#train}), with listeners beside the progress log (none from the CLI). */
    @FunctionalInterface
    public interface TrainJob<C> {
        ModelReport run(SparkSession spark, C config, boolean overwrite, boolean resume,
                        List<TrainingListener> extraListeners);
    }

    /** The task's four jobs, in pipeline order. */
    public record Jobs<C>(Job<C, ? extends JobReport> prepare, TrainJob<C> train,
                          Job<C, ? extends EvaluationReport> evaluate, Job<C, ? extends JobReport> score) {
    }

    /** @param name the task's name, from its config */
    protected StepTask(C config, Function<C, String> name, Jobs<C> jobs) {
        this.config = config;
        this.name = name.apply(config);
        this.jobs = jobs;
    }

    /** The task's validated config. */
    public C config() {
        return config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SparkDefaults sparkDefaults() {
        return config.sparkDefaults();
    }

    @Override
    public JobReport prepare(SparkSession spark, boolean overwrite) {
        return jobs.prepare().run(spark, config, overwrite);
    }

    @Override
    public ModelReport train(SparkSession spark, boolean overwrite, boolean resume) {
        return jobs.train().run(spark, config, overwrite, resume, List.of());
    }

    @Override
    public EvaluationReport evaluate(SparkSession spark, boolean overwrite) {
        return jobs.evaluate().run(spark, config, overwrite);
    }

    @Override
    public JobReport score(SparkSession spark, boolean overwrite) {
        return jobs.score().run(spark, config, overwrite);
    }
}
