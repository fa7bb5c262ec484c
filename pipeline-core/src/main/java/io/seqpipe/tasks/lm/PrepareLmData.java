package io.seqpipe.tasks.lm;

import io.seqpipe.SeqPipeException;
import io.seqpipe.data.SeededSplit;
import io.seqpipe.lm.CutSequence;
import io.seqpipe.lm.LmDataConfig;
import io.seqpipe.lm.LmSplit;
import io.seqpipe.lm.LmVocabulary;
import io.seqpipe.lm.SequenceCutter;
import io.seqpipe.lm.UnitCounts;
import io.seqpipe.lm.UnitRange;
import io.seqpipe.lm.UnitTokenizer;
import io.seqpipe.spark.RejectsOutput;
import io.seqpipe.spark.SeededSplitter;
import io.seqpipe.tasks.CharsetHint;
import io.seqpipe.tasks.InputSource;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.PrepareStep;
import io.seqpipe.text.Vocabulary;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;
import scala.Tuple3;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * {@code prepare} for language models: a plain-text corpus becomes training sequences per split. Writes, atomically
 * ({@link PrepareStep}), to {@code paths.prepared}:
 * <pre>
 *   train/, validation/, test/           training sequences (Parquet; {@link LmData#SEQUENCES}); an empty split is
 *                                        still written
 *   validation-stream/, test-stream/     each held-out split's unit ids, in pieces tiling its stream
 *                                        ({@link LmData#STREAM}), for evaluation with the state carried across
 *   vocabulary.txt                       {@link LmVocabulary#toLines}: one escaped unit per line, line number = id
 *   rejects/                             undecodable lines (file, line) and empty documents (JSON lines)
 *   summary.json                         documents, rejects, units, sequences per split, vocabulary size
 * </pre>
 * Documents are read ({@link LmCorpus}) and tokenized into units on the executors ({@link UnitTokenizer}) in reading
 * order (file path, then line), with the boundary symbol between consecutive documents of a stream. Every unit gets
 * its offset from prefix sums: each partition counts the units of its documents per stream, the driver sums those
 * counts into each partition's first offset, and the text never leaves the executors. By offset the one corpus stream
 * is cut at {@link LmSplit#ranges}; by document each split is its own stream. The vocabulary comes from the training
 * split's counts ({@link UnitCounts}, merged on the driver), and each split is cut into sequences across partitions
 * by {@link DistributedCut}, equal to one {@link SequenceCutter} pass.
 */
public final class PrepareLmData {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareLmData.class);
    public static final String VOCABULARY_FILE = "vocabulary.txt";
    static final List<String> SPLITS = List.of(LmSplit.TRAIN, LmSplit.VALIDATION, LmSplit.TEST);
    /** The summary's document mode when the documents are a DataFrame's rows. */
    private static final String ROWS = "row";
    /** The one stream of an offset split, before it is cut into splits. */
    private static final String CORPUS = "corpus";
    /** Units per partition of the sequence cut, when the caller does not choose the partitions. */
    private static final long UNITS_PER_CUT_PARTITION = 1L << 20;

    /**
     * What prepare wrote.
     *
     * @param documents        documents kept (read and not rejected)
     * @param rejected         reject rows (lines and documents) by reason code
     * @param units            units of each split's stream, boundaries included
     * @param sequences        training sequences of each split
     * @param targets          targets each split's sequences count ({@code n - 1} of a stream of {@code n >= 1})
     * @param vocabularySize   entries of {@code vocabulary.txt}, {@code <pad>}, {@code <unk>} and the boundary included
     * @param unknownTrainUnits training units outside the vocabulary (fewer than vocabulary.minCount, or beyond
     *                          vocabulary.maxSize)
     */
    public record Summary(String output, String input, String unit, String documentMode, String splitBy,
                          long documents, long rejectedTotal, Map<String, Long> rejected, Map<String, Long> units,
                          Map<String, Long> sequences, Map<String, Long> targets, int vocabularySize,
                          long unknownTrainUnits, int sequenceLength, int stride, CharsetHint charsetHint)
            implements JobReport {
        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("prepare: wrote " + output);
            lines.add("  input: " + documents + " documents (" + documentMode + "), rejected " + rejectedTotal
                    + (rejected.isEmpty() ? "" : " " + rejected));
            for (String split : SPLITS) {
                lines.add("  " + split + ": " + units.get(split) + " " + unit + " units, " + sequences.get(split)
                        + " sequences, " + targets.get(split) + " targets");
            }
            lines.add("  vocabulary: " + vocabularySize + " entries (" + unknownTrainUnits
                    + " training units are <unk>); sequences of " + sequenceLength + " steps every " + stride
                    + "; split by " + splitBy);
            if (charsetHint != null) {
                lines.add("  " + charsetHint.describe());
            }
            lines.add("  rejects: " + output + "/rejects (" + rejectedTotal + ")");
            return lines;
        }
    }

    private PrepareLmData() {
    }

    public static Summary run(SparkSession spark, LmTaskConfig cfg, boolean overwrite) {
        return run(spark, cfg, overwrite, 0);
    }

    /**
     * Prepares with {@code source} reading each corpus (e.g. a DataFrame's rows, one document each,
     * {@link LmCorpus#readRows}), or the files of {@code paths.*} ({@code input.documents}) when it is null.
     */
    public static Summary run(SparkSession spark, LmTaskConfig cfg, boolean overwrite,
                              InputSource<LmDocument> source) {
        return run(spark, cfg, overwrite, source, 0);
    }

    /** {@code cutPartitions}: partitions of each split's sequence cut, or 0 to size them by the split's units. */
    static Summary run(SparkSession spark, LmTaskConfig cfg, boolean overwrite, int cutPartitions) {
        return run(spark, cfg, overwrite, null, cutPartitions);
    }

    private static Summary run(SparkSession spark, LmTaskConfig cfg, boolean overwrite,
                               InputSource<LmDocument> source, int cutPartitions) {
        return PrepareStep.run(spark, cfg.paths().train(), "paths.train", cfg.paths().prepared(), cfg.resolved(),
                overwrite, step -> prepare(step, cfg.data(), heldOutFiles(cfg.paths()), cutPartitions,
                        source != null ? source : (path, key) -> LmCorpus.read(step.sc(), path, cfg.data(), key),
                        source != null ? ROWS : cfg.data().documents().name().toLowerCase(Locale.ROOT)));
    }

    /** A kept document, in reading order, with the stream it belongs to. */
    record StreamDocument(String stream, String text) implements Serializable {
    }

    /** A run of one split's units as text: offsets {@code [start, start + units.size())}. */
    record TextPiece(String split, long start, List<String> units) implements Serializable {
    }

    /** With {@code split.by = files}: the held-out splits' corpora by split name (test only when set); else none. */
    static Map<String, String> heldOutFiles(LmTaskConfig.LmPaths paths) {
        Map<String, String> files = new LinkedHashMap<>();
        if (paths.validation() != null) {
            files.put(LmSplit.VALIDATION, paths.validation());
        }
        if (paths.test() != null) {
            files.put(LmSplit.TEST, paths.test());
        }
        return files;
    }

    /**
     * @param corpora      reads each corpus into documents
     * @param documentMode what one document is, as the summary says it ({@code file}, {@code line}, {@code row})
     */
    private static Summary prepare(PrepareStep step, LmDataConfig data, Map<String, String> heldOutFiles,
                                   int cutPartitions, InputSource<LmDocument> corpora, String documentMode) {
        String input = step.input();
        // every document read, with the split whose corpus it came from (all train unless split.by = files)
        JavaPairRDD<String, LmDocument> readBySplit = corpora.read(input, "paths.train")
                .mapToPair(d -> new Tuple2<>(LmSplit.TRAIN, d));
        for (Map.Entry<String, String> heldOut : heldOutFiles.entrySet()) {
            String split = heldOut.getKey();
            readBySplit = readBySplit.union(corpora.read(heldOut.getValue(), "paths." + split)
                    .mapToPair(d -> new Tuple2<>(split, d)));
        }
        readBySplit = readBySplit.persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<LmDocument> read = readBySplit.values();
        Map<String, Long> rejected = new TreeMap<>(read.flatMap(d -> d.rejections().stream()
                .map(r -> r.reason().code()).iterator()).countByValue());
        long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
        step.writeRejects(readBySplit.flatMap(t -> t._2().rejections().stream()
                .map(r -> RejectsOutput.row(t._1(), r)).iterator()));
        JavaPairRDD<String, LmDocument> keptBySplit = readBySplit.filter(t -> t._2().kept());
        JavaRDD<LmDocument> kept = keptBySplit.values();
        long documents = kept.count();
        if (documents == 0) {
            throw new SeqPipeException("paths.train " + input + " has no documents to model: every one was rejected "
                    + rejected + " (see " + step.target() + "/rejects); is input.charset (" + data.charset()
                    + ") right?");
        }

        // 1. documents in reading order, each with its stream: the corpus (by offset) or its split (by document, by
        // files)
        LmSplit split = data.split();
        JavaPairRDD<String, LmDocument> assigned = switch (split.by()) {
            case OFFSET -> kept.mapToPair(d -> new Tuple2<>(CORPUS, d));
            case DOCUMENT -> SeededSplitter.assign(kept, split.documentSplit(),
                    d -> SeededSplit.identity(d.source(), d.line()));
            case FILES -> keptBySplit;
        };
        JavaRDD<StreamDocument> ordered = assigned.mapToPair(t -> new Tuple2<>(t._2().orderKey(),
                        new StreamDocument(t._1(), t._2().text())))
                .sortByKey(true, Math.max(kept.getNumPartitions(), step.sc().defaultParallelism())).values()
                .persist(StorageLevel.MEMORY_AND_DISK());

        // 2. offsets: units (+ 1 for the boundary before each) per partition and stream, summed on the driver
        UnitTokenizer tokenizer = data.unitTokenizer();
        List<Tuple3<Integer, String, Long>> partitionUnits = ordered.mapPartitionsWithIndex((p, it) -> {
            Map<String, Long> sums = new TreeMap<>();
            while (it.hasNext()) {
                StreamDocument d = it.next();
                sums.merge(d.stream(), tokenizer.units(d.text()).size() + 1L, Long::sum);
            }
            List<Tuple3<Integer, String, Long>> out = new ArrayList<>();
            sums.forEach((stream, units) -> out.add(new Tuple3<>(p, stream, units)));
            return out.iterator();
        }, true).collect();
        readBySplit.unpersist(false); // ordered is materialized now
        int partitions = ordered.getNumPartitions();
        Map<String, long[]> starts = new HashMap<>();
        Map<String, Long> streamUnits = new HashMap<>();
        firstOffsets(partitionUnits, partitions, starts, streamUnits);
        LmSplit.Ranges ranges = split.by() == LmSplit.By.OFFSET
                ? split.ranges(streamUnits.getOrDefault(CORPUS, 0L)) : null;
        Map<String, Long> units = new LinkedHashMap<>();
        for (String s : SPLITS) {
            units.put(s, ranges != null ? ranges.of(s).length() : streamUnits.getOrDefault(s, 0L));
        }
        LOG.info("{} documents, units per split {}", documents, units);
        if (units.get(LmSplit.TRAIN) < 2) {
            throw new SeqPipeException("paths.train " + input + " gives " + units.get(LmSplit.TRAIN) + " training"
                    + " units (of " + documents + " documents, units per split " + units + "): a model needs at"
                    + " least 2; give more text, or raise split.trainFraction");
        }
        JavaRDD<TextPiece> textPieces = ordered.mapPartitionsWithIndex((p, it) -> place(p, it, starts, ranges,
                tokenizer), true);

        // 3. the vocabulary of the training split's units
        UnitCounts trainCounts = textPieces.filter(t -> t.split().equals(LmSplit.TRAIN)).mapPartitions(it -> {
            UnitCounts counts = new UnitCounts();
            it.forEachRemaining(t -> counts.addAll(t.units()));
            return List.of(counts).iterator();
        }).reduce(UnitCounts::merge);
        LmVocabulary vocabulary = data.vocabulary(trainCounts);
        long unknown = trainCounts.asMap().entrySet().stream()
                .filter(e -> vocabulary.id(e.getKey()) == Vocabulary.UNK_ID)
                .mapToLong(Map.Entry::getValue).sum();
        step.writeLines(VOCABULARY_FILE, vocabulary.toLines());
        LOG.info("vocabulary: {} entries, {} training units unknown", vocabulary.size(), unknown);

        // 4. unit ids, cut per split; the held-out streams as they are
        Broadcast<LmVocabulary> vocab = step.sc().broadcast(vocabulary);
        JavaRDD<UnitPiece> pieces = textPieces.map(t -> new UnitPiece(t.split(), t.start(),
                vocab.value().encode(t.units()))).persist(StorageLevel.MEMORY_AND_DISK());
        SequenceCutter cutter = data.cutter();
        Map<String, Long> sequences = new LinkedHashMap<>();
        Map<String, Long> targets = new LinkedHashMap<>();
        for (String s : SPLITS) {
            long n = units.get(s);
            JavaRDD<UnitPiece> ofSplit = pieces.filter(p -> p.split().equals(s));
            int cut = cutPartitions > 0 ? cutPartitions : (int) Math.max(1, Math.min(
                    step.sc().defaultParallelism(), (n + UNITS_PER_CUT_PARTITION - 1) / UNITS_PER_CUT_PARTITION));
            JavaRDD<CutSequence> cutSequences = DistributedCut.cut(ofSplit, n, cutter, cut);
            LmData.sequenceFrame(step.spark(), cutSequences).write().mode(SaveMode.ErrorIfExists)
                    .parquet(step.child(s));
            sequences.put(s, cutter.sequenceCount(n));
            targets.put(s, Math.max(0, n - 1));
            if (!s.equals(LmSplit.TRAIN)) {
                LmData.streamFrame(step.spark(), ofSplit).write().mode(SaveMode.ErrorIfExists)
                        .parquet(step.child(s + LmData.STREAM_SUFFIX));
            }
        }
        pieces.unpersist(false);
        ordered.unpersist(false);
        vocab.destroy();
        return new Summary(step.target(), step.qualify(input), data.unit().name().toLowerCase(Locale.ROOT),
                documentMode, split.by().name().toLowerCase(Locale.ROOT), documents, rejectedTotal, rejected,
                units, sequences, targets, vocabulary.size(), unknown, cutter.length(), cutter.stride(),
                CharsetHint.of(data.charset(), "input.charset", rejected));
    }

    /**
     * Each partition's first offset in each stream, counting a boundary before every document (so a stream of
     * documents with {@code u_1, ..., u_d} units has {@code sum(u_i + 1) - 1} units: no boundary before the first).
     * Fills {@code starts} (stream → the offset, boundary included, of each partition's first document) and
     * {@code streamUnits} (stream → its units).
     */
    static void firstOffsets(List<Tuple3<Integer, String, Long>> partitionUnits, int partitions,
                             Map<String, long[]> starts, Map<String, Long> streamUnits) {
        Map<String, long[]> perPartition = new TreeMap<>();
        for (Tuple3<Integer, String, Long> t : partitionUnits) {
            perPartition.computeIfAbsent(t._2(), s -> new long[partitions])[t._1()] += t._3();
        }
        perPartition.forEach((stream, counts) -> {
            long[] first = new long[partitions];
            long total = 0;
            for (int p = 0; p < partitions; p++) {
                first[p] = total;
                total += counts[p];
            }
            starts.put(stream, first);
            streamUnits.put(stream, Math.max(0, total - 1));
        });
    }

    /**
     * The text pieces of one partition's documents, lazily, one document at a time: each document's units, after
     * the boundary unless it is its stream's first, at its offset; by offset, cut at the split ranges and placed at
     * offsets within its split.
     */
    static Iterator<TextPiece> place(int partition, Iterator<StreamDocument> documents, Map<String, long[]> starts,
                                     LmSplit.Ranges ranges, UnitTokenizer tokenizer) {
        Map<String, Long> next = new HashMap<>();
        return new Iterator<>() {
            private Iterator<TextPiece> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && documents.hasNext()) {
                    current = pieces(documents.next()).iterator();
                }
                return current.hasNext();
            }

            @Override
            public TextPiece next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }

            private List<TextPiece> pieces(StreamDocument d) {
                long virtual = next.computeIfAbsent(d.stream(), s -> starts.get(s)[partition]);
                boolean first = virtual == 0;
                List<String> units = tokenizer.streamUnits(d.text(), first);
                long start = first ? 0 : virtual - 1;
                next.put(d.stream(), start + units.size() + 1);
                if (ranges == null) {
                    return List.of(new TextPiece(d.stream(), start, units));
                }
                List<TextPiece> out = new ArrayList<>(1);
                for (String split : SPLITS) {
                    UnitRange r = ranges.of(split);
                    long lo = Math.max(start, r.start());
                    long hi = Math.min(start + units.size(), r.end());
                    if (lo < hi) {
                        out.add(new TextPiece(split, lo - r.start(),
                                new ArrayList<>(units.subList((int) (lo - start), (int) (hi - start)))));
                    }
                }
                return out;
            }
        };
    }
}
