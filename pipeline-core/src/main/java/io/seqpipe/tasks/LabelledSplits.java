package io.seqpipe.tasks;

import io.seqpipe.SeqPipeException;
import io.seqpipe.data.SeededSplit;
import io.seqpipe.spark.SeededSplitter;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The split bookkeeping of {@code prepare} for tasks whose data is labelled splits (train, validation, test): which
 * splits there are (the official inputs, or {@code split.*} cutting all three from {@code paths.train}), reading
 * them with their rejects, counting each split ({@link SplitCounts}), refusing a split with no usable record, writing
 * each split's sequence DataFrame to {@code <split>/} and every split's rejects to {@code rejects/}
 * ({@link PrepareStep#writeRejects}).
 *
 * <p>The task supplies its {@link Parts}: its reader, its vocabularies (built from the training split's accepted
 * records only), its encoding and its sequence DataFrame.
 */
public final class LabelledSplits {
    private static final Logger LOG = LoggerFactory.getLogger(LabelledSplits.class);
    private static final List<String> ORDER = List.of(SeededSplit.TRAIN, SeededSplit.VALIDATION, SeededSplit.TEST);

    private LabelledSplits() {
    }

    /**
     * What a task supplies to prepare its splits.
     *
     * @param <R> a record as read: parsed, or rejected with why
     * @param <V> the vocabularies and label sets, built from the training split
     * @param <E> a record as encoded
     * @param <M> what the task measures on each written split (tokens, cut sequences, ...)
     */
    public interface Parts<R, V, E, M> {
        /** What the task's records are, plural, for messages: {@code lines}, {@code sentences}, {@code pairs}. */
        String unit();

        /** The advice after the counts of an input without a usable record, e.g. {@code is input.format right?}. */
        String noUsableAdvice();

        /** Reads and parses one input; {@code key} names it in messages ({@code paths.validation}). */
        JavaRDD<R> read(String path, String key);

        /** The rejections of a record as read. */
        RecordRejections<R> readRejections();

        /** A record's stable identity for {@code split.*} ({@link SeededSplit#identity}). */
        Function<R, String> identity();

        /** Vocabularies and label sets from the training split's accepted records. */
        V vocabularies(JavaRDD<R> acceptedTraining);

        /**
         * How records count: as encoded ({@link #encode} may reject more), or null when encoding rejects nothing and
         * the records count as read (a split is then counted, and refused when empty, before vocabularies are built).
         */
        RecordRejections<E> encodedRejections();

        /** Encodes the records of {@code split} as read (rejected ones included). */
        JavaRDD<E> encode(String split, String path, JavaRDD<R> read, V vocabularies);

        /** The sequence DataFrame of a split's encoded records (the accepted ones). */
        Dataset<Row> frame(String split, JavaRDD<E> encoded, V vocabularies);

        /** What the task reports of a written split beyond its counts. */
        M measure(String split, JavaRDD<R> read, JavaRDD<E> encoded);
    }

    /**
     * What was prepared.
     *
     * @param splits       counts of each written split, in order train, validation, test
     * @param vocabularies the task's vocabularies
     * @param measures     the task's measures of each written split
     * @param seededSplit  the {@code split.*} description when one cut the splits, else null
     */
    public record Prepared<V, M>(Map<String, SplitCounts> splits, V vocabularies, Map<String, M> measures,
                                 String seededSplit) {
    }

    /**
     * Reads, counts, encodes and writes every split, and the rejects of all of them.
     *
     * @param inputs the official inputs by split name (train first); ignored but for train when {@code split} is
     *               enabled
     * @param split  the seeded split, or null when the task has none
     */
    public static <R, V, E, M> Prepared<V, M> prepare(PrepareStep step, Map<String, String> inputs,
                                                      SeededSplit split, Parts<R, V, E, M> task) {
        boolean seeded = split != null && split.enabled();
        String trainPath = inputs.get(SeededSplit.TRAIN);
        Map<String, String> paths = new LinkedHashMap<>();
        Map<String, JavaRDD<R>> read = new LinkedHashMap<>();
        JavaRDD<R> whole = null;
        JavaPairRDD<String, R> assigned = null;
        if (seeded) {
            whole = task.read(trainPath, "paths.train");
            assigned = SeededSplitter.assign(whole, split, task.identity()).persist(StorageLevel.MEMORY_AND_DISK());
            LOG.info("split of paths.train: {}", split.describe());
            for (String name : ORDER) {
                paths.put(name, trainPath);
                read.put(name, assigned.filter(t -> t._1().equals(name)).values()
                        .persist(StorageLevel.MEMORY_AND_DISK()));
            }
        } else {
            for (String name : ORDER) {
                if (inputs.containsKey(name)) {
                    paths.put(name, inputs.get(name));
                    read.put(name, task.read(inputs.get(name), "paths." + name)
                            .persist(StorageLevel.MEMORY_AND_DISK()));
                }
            }
        }

        Map<String, SplitCounts> splits = new LinkedHashMap<>();
        RecordRejections<R> readRejections = task.readRejections();
        RecordRejections<E> encodedRejections = task.encodedRejections();
        if (encodedRejections == null) {
            for (String name : ORDER) {
                if (read.containsKey(name)) {
                    countOrSkip(name, paths.get(name), RejectsAccounting.count(paths.get(name), read.get(name),
                            readRejections), seeded ? split : null, task, splits, read);
                }
            }
        }
        V vocabularies = task.vocabularies(read.get(SeededSplit.TRAIN).filter(r -> readRejections.of(r).isEmpty()));

        Map<String, M> measures = new LinkedHashMap<>();
        JavaRDD<Row> rejects = step.sc().emptyRDD();
        List<JavaRDD<E>> persisted = new ArrayList<>();
        for (String name : ORDER) {
            if (!read.containsKey(name)) {
                continue;
            }
            JavaRDD<E> encoded = task.encode(name, paths.get(name), read.get(name), vocabularies)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            persisted.add(encoded);
            if (encodedRejections != null) {
                countOrSkip(name, paths.get(name), RejectsAccounting.count(paths.get(name), encoded,
                        encodedRejections), seeded ? split : null, task, splits, read);
                if (!read.containsKey(name)) {
                    continue;
                }
            }
            task.frame(name, encoded, vocabularies).write().mode(SaveMode.ErrorIfExists).parquet(step.child(name));
            measures.put(name, task.measure(name, read.get(name), encoded));
            rejects = rejects.union(encodedRejections == null
                    ? RejectsAccounting.rows(read.get(name), name, readRejections)
                    : RejectsAccounting.rows(encoded, name, encodedRejections));
        }
        step.writeRejects(rejects);
        persisted.forEach(e -> e.unpersist(false));
        read.values().forEach(r -> r.unpersist(false));
        if (assigned != null) {
            assigned.unpersist(false);
            whole.unpersist(false);
        }
        return new Prepared<>(splits, vocabularies, measures, seeded ? split.describe() : null);
    }

    /**
     * Records the counts of a split, or drops a seeded validation or test split that got no record (a fraction of 0,
     * or a corpus too small for it); fails on a split without a usable record.
     */
    private static <R> void countOrSkip(String name, String path, SplitCounts counts, SeededSplit seeded,
                                        Parts<R, ?, ?, ?> task, Map<String, SplitCounts> splits,
                                        Map<String, JavaRDD<R>> read) {
        if (seeded != null && !name.equals(SeededSplit.TRAIN) && counts.read() == 0) {
            read.remove(name).unpersist(false);
            return;
        }
        LOG.info("prepare {}", counts.describe(name));
        if (counts.written() == 0) {
            throw new SeqPipeException(noUsableMessage(name, path, counts, seeded, task.unit(),
                    task.noUsableAdvice()));
        }
        splits.put(name, counts);
    }

    /**
     * The error for a split without a usable record, e.g. {@code paths.validation dev.tsv has no usable lines:
     * validation: read 2, written 0, rejected 2 (empty_text 2); see the rejects reasons}.
     */
    static String noUsableMessage(String name, String path, SplitCounts counts, SeededSplit seeded, String unit,
                                  String advice) {
        return (seeded != null ? "the " + name + " split (" + seeded.describe() + ") of paths.train "
                : "paths." + name + " ") + path + " has no usable " + unit + ": " + counts.describe(name) + "; "
                + advice;
    }
}
