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
public final class PrepareStep extends StepOutput {

    /** What a task's prepare writes between the start of the output and its commit; returns the task's summary. */
    @FunctionalInterface
    public interface Body<S extends JobReport> {
        S write(PrepareStep step);
    }

    private PrepareStep(SparkSession spark, AtomicOutput out, String input) {
        super(spark, out, input);
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
            if (!step.rejectsWritten()) {
                throw new IllegalStateException("prepare wrote no " + REJECTS_DIR + "/ output into " + out.target());
            }
            Json.writeReport(summary, new Path(out.path(), SUMMARY_FILE), hadoop);
            out.commit();
            return summary;
        }
    }

    /** Fails naming {@code key} when the input prepare reads is not set. */
    static String requireInput(String value, String key) {
        return requireInput(value, key, "prepare");
    }

    /** Writes a text file, one entry a line, at {@code name} (may name a subfolder: {@code artifacts/prefix2}). */
    public void writeLines(String name, List<String> lines) {
        HadoopFiles.writeLines(new Path(path(), name), lines, hadoop());
    }
}
