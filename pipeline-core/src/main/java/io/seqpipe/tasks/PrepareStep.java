package io.seqpipe.tasks;

import com.typesafe.config.Config;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.spark.RejectsOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * The {@code prepare} step every task runs, from its input to a committed {@code paths.prepared}. It owns what each
 * task's prepare does the same way:
 * <ol>
 *   <li>the input key must be set ({@code paths.train must be set for prepare});</li>
 *   <li>everything is written into an {@link AtomicOutput}, which appears with its {@code _SUCCESS} only on
 *       commit, and whose first file is the resolved config;</li>
 *   <li>the rejects go to {@code rejects/} through the one writer ({@link RejectsOutput}), once per run;</li>
 *   <li>the task's summary record becomes {@code summary.json}, and the output is committed.</li>
 * </ol>
 * The task supplies the {@link Body} in between: reading, encoding, vocabularies and artifacts. Tasks that prepare
 * labelled splits (train, validation, test) hand their parts to {@link LabelledSplits}, which writes the splits and
 * their rejects through this step.
 */
public final class PrepareStep {
    public static final String SUMMARY_FILE = "summary.json";
    public static final String REJECTS_DIR = "rejects";

    private final SparkSession spark;
    private final JavaSparkContext sc;
    private final AtomicOutput out;
    private final String input;
    private boolean rejectsWritten;

    /** What a task's prepare writes between the start of the output and its commit; returns the task's summary. */
    @FunctionalInterface
    public interface Body<S extends JobReport> {
        S write(PrepareStep step);
    }

    private PrepareStep(SparkSession spark, AtomicOutput out, String input) {
        this.spark = spark;
        this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.out = out;
        this.input = input;
    }

    /**
     * Runs a task's prepare into {@code prepared}.
     *
     * @param input    the value of the input key (checked to be set)
     * @param inputKey the key that names the input, e.g. {@code paths.train}
     * @param resolved the resolved config, written first into the output
     * @return the summary the body returned, as written to {@value #SUMMARY_FILE}
     */
    public static <S extends JobReport> S run(SparkSession spark, String input, String inputKey, String prepared,
                                              Config resolved, boolean overwrite, Body<S> body) {
        requireInput(input, inputKey);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        try (AtomicOutput out = AtomicOutput.begin(prepared, overwrite, hadoop)) {
            out.writeResolvedConfig(resolved);
            PrepareStep step = new PrepareStep(spark, out, input);
            S summary = body.write(step);
            if (!step.rejectsWritten) {
                throw new IllegalStateException("prepare wrote no " + REJECTS_DIR + "/ output into " + out.target());
            }
            Json.writeReport(summary, new Path(out.path(), SUMMARY_FILE), hadoop);
            out.commit();
            return summary;
        }
    }

    /** Fails naming {@code key} when the input prepare reads is not set. */
    static String requireInput(String value, String key) {
        if (value == null) {
            throw new InvalidConfigException(key + " must be set for prepare");
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

    /** Where the output appears on commit, qualified: what summaries report as their output. */
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

    /** Writes a text file, one entry a line, at {@code name} (may name a subfolder: {@code artifacts/prefix2}). */
    public void writeLines(String name, List<String> lines) {
        HadoopFiles.writeLines(new Path(out.path(), name), lines, hadoop());
    }

    /** Writes the rejects of every split, with a {@code split} column. */
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
}
