package io.seqpipe.tasks;

import org.apache.spark.api.java.JavaRDD;

/**
 * Where a task's {@code prepare} reads one input from: by default the files at the input key's path; a Spark ML
 * estimator ({@code io.seqpipe.ml}) gives the rows of a DataFrame instead, parsed into the same records, so the rest
 * of prepare (rejects, vocabularies, encoding, splits) is the one the CLI runs.
 *
 * @param <R> a record as read: parsed, or rejected with why
 */
@FunctionalInterface
public interface InputSource<R> {
    /**
     * Reads one input.
     *
     * @param path the input as named in messages (a path, or a description of the rows)
     * @param key  the key that names it, e.g. {@code paths.train}
     */
    JavaRDD<R> read(String path, String key);
}
