package io.seqpipe.tasks;

import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.spark.RejectsOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a step's body writes with: the Spark session, the step's input, and its {@link AtomicOutput} with the one
 * {@code rejects/} of the run. {@link PrepareStep} and {@link InferenceStep} hand one to the task's body.
 */
public abstract class StepOutput {
    public static final String SUMMARY_FILE = "summary.json";
    public static final String REJECTS_DIR = "rejects";

    private final SparkSession spark;
    private final JavaSparkContext sc;
    private final AtomicOutput out;
    private final String input;
    private boolean rejectsWritten;

    StepOutput(SparkSession spark, AtomicOutput out, String input) {
        this.spark = spark;
        this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.out = out;
        this.input = input;
    }

    /** Fails naming {@code key} when the input {@code command} reads is not set. */
    static String requireInput(String value, String key, String command) {
        if (value == null) {
            throw new InvalidConfigException(key + " must be set for " + command);
        }
        return value;
    }

    public SparkSession spark() {
        return spark;
    }

    public JavaSparkContext sc() {
        return sc;
    }

    public Configuration hadoop() {
        return sc.hadoopConfiguration();
    }

    /** The input path, as configured. */
    public String input() {
        return input;
    }

    /** Where the output appears on commit, qualified: what reports name as their output. */
    public String target() {
        return out.target().toString();
    }

    /** The folder being written (the temporary one until commit). */
    public Path path() {
        return out.path();
    }

    /** A path inside the output, as a string for Spark writers. */
    public String child(String name) {
        return out.child(name);
    }

    /** {@code path} qualified with its file system, as reports name inputs and the metrics history. */
    public String qualify(String path) {
        return HadoopFiles.qualify(path, hadoop()).toString();
    }

    /** Writes the rejects of every split, with a {@code split} column; once per run. */
    public void writeRejects(JavaRDD<Row> rows) {
        writeRejects(rows, RejectsOutput.SPLIT);
    }

    /** Writes the rejects with {@code scopeColumn} first (a split or a stage); once per run. */
    public void writeRejects(JavaRDD<Row> rows, String scopeColumn) {
        if (rejectsWritten) {
            throw new IllegalStateException("the rejects of " + out.target() + " were already written");
        }
        RejectsOutput.write(spark, rows, child(REJECTS_DIR), scopeColumn);
        rejectsWritten = true;
    }

    /** The output being written, for the step's own commit. */
    AtomicOutput out() {
        return out;
    }

    /** Whether the body wrote its rejects. */
    boolean rejectsWritten() {
        return rejectsWritten;
    }
}
