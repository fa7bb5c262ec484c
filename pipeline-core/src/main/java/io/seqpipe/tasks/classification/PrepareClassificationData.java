package io.seqpipe.tasks.classification;

import io.seqpipe.tasks.CharsetHint;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.spark.RejectsOutput;
import io.seqpipe.SeqPipeException;
import io.seqpipe.data.ParseOutcome;
import io.seqpipe.data.SeededSplit;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.spark.TokenCounts;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.TextEncoder;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.text.VocabularyBuilder;
import io.seqpipe.text.WordTokenizer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prepare}: raw labelled text (delimited, or labelled by its paths: {@code input.layout}) → sequence
 * DataFrames, vocabulary and label index, with rejects. Writes, atomically,
 * to {@code paths.prepared}:
 * <pre>
 *   train/            sequence DataFrame (Parquet; schema in {@link ClassificationData})
 *   validation/       the same for paths.validation, when set
 *   test/             with split.* only: the test split cut from paths.train (validation/ is then cut from it too)
 *   vocabulary.txt    built from the training split only
 *   labels.txt        the fixed label set, or the training split's sorted distinct labels
 *   rejects/          JSON lines: split, source, offset, reason, detail, line
 *   summary.json      counts per split and reason, vocabulary size, labels, and a charset hint when lines
 *                     were undecodable ({@link CharsetHint})
 * </pre>
 */
public final class PrepareClassificationData {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareClassificationData.class);
    /** More distinct labels than this means the label column is probably wrong. */
    static final int MAX_DERIVED_LABELS = 10_000;

    /** What prepare did. */
    public record Summary(String output, Map<String, SplitCounts> splits, int vocabularySize, List<String> labels,
                          long tokensTruncatedExamples, String split, CharsetHint charsetHint) {
        public long totalRejected() {
            return splits.values().stream().mapToLong(SplitCounts::rejected).sum();
        }
    }

    private PrepareClassificationData() {
    }

    public static Summary run(SparkSession spark, ClassificationTaskConfig cfg, boolean overwrite) {
        String trainPath = ClassificationTaskConfig.require(cfg.paths().train(), "paths.train", "prepare");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        try (AtomicOutput out = AtomicOutput.begin(cfg.paths().prepared(), overwrite, hadoop)) {
            out.writeResolvedConfig(cfg.resolved());
            // 1. parse the training input once; with split.*, cut it into train/validation/test first. Labels and
            //    tokens come from the training split's accepted lines, and the same parsed lines are encoded below
            JavaRDD<ParseOutcome> read = ClassificationData.readLines(sc, trainPath, cfg.input(), cfg.layout(),
                    "paths.train");
            Map<String, JavaRDD<ParseOutcome>> parsed = new LinkedHashMap<>();
            JavaPairRDD<String, ParseOutcome> assigned = null;
            if (cfg.split().enabled()) {
                assigned = ClassificationData.split(read, cfg.split()).persist(StorageLevel.MEMORY_AND_DISK());
                for (String name : List.of(SeededSplit.TRAIN, SeededSplit.VALIDATION, SeededSplit.TEST)) {
                    parsed.put(name, assigned.filter(t -> t._1().equals(name)).values());
                }
                LOG.info("split {}: {}", cfg.split().describe(), cfg.split().sizes(assigned.count()));
            } else {
                parsed.put(SeededSplit.TRAIN, read);
            }
            JavaRDD<ParseOutcome> trainLines = parsed.get(SeededSplit.TRAIN).persist(StorageLevel.MEMORY_AND_DISK());
            WordTokenizer tokenizer = new WordTokenizer(cfg.tokenizer());
            JavaRDD<io.seqpipe.data.TextRecord> accepted = trainLines.filter(p -> !p.isRejected())
                    .map(ParseOutcome::record);
            LabelIndex labels = labelIndex(cfg, accepted);
            VocabularyBuilder builder = new VocabularyBuilder(cfg.vocabularyMinCount(), cfg.vocabularyMaxSize());
            Vocabulary vocabulary = builder.build(TokenCounts.mostFrequent(
                    accepted.map(r -> tokenizer.tokenize(r.text())), builder.minCount(), builder.maxRealTokens()));
            LOG.info("vocabulary: {} entries (minCount {}, maxSize {}); labels: {}", vocabulary.size(),
                    cfg.vocabularyMinCount(), cfg.vocabularyMaxSize(), labels.labels());
            TextEncoder encoder = new TextEncoder(cfg.tokenizer(), vocabulary, cfg.sequence());

            // 2. encode and write each split; rejects of all splits go to one output
            Map<String, SplitCounts> splits = new LinkedHashMap<>();
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put(SeededSplit.TRAIN, trainPath);
            if (cfg.split().enabled()) {
                inputs.put(SeededSplit.VALIDATION, trainPath);
                inputs.put(SeededSplit.TEST, trainPath);
            } else if (cfg.paths().validation() != null) {
                inputs.put(SeededSplit.VALIDATION, cfg.paths().validation());
            }
            JavaRDD<Row> rejects = sc.emptyRDD();
            List<JavaRDD<EncodedRecord>> persisted = new ArrayList<>();
            long truncated = 0;
            for (Map.Entry<String, String> split : inputs.entrySet()) {
                String name = split.getKey();
                JavaRDD<EncodedRecord> encoded = name.equals(SeededSplit.TRAIN)
                        ? ClassificationData.encode(trainLines, encoder, labels)
                        : cfg.split().enabled() ? ClassificationData.encode(parsed.get(name), encoder, labels)
                        : ClassificationData.readEncoded(sc, split.getValue(), cfg.input(), cfg.layout(), encoder,
                        labels, "paths." + name);
                persisted.add(encoded);
                SplitCounts counts = ClassificationData.count(split.getValue(), encoded);
                if (cfg.split().enabled() && !name.equals(SeededSplit.TRAIN) && counts.read() == 0) {
                    continue; // a fraction of 0 (or a corpus too small for it): no such split
                }
                if (counts.written() == 0) {
                    throw new SeqPipeException((cfg.split().enabled() ? "the " + name + " split ("
                            + cfg.split().describe() + ") of paths.train " : "paths." + name + " ") + split.getValue()
                            + " has no usable lines: " + counts.describe(name) + "; see the rejects reasons");
                }
                splits.put(name, counts);
                LOG.info("prepare {}", counts.describe(name));
                ClassificationData.sequenceFrame(spark, encoded, labels).write().mode(SaveMode.ErrorIfExists)
                        .parquet(out.child(name));
                truncated += encoded.filter(e -> !e.isRejected() && e.sequence().truncated()).count();
                rejects = rejects.union(ClassificationData.rejectRows(encoded, name));
            }
            RejectsOutput.write(spark, rejects, out.child("rejects"));
            persisted.forEach(r -> r.unpersist(false));
            trainLines.unpersist(false);
            if (assigned != null) {
                assigned.unpersist(false);
            }
            HadoopFiles.writeLines(new Path(out.path(), "vocabulary.txt"), vocabulary.toLines(), hadoop);
            HadoopFiles.writeLines(new Path(out.path(), "labels.txt"), labels.labels(), hadoop);
            Summary summary = new Summary(out.target().toString(), splits, vocabulary.size(), labels.labels(),
                    truncated, cfg.split().enabled() ? cfg.split().describe() : null,
                    CharsetHint.of(cfg.input().charset(), "input.charset", splits.values()));
            Json.writeReport(summary, new Path(out.path(), "summary.json"), hadoop);
            out.commit();
            return summary;
        }
    }

    private static LabelIndex labelIndex(ClassificationTaskConfig cfg, JavaRDD<io.seqpipe.data.TextRecord> train) {
        if (!cfg.fixedLabels().isEmpty()) {
            List<String> fixed = cfg.fixedLabels();
            List<String> present = train.map(io.seqpipe.data.TextRecord::label).filter(fixed::contains).distinct()
                    .take(2);
            if (present.size() < 2 && !cfg.allowSingleClass()) {
                throw new SeqPipeException(present.isEmpty()
                        ? "the training data has no row labelled with any of labels.values " + fixed + "; is "
                        + "input.labelColumn right?"
                        : "the training data has one class, '" + present.get(0) + "' (of labels.values " + fixed
                        + "); a classifier needs at least two. Add rows of another class to paths.train, fix "
                        + "input.labelColumn, or set labels.allowSingleClass=true to prepare it anyway");
            }
            return new LabelIndex(fixed);
        }
        List<String> distinct = train.map(io.seqpipe.data.TextRecord::label).distinct().take(MAX_DERIVED_LABELS + 1);
        if (distinct.size() > MAX_DERIVED_LABELS) {
            throw new SeqPipeException(cfg.layout().labelsFromPaths()
                    ? "the paths give more than " + MAX_DERIVED_LABELS + " distinct labels from "
                    + cfg.layout().describeLabelSource() + "; is input.labelFrom right?"
                    : "the label column '" + cfg.input().labelColumn() + "' has more than " + MAX_DERIVED_LABELS
                    + " distinct values; is input.labelColumn right?");
        }
        if (distinct.isEmpty() || (distinct.size() == 1 && !cfg.allowSingleClass())) {
            throw new SeqPipeException("the training data has " + distinct.size() + " distinct label(s) " + distinct
                    + "; a classifier needs at least 2" + (distinct.isEmpty() ? "" : " (labels.allowSingleClass=true "
                    + "prepares it anyway)"));
        }
        return LabelIndex.sorted(distinct);
    }
}
