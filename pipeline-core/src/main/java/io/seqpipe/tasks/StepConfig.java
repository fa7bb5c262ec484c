package io.seqpipe.tasks;

import com.typesafe.config.Config;
import io.seqpipe.train.TrainSettings;

/**
 * What every task's validated config record gives the step skeletons ({@link StepTask}, {@link InferenceStep}): the
 * resolved config, the paths the steps read and write, and how Spark starts.
 */
public interface StepConfig {
    /** The resolved config the record was built from; every step writes it into its output. */
    Config resolved();

    Paths paths();

    String appName();

    String defaultMaster();

    TrainSettings train();

    /** How the task's SparkSession starts when spark-submit did not say otherwise. */
    default Task.SparkDefaults sparkDefaults() {
        return new Task.SparkDefaults(appName(), defaultMaster(), train().ompThreads());
    }

    /** The paths every task's steps read and write ({@code paths.*}); optional inputs are null when unset. */
    interface Paths {
        String test();

        String score();

        String prepared();

        String model();

        String metrics();

        String metricsHistory();

        String predictions();
    }
}
