package io.seqpipe.tasks.classification;

import io.seqpipe.SeqPipeException;
import io.seqpipe.data.ParseOutcome;
import io.seqpipe.data.SeededSplit;
import io.seqpipe.data.TextRecord;
import io.seqpipe.spark.TokenCounts;
import io.seqpipe.tasks.CharacterColumn;
import io.seqpipe.tasks.CharacterIds;
import io.seqpipe.tasks.CharsetHint;
import io.seqpipe.tasks.InputSource;
import io.seqpipe.tasks.LabelledSplits;
import io.seqpipe.tasks.PrepareStep;
import io.seqpipe.tasks.PretrainedEmbeddings;
import io.seqpipe.tasks.RecordRejections;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.TextEncoder;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.text.VocabularyBuilder;
import io.seqpipe.text.WordTokenizer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prepare}: raw labelled text (delimited, or labelled by its paths: {@code input.layout}) → sequence
 * DataFrames, vocabulary and label index, with rejects. Writes, atomically ({@link PrepareStep}),
 * to {@code paths.prepared}:
 * <pre>
 *   train/            sequence DataFrame (Parquet; schema in {@link ClassificationData})
 *   validation/       the same for paths.validation, when set
 *   test/             with split.* only: the test split cut from paths.train (validation/ is then cut from it too)
 *   vocabulary.txt    built from the training split only (with model.embeddings.path: and the file's words, by
 *                     model.embeddings.vocabulary)
 *   char-vocabulary.txt  with a character encoder (model.chars.encoder): characters, escaped, one per line
 *                     ({@link CharacterIds})
 *   labels.txt        the fixed label set, or the training split's sorted distinct labels
 *   rejects/          JSON lines: split, source, offset, reason, detail, line
 *   summary.json      counts per split and reason, vocabulary size, labels, and a charset hint when lines
 *                     were undecodable ({@link CharsetHint})
 * </pre>
 * What is particular to classification: the parser, the label set and the vocabulary, and the encoding
 * ({@link Parts}); {@link LabelledSplits} does the rest.
 */
public final class PrepareClassificationData {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareClassificationData.class);
    /** More distinct labels than this means the label column is probably wrong. */
    static final int MAX_DERIVED_LABELS = 10_000;

    /** What prepare did. */
    public record Summary(String output, Map<String, SplitCounts> splits, int vocabularySize, List<String> labels,
                          long tokensTruncatedExamples, String split, CharsetHint charsetHint)
            implements LabelledSplits.Report {
        @Override
        public String recordsName() {
            return "lines";
        }

        @Override
        public List<String> details() {
            return List.of("  vocabulary " + vocabularySize + " entries, labels " + labels + ", truncated examples "
                    + tokensTruncatedExamples);
        }
    }

    private PrepareClassificationData() {
    }

    public static Summary run(SparkSession spark, ClassificationTaskConfig cfg, boolean overwrite) {
        return run(spark, cfg, overwrite, null);
    }

    /**
     * Prepares with {@code source} reading each input (e.g. a DataFrame's rows,
     * {@link ClassificationData#readRows}), or the files of {@code paths.*} when it is null.
     */
    public static Summary run(SparkSession spark, ClassificationTaskConfig cfg, boolean overwrite,
                              InputSource<ParseOutcome> source) {
        return PrepareStep.run(spark, cfg.paths().train(), "paths.train", cfg.paths().prepared(), cfg.resolved(),
                overwrite, step -> {
                    Map<String, String> inputs = new LinkedHashMap<>();
                    inputs.put(SeededSplit.TRAIN, step.input());
                    if (cfg.paths().validation() != null) {
                        inputs.put(SeededSplit.VALIDATION, cfg.paths().validation());
                    }
                    LabelledSplits.Prepared<Vocabularies, Long> p = LabelledSplits.prepare(step, inputs, cfg.split(),
                            new Parts(step.spark(), cfg, source));
                    step.writeLines("vocabulary.txt", p.vocabularies().words().toLines());
                    step.writeLines("labels.txt", p.vocabularies().labels().labels());
                    if (p.vocabularies().chars() != null) {
                        step.writeLines(CharacterIds.FILE, p.vocabularies().chars().toLines());
                    }
                    return new Summary(step.target(), p.splits(), p.vocabularies().words().size(),
                            p.vocabularies().labels().labels(),
                            p.measures().values().stream().mapToLong(Long::longValue).sum(), p.seededSplit(),
                            CharsetHint.of(cfg.input().charset(), "input.charset", p.splits().values()));
                });
    }

    /**
     * The training split's vocabulary and label set, the encoder built from them, and its character vocabulary when
     * the character encoder is on (else null).
     */
    record Vocabularies(Vocabulary words, LabelIndex labels, TextEncoder encoder, CharacterIds chars) {
    }

    /** Classification's parts of prepare: lines parsed, labels and words counted, texts encoded. */
    private static final class Parts extends LabelledSplits.Parts<ParseOutcome, Vocabularies, EncodedRecord, Long> {
        private final SparkSession spark;
        private final ClassificationTaskConfig cfg;
        private final InputSource<ParseOutcome> source;

        Parts(SparkSession spark, ClassificationTaskConfig cfg, InputSource<ParseOutcome> source) {
            super("lines", "see the rejects reasons", ClassificationData.PARSE_REJECTIONS,
                    ClassificationData.REJECTIONS, ClassificationData::identity);
            this.spark = spark;
            this.cfg = cfg;
            this.source = source;
        }

        @Override
        protected JavaRDD<ParseOutcome> read(String path, String key) {
            if (source != null) {
                return source.read(path, key);
            }
            return ClassificationData.readLines(JavaSparkContext.fromSparkContext(spark.sparkContext()), path,
                    cfg.input(), cfg.layout(), key);
        }

        @Override
        protected Vocabularies vocabularies(JavaRDD<ParseOutcome> acceptedTraining) {
            JavaRDD<TextRecord> accepted = acceptedTraining.map(ParseOutcome::record);
            LabelIndex labels = labelIndex(cfg, accepted);
            WordTokenizer tokenizer = new WordTokenizer(cfg.tokenizer());
            VocabularyBuilder builder = new VocabularyBuilder(cfg.vocabularyMinCount(), cfg.vocabularyMaxSize());
            Vocabulary vocabulary = PretrainedEmbeddings.vocabulary(cfg.embeddings(),
                    builder.build(TokenCounts.mostFrequent(accepted.map(r -> tokenizer.tokenize(r.text())),
                            builder.minCount(), builder.maxRealTokens())), cfg.vocabularyMaxSize(),
                    cfg.embeddingsMatcher(), "model.embedding", cfg.model().embedding(),
                    spark.sparkContext().hadoopConfiguration());
            LOG.info("vocabulary: {} entries (minCount {}, maxSize {}); labels: {}", vocabulary.size(),
                    cfg.vocabularyMinCount(), cfg.vocabularyMaxSize(), labels.labels());
            TextEncoder encoder = new TextEncoder(cfg.tokenizer(), vocabulary, cfg.sequence());
            CharacterIds chars = cfg.chars().enabled()
                    ? CharacterColumn.count(accepted.map(r -> encoder.keptTokens(r.text())), cfg.chars()) : null;
            if (chars != null) {
                LOG.info("character vocabulary: {} entries", chars.size());
            }
            return new Vocabularies(vocabulary, labels, encoder, chars);
        }

        @Override
        protected JavaRDD<EncodedRecord> encode(String split, String path, JavaRDD<ParseOutcome> read, Vocabularies v) {
            return ClassificationData.encode(read, v.encoder(), v.chars(), v.labels());
        }

        @Override
        protected Dataset<Row> frame(JavaRDD<EncodedRecord> encoded, Vocabularies v) {
            return ClassificationData.sequenceFrame(spark, encoded, v.labels(), v.chars() != null);
        }

        /** The examples whose tokens were cut at {@code sequence.maxLength}. */
        @Override
        protected Long measure(String split, JavaRDD<ParseOutcome> read, JavaRDD<EncodedRecord> encoded) {
            return encoded.filter(e -> !e.isRejected() && e.sequence().truncated()).count();
        }
    }

    private static LabelIndex labelIndex(ClassificationTaskConfig cfg, JavaRDD<TextRecord> train) {
        if (!cfg.fixedLabels().isEmpty()) {
            List<String> fixed = cfg.fixedLabels();
            List<String> present = train.map(TextRecord::label).filter(fixed::contains).distinct().take(2);
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
        List<String> distinct = train.map(TextRecord::label).distinct().take(MAX_DERIVED_LABELS + 1);
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
