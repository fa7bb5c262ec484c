package io.seqpipe.tasks;

import org.apache.spark.sql.SparkSession;

/**
 * One task (sentiment, tagging, ...) with its validated config: the four jobs a user runs, in pipeline order. A task
 * is created from the resolved config by {@link Tasks#create}, so a bad config fails before Spark starts.
 */
public interface Task {
    /** The task's name, as in {@code task = ...}. */
    String name();

    /** How the task's SparkSession starts when spark-submit did not say otherwise. */
    SparkDefaults sparkDefaults();

    /** Reads raw data, builds vocabularies and label sets, writes sequence DataFrames and rejects. */
    JobReport prepare(SparkSession spark, boolean overwrite);

    /**
     * Trains the configured model on the prepared data and writes a model directory.
     *
     * @param resume continue from the newest valid checkpoint of an interrupted run ({@code train.checkpoint.dir})
     */
    ModelReport train(SparkSession spark, boolean overwrite, boolean resume);

    /**
     * Computes the task's metrics of a saved model on labelled data; writes metrics.json and the history, and returns
     * the metrics as written.
     */
    EvaluationReport evaluate(SparkSession spark, boolean overwrite);

    /** Applies a saved model to a corpus and writes predictions. */
    JobReport score(SparkSession spark, boolean overwrite);

    /**
     * @param appName       the Spark application name
     * @param defaultMaster the master used only when none is set ({@code spark-submit --master} sets one)
     * @param ompThreads    OpenMP threads per executor task
     */
    record SparkDefaults(String appName, String defaultMaster, int ompThreads) {
    }
}
