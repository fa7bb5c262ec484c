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
     * What a task supplies to prepare its splits: how its records are counted and identified (constructor), and its
     * reader, vocabularies, encoding, sequence DataFrame and measures (methods).
     *
     * @param <R> a record as read: parsed, or rejected with why
     * @param <V> the vocabularies and label sets, built from the training split
     * @param <E> a record as encoded
     * @param <M> what the task measures on each written split (tokens, cut sequences, ...)
     */
    public abstract static class Parts<R, V, E, M> {
        private final String unit;
        private final String noUsableAdvice;
        private final RecordRejections<R> readRejections;
        private final RecordRejections<E> encodedRejections;
        private final Function<R, String> identity;

        /**
         * @param unit              what the records are, plural, for messages: {@code lines}, {@code sentences}
         * @param noUsableAdvice    the advice after the counts of an input without a usable record
         * @param readRejections    the rejections of a record as read
         * @param encodedRejections the rejections of a record as encoded (encoding may reject more), or null when
         *                          encoding rejects nothing: records then count as read, and a split is counted (and
         *                          refused when it has no usable record) before the vocabularies are built
         * @param identity          a record's stable identity for {@code split.*} ({@link SeededSplit#identity}), or
         *                          null when the task has no seeded split
         */
        protected Parts(String unit, String noUsableAdvice, RecordRejections<R> readRejections,
                        RecordRejections<E> encodedRejections, Function<R, String> identity) {
            this.unit = unit;
            this.noUsableAdvice = noUsableAdvice;
            this.readRejections = readRejections;
            this.encodedRejections = encodedRejections;
            this.identity = identity;
        }

        /** Reads and parses one input; {@code key} names it in messages ({@code paths.validation}). */
        protected abstract JavaRDD<R> read(String path, String key);

        /** Vocabularies and label sets from the training split's accepted records. */
        protected abstract V vocabularies(JavaRDD<R> acceptedTraining);

        /** Encodes the records of {@code split}, read from {@code path} (rejected ones included). */
        protected abstract JavaRDD<E> encode(String split, String path, JavaRDD<R> read, V vocabularies);

        /** The sequence DataFrame of a split's encoded records (the accepted ones). */
        protected abstract Dataset<Row> frame(JavaRDD<E> encoded, V vocabularies);

        /** What the task reports of a written split beyond its counts. */
        protected abstract M measure(String split, JavaRDD<R> read, JavaRDD<E> encoded);
    }

    /**
     * What a prepare of labelled splits reports; the task's summary record implements it, and its {@link #lines()}
     * are what the CLI prints: the output, the seeded split, one line per split, the task's details, the charset
     * hint and the rejects.
     */
    public interface Report extends JobReport {
        /** The prepared folder, qualified. */
        String output();

        /** Counts of each written split, in order train, validation, test. */
        Map<String, SplitCounts> splits();

        /** The seeded split that cut the splits, described, or null. */
        default String split() {
            return null;
        }

        /** The note on undecodable records, or null. */
        default CharsetHint charsetHint() {
            return null;
        }

        /** What the task calls its records in the rejects line: {@code lines}, {@code sentences}, {@code pairs}. */
        String recordsName();

        /** The printed line of one split: its counts ({@link SplitCounts#describe}), and what the task adds. */
        default String describe(String split, SplitCounts counts) {
            return counts.describe(split);
        }

        /** The task's lines after the splits (vocabularies, labels, ...). */
        List<String> details();

        default long totalRejected() {
            return splits().values().stream().mapToLong(SplitCounts::rejected).sum();
        }

        @Override
        default List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("prepare: wrote " + output());
            if (split() != null) {
                lines.add("  split of paths.train: " + split());
            }
            splits().forEach((name, counts) -> lines.add("  " + describe(name, counts)));
            lines.addAll(details());
            if (charsetHint() != null) {
                lines.add("  " + charsetHint().describe());
            }
            lines.add("  rejects: " + output() + "/rejects (" + totalRejected() + " " + recordsName() + ")");
            return lines;
        }
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
     * @param inputs the official inputs by split name (train first); with {@code split.*} enabled only train's is read
     * @param split  the seeded split, or null when the task has none
     */
    public static <R, V, E, M> Prepared<V, M> prepare(PrepareStep step, Map<String, String> inputs,
                                                      SeededSplit split, Parts<R, V, E, M> task) {
        SeededSplit seeded = split != null && split.enabled() ? split : null;
        if (seeded != null && task.identity == null) {
            throw new IllegalStateException("split.* is enabled for a task without record identities");
        }
        return new Run<>(step, task, seeded, splitPaths(inputs, seeded)).prepare();
    }

    /**
     * The input path of each split, in order train, validation, test: the official inputs, or {@code paths.train}
     * for all three when a seeded split cuts them from it.
     */
    static Map<String, String> splitPaths(Map<String, String> inputs, SeededSplit seeded) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String name : ORDER) {
            if (seeded != null || inputs.containsKey(name)) {
                paths.put(name, inputs.get(seeded != null ? SeededSplit.TRAIN : name));
            }
        }
        return paths;
    }

    /**
     * Whether a split is written: false for a seeded validation or test split that got no record (a fraction of 0,
     * or a corpus too small for it).
     *
     * @throws SeqPipeException when a split that is written has no usable record
     */
    static boolean written(String name, String path, SplitCounts counts, SeededSplit seeded, String unit,
                           String advice) {
        if (seeded != null && !name.equals(SeededSplit.TRAIN) && counts.read() == 0) {
            return false;
        }
        if (counts.written() == 0) {
            throw new SeqPipeException((seeded != null ? "the " + name + " split (" + seeded.describe()
                    + ") of paths.train " : "paths." + name + " ") + path + " has no usable " + unit + ": "
                    + counts.describe(name) + "; " + advice);
        }
        return true;
    }

    /** One prepare of a task's splits: what was read, and what was counted so far. */
    private static final class Run<R, V, E, M> {
        private final PrepareStep step;
        private final Parts<R, V, E, M> task;
        private final SeededSplit seeded;
        private final Map<String, String> paths;
        private final Map<String, JavaRDD<R>> read = new LinkedHashMap<>();
        private final Map<String, SplitCounts> splits = new LinkedHashMap<>();
        private final List<JavaRDD<?>> persisted = new ArrayList<>();

        Run(PrepareStep step, Parts<R, V, E, M> task, SeededSplit seeded, Map<String, String> paths) {
            this.step = step;
            this.task = task;
            this.seeded = seeded;
            this.paths = paths;
        }

        Prepared<V, M> prepare() {
            readSplits();
            RecordRejections<R> readRejections = task.readRejections;
            if (task.encodedRejections == null) {
                for (String name : List.copyOf(read.keySet())) {
                    count(name, RejectsAccounting.count(paths.get(name), read.get(name), readRejections));
                }
            }
            V vocabularies = task.vocabularies(read.get(SeededSplit.TRAIN)
                    .filter(r -> readRejections.of(r).isEmpty()));
            Map<String, M> measures = new LinkedHashMap<>();
            JavaRDD<Row> rejects = step.sc().emptyRDD();
            for (String name : List.copyOf(read.keySet())) {
                JavaRDD<E> encoded = persist(task.encode(name, paths.get(name), read.get(name), vocabularies));
                if (task.encodedRejections != null
                        && !count(name, RejectsAccounting.count(paths.get(name), encoded, task.encodedRejections))) {
                    continue;
                }
                task.frame(encoded, vocabularies).write().mode(SaveMode.ErrorIfExists).parquet(step.child(name));
                measures.put(name, task.measure(name, read.get(name), encoded));
                rejects = rejects.union(task.encodedRejections == null
                        ? RejectsAccounting.rows(read.get(name), name, readRejections)
                        : RejectsAccounting.rows(encoded, name, task.encodedRejections));
            }
            step.writeRejects(rejects);
            persisted.forEach(r -> r.unpersist(false));
            return new Prepared<>(splits, vocabularies, measures, seeded != null ? seeded.describe() : null);
        }

        /** Reads each split: its own input, or its part of paths.train under the seeded split. */
        private void readSplits() {
            if (seeded == null) {
                paths.forEach((name, path) -> read.put(name, persist(task.read(path, "paths." + name))));
                return;
            }
            JavaRDD<R> whole = persist(task.read(paths.get(SeededSplit.TRAIN), "paths.train"));
            JavaPairRDD<String, R> assigned = SeededSplitter.assign(whole, seeded, task.identity)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            persisted.add(assigned.rdd().toJavaRDD());
            LOG.info("split of paths.train: {}", seeded.describe());
            for (String name : paths.keySet()) {
                read.put(name, persist(assigned.filter(t -> t._1().equals(name)).values()));
            }
        }

        /** Keeps the counts of a written split, or drops the split ({@link #written}); false when dropped. */
        private boolean count(String name, SplitCounts counts) {
            if (!written(name, paths.get(name), counts, seeded, task.unit, task.noUsableAdvice)) {
                read.remove(name).unpersist(false);
                return false;
            }
            LOG.info("prepare {}", counts.describe(name));
            splits.put(name, counts);
            return true;
        }

        private <T> JavaRDD<T> persist(JavaRDD<T> rdd) {
            persisted.add(rdd);
            return rdd.persist(StorageLevel.MEMORY_AND_DISK());
        }
    }
}
