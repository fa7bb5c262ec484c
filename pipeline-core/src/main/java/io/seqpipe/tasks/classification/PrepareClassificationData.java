package io.seqpipe.tasks.classification;

import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.spark.RejectsOutput;
import io.seqpipe.SeqPipeException;
import io.seqpipe.data.ParseOutcome;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.spark.DelimitedTextSource;
import io.seqpipe.spark.TokenCounts;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.TextEncoder;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.text.VocabularyBuilder;
import io.seqpipe.text.WordTokenizer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
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
 * {@code prepare}: raw labelled text → sequence DataFrames, vocabulary and label index, with rejects. Writes, atomically,
 * to {@code paths.prepared}:
 * <pre>
 *   train/            sequence DataFrame (Parquet; schema in {@link ClassificationData})
 *   validation/       the same for paths.validation, when set
 *   vocabulary.txt    built from the training split only
 *   labels.txt        the fixed label set, or the training split's sorted distinct labels
 *   rejects/          JSON lines: split, source, offset, reason, detail, line
 *   summary.json      counts per split and reason, vocabulary size, labels
 * </pre>
 */
public final class PrepareClassificationData {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareClassificationData.class);
    /** More distinct labels than this means the label column is probably wrong. */
    static final int MAX_DERIVED_LABELS = 10_000;

    /** What prepare did. */
    public record Summary(String output, Map<String, SplitCounts> splits, int vocabularySize, List<String> labels,
                          long tokensTruncatedExamples) {
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
            // 1. parse the training file once: labels and tokens come from its accepted lines, and the same parsed
            //    lines are encoded below
            JavaRDD<ParseOutcome> trainLines = DelimitedTextSource.read(sc, trainPath, cfg.input(), "paths.train")
                    .lines().persist(StorageLevel.MEMORY_AND_DISK());
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
            inputs.put("train", trainPath);
            if (cfg.paths().validation() != null) {
                inputs.put("validation", cfg.paths().validation());
            }
            JavaRDD<Row> rejects = sc.emptyRDD();
            List<JavaRDD<EncodedRecord>> persisted = new ArrayList<>();
            long truncated = 0;
            for (Map.Entry<String, String> split : inputs.entrySet()) {
                JavaRDD<EncodedRecord> encoded = split.getKey().equals("train")
                        ? ClassificationData.encode(trainLines, encoder, labels)
                        : ClassificationData.readEncoded(sc, split.getValue(), cfg.input(), encoder, labels,
                        "paths." + split.getKey());
                persisted.add(encoded);
                SplitCounts counts = ClassificationData.count(split.getValue(), encoded);
                if (counts.written() == 0) {
                    throw new SeqPipeException("paths." + split.getKey() + " " + split.getValue()
                            + " has no usable lines: " + counts.describe(split.getKey()) + "; see the rejects reasons");
                }
                splits.put(split.getKey(), counts);
                LOG.info("prepare {}", counts.describe(split.getKey()));
                ClassificationData.sequenceFrame(spark, encoded, labels).write().mode(SaveMode.ErrorIfExists)
                        .parquet(out.child(split.getKey()));
                truncated += encoded.filter(e -> !e.isRejected() && e.sequence().truncated()).count();
                rejects = rejects.union(ClassificationData.rejectRows(encoded, split.getKey()));
            }
            RejectsOutput.write(spark, rejects, out.child("rejects"));
            persisted.forEach(r -> r.unpersist(false));
            trainLines.unpersist(false);
            HadoopFiles.writeLines(new Path(out.path(), "vocabulary.txt"), vocabulary.toLines(), hadoop);
            HadoopFiles.writeLines(new Path(out.path(), "labels.txt"), labels.labels(), hadoop);
            Summary summary = new Summary(out.target().toString(), splits, vocabulary.size(), labels.labels(),
                    truncated);
            Json.write(summary, new Path(out.path(), "summary.json"), hadoop);
            out.commit();
            return summary;
        }
    }

    private static LabelIndex labelIndex(ClassificationTaskConfig cfg, JavaRDD<io.seqpipe.data.TextRecord> train) {
        if (!cfg.fixedLabels().isEmpty()) {
            return new LabelIndex(cfg.fixedLabels());
        }
        List<String> distinct = train.map(io.seqpipe.data.TextRecord::label).distinct().take(MAX_DERIVED_LABELS + 1);
        if (distinct.size() > MAX_DERIVED_LABELS) {
            throw new SeqPipeException("the label column '" + cfg.input().labelColumn() + "' has more than "
                    + MAX_DERIVED_LABELS + " distinct values; is input.labelColumn right?");
        }
        if (distinct.size() < 2) {
            throw new SeqPipeException("the training data has " + distinct.size() + " distinct label(s) " + distinct
                    + "; a classifier needs at least 2");
        }
        return LabelIndex.sorted(distinct);
    }
}
