package io.seqpipe.tasks.tagging;

import io.seqpipe.tasks.CharacterColumn;
import io.seqpipe.tasks.CharacterIds;
import io.seqpipe.SeqPipeException;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.data.SeededSplit;
import io.seqpipe.tagging.TagSchemeConverter;
import io.seqpipe.spark.TokenCounts;
import io.seqpipe.tagging.SentenceOutcome;
import io.seqpipe.tagging.TaggedSentence;
import io.seqpipe.tasks.CharsetHint;
import io.seqpipe.tasks.InputSource;
import io.seqpipe.tasks.LabelledSplits;
import io.seqpipe.tasks.PrepareStep;
import io.seqpipe.tasks.PretrainedEmbeddings;
import io.seqpipe.tasks.RecordRejections;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.tasks.SplitInputs;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.text.VocabularyBuilder;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code prepare} for the tagging tasks: reads the labelled column files, converts tags to the scheme the model
 * learns, builds the word, affix and tag vocabularies from the training split, and writes atomically
 * ({@link PrepareStep}) to {@code paths.prepared}:
 * <pre>
 *   train/, validation/, test/   the sequence DataFrame per split (Parquet; see {@link TaggingData#SCHEMA})
 *   rejects/                     every rejected line or sentence with split, file, line number, reason (JSON lines)
 *   vocabulary.txt, labels.txt   word forms and tags, one per line (line number = id)
 *   char-vocabulary.txt          characters, escaped, one per line (with a character encoder; {@link CharacterIds})
 *   artifacts/                   the affix vocabularies
 *   summary.json                 sentence counts per split and reason, sizes, tokens, cut sentences
 * </pre>
 * What is particular to tagging ({@link Parts}): the column reader, the word, affix and tag vocabularies, and the
 * encoding of sentences as feature ids; {@link LabelledSplits} does the rest. Sentences are rejected only as read,
 * so each split is counted (and refused when it has none) before the vocabularies are built.
 */
public final class PrepareTaggingData {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareTaggingData.class);
    private static final int MAX_TAGS = 1000;

    /** What prepare wrote. */
    public record Summary(String output, Map<String, SplitCounts> splits, Map<String, Long> tokens,
                          int vocabularySize, Map<String, Integer> affixVocabularySizes, List<String> tags,
                          long cutSentences, String split, CharsetHint charsetHint)
            implements LabelledSplits.Report {
        @Override
        public String recordsName() {
            return "sentences";
        }

        @Override
        public String describe(String split, SplitCounts counts) {
            return counts.describe(split).replace("read", "sentences read") + ", tokens " + tokens.get(split);
        }

        @Override
        public List<String> details() {
            return List.of("  word vocabulary " + vocabularySize + ", affix vocabularies " + affixVocabularySizes
                    + ", training sentences cut to sequence.maxTrainLength: " + cutSentences,
                    "  tags (" + tags.size() + "): " + tags);
        }
    }

    private PrepareTaggingData() {
    }

    public static Summary run(SparkSession spark, TaggingTaskConfig cfg, boolean overwrite) {
        return run(spark, cfg, overwrite, null);
    }

    /**
     * Prepares with {@code source} reading each input (e.g. a DataFrame's rows, {@link #readRows}; its sentences'
     * tags in {@code tags.input}, converted here as the files' are), or the files of {@code paths.*} when it is null.
     */
    public static Summary run(SparkSession spark, TaggingTaskConfig cfg, boolean overwrite,
                              InputSource<SentenceOutcome> source) {
        return PrepareStep.run(spark, cfg.paths().train(), "paths.train", cfg.paths().prepared(), cfg.resolved(),
                overwrite, step -> {
                    LabelledSplits.Prepared<Vocabularies, Written> p = LabelledSplits.prepare(step,
                            SplitInputs.of(step.input(), cfg.paths().validation(), cfg.paths().test()), cfg.split(),
                            new Parts(step.spark(), cfg, source));
                    TokenFeatures features = p.vocabularies().features();
                    List<String> tags = p.vocabularies().tags().labels();
                    step.writeLines("vocabulary.txt", features.words().toLines());
                    step.writeLines("labels.txt", tags);
                    if (p.vocabularies().chars() != null) {
                        step.writeLines(CharacterIds.FILE, p.vocabularies().chars().toLines());
                    }
                    features.artifacts().forEach((name, lines) -> step.writeLines("artifacts/" + name, lines));
                    Map<String, Integer> affixSizes = new LinkedHashMap<>();
                    features.channels(1).stream()
                            .filter(c -> c.name().startsWith("prefix") || c.name().startsWith("suffix"))
                            .forEach(c -> affixSizes.put(c.name(), c.vocabulary()));
                    Map<String, Long> tokens = new LinkedHashMap<>();
                    p.measures().forEach((split, w) -> tokens.put(split, w.tokens()));
                    return new Summary(step.target(), p.splits(), tokens, features.words().size(), affixSizes, tags,
                            p.measures().values().stream().mapToLong(Written::cut).sum(), p.seededSplit(),
                            CharsetHint.of("UTF-8", null, p.splits().values()));
                });
    }

    /**
     * Reads the rows of a DataFrame as tagged sentences: the tokens of {@code tokensColumn} and the tags of
     * {@code tagsColumn} (both arrays of strings), each sentence named by {@code source} and its 1-based row number.
     * A row without tokens, with a null or blank token or tag, or with a tag count that is not its token count is
     * rejected with its reason, as a sentence of a file would be.
     */
    public static JavaRDD<SentenceOutcome> readRows(Dataset<Row> frame, String tokensColumn, String tagsColumn,
                                                    String source) {
        return frame.select(tokensColumn, tagsColumn).toJavaRDD().zipWithIndex().map(t -> {
            Row r = t._1();
            long line = t._2() + 1;
            List<String> tokens = r.isNullAt(0) ? List.of() : r.getList(0);
            List<String> tags = r.isNullAt(1) ? null : r.getList(1);
            String shown = tokens + "\t" + tags;
            RejectReason reason = null;
            String detail = null;
            if (tokens.isEmpty()) {
                reason = RejectReason.EMPTY_SENTENCE;
                detail = "column '" + tokensColumn + "' has no tokens";
            } else if (tokens.stream().anyMatch(w -> w == null || w.isBlank())) {
                reason = RejectReason.EMPTY_TOKEN;
                detail = "column '" + tokensColumn + "' has a null or blank token";
            } else if (tags == null || tags.size() != tokens.size()) {
                reason = RejectReason.WRONG_COLUMN_COUNT;
                detail = "column '" + tagsColumn + "' has " + (tags == null ? "no" : tags.size()) + " tags for "
                        + tokens.size() + " tokens";
            } else if (tags.stream().anyMatch(g -> g == null || g.isBlank())) {
                reason = RejectReason.EMPTY_TAG;
                detail = "column '" + tagsColumn + "' has a null or blank tag";
            }
            return reason != null ? SentenceOutcome.rejected(List.of(new Rejection(source, line, reason, detail,
                    shown))) : SentenceOutcome.ok(new TaggedSentence(source, line, tokens, tags));
        });
    }

    /**
     * The word and affix vocabularies and the tag set of the training split, and its character vocabulary when the
     * character encoder is on (else null).
     */
    record Vocabularies(TokenFeatures features, LabelIndex tags, CharacterIds chars) {
    }

    /** Tokens of a written split, and its sentences cut to {@code sequence.maxTrainLength} (training only). */
    record Written(long tokens, long cut) {
    }

    /**
     * Tagging's parts of prepare: column files read into sentences, vocabularies counted, sentences encoded.
     *
     * @param files the input files of each path read, in row-number order
     */
    private static final class Parts extends LabelledSplits.Parts<SentenceOutcome, Vocabularies, Row, Written> {
        private final SparkSession spark;
        private final TaggingTaskConfig cfg;
        /** The input files of each path read, in row-number order. */
        private final Map<String, List<String>> files = new HashMap<>();

        private final InputSource<SentenceOutcome> source;

        Parts(SparkSession spark, TaggingTaskConfig cfg, InputSource<SentenceOutcome> source) {
            super("sentences", "is input.format (" + cfg.input().kind().name().toLowerCase(Locale.ROOT) + ") right?",
                    TaggingData.REJECTIONS, null, TaggingData::identity);
            this.spark = spark;
            this.cfg = cfg;
            this.source = source;
        }

        @Override
        protected JavaRDD<SentenceOutcome> read(String path, String key) {
            if (source != null) { // the rows' sentences all carry the source's name: one "file"
                TagSchemeConverter converter = new TagSchemeConverter(cfg.inputScheme(), cfg.trainScheme());
                files.put(path, List.of(path));
                return source.read(path, key).map(o -> o.isRejected() ? o : converter.convert(o.sentence()));
            }
            TaggingData.Labelled labelled = TaggingData.readLabelled(
                    JavaSparkContext.fromSparkContext(spark.sparkContext()), path, cfg.input(), cfg.inputScheme(),
                    cfg.trainScheme(), key);
            files.put(path, labelled.files());
            return labelled.outcomes();
        }

        @Override
        protected Vocabularies vocabularies(JavaRDD<SentenceOutcome> acceptedTraining) {
            JavaRDD<TaggedSentence> train = acceptedTraining.map(SentenceOutcome::sentence);
            TokenFeatures features = buildFeatures(cfg, train);
            List<String> tagNames = train.flatMap(s -> s.tags().iterator()).distinct().take(MAX_TAGS + 1);
            if (tagNames.size() > MAX_TAGS) {
                throw new SeqPipeException("the tag column has more than " + MAX_TAGS + " distinct values; is "
                        + "input.tagColumn right?");
            }
            LabelIndex tags = LabelIndex.sorted(tagNames);
            LOG.info("vocabulary: {} word forms; tags: {}", features.words().size(), tags.labels());
            CharacterIds chars = cfg.chars().enabled() ? CharacterColumn.count(train.map(TaggedSentence::tokens),
                    cfg.chars()) : null;
            if (chars != null) {
                LOG.info("character vocabulary: {} entries", chars.size());
            }
            return new Vocabularies(features, tags, chars);
        }

        @Override
        protected JavaRDD<Row> encode(String split, String path, JavaRDD<SentenceOutcome> read, Vocabularies v) {
            return TaggingData.encode(read.filter(o -> !o.isRejected()).map(SentenceOutcome::sentence),
                    files.get(path), v.features(), v.chars(), v.tags(), maxLength(split));
        }

        @Override
        protected Dataset<Row> frame(JavaRDD<Row> encoded, Vocabularies v) {
            return TaggingData.frame(spark, encoded, v.chars() != null);
        }

        @Override
        protected Written measure(String split, JavaRDD<SentenceOutcome> read, JavaRDD<Row> encoded) {
            JavaRDD<TaggedSentence> sentences = read.filter(o -> !o.isRejected()).map(SentenceOutcome::sentence);
            int maxLength = maxLength(split);
            return new Written(sentences.map(s -> (long) s.length()).fold(0L, Long::sum),
                    maxLength > 0 ? sentences.filter(s -> s.length() > maxLength).count() : 0);
        }

        /** Training sentences are cut to {@code sequence.maxTrainLength}; others never (0). */
        private int maxLength(String split) {
            return split.equals(SeededSplit.TRAIN) ? cfg.maxTrainLength() : 0;
        }
    }

    /** Word and affix vocabularies from the training sentences. */
    static TokenFeatures buildFeatures(TaggingTaskConfig cfg, JavaRDD<TaggedSentence> train) {
        TokenFeatures.Spec spec = cfg.features();
        JavaRDD<List<String>> forms = train.map(s -> s.tokens().stream().map(spec::wordForm).toList()).cache();
        VocabularyBuilder words = new VocabularyBuilder(cfg.wordMinCount(), cfg.wordMaxSize());
        Vocabulary wordVocabulary = words.build(TokenCounts.mostFrequent(forms, words.minCount(),
                words.maxRealTokens()));
        wordVocabulary = PretrainedEmbeddings.vocabulary(cfg.embeddings(), wordVocabulary, cfg.wordMaxSize(),
                cfg.embeddingsMatcher(), "model.embedding", cfg.model().embedding(),
                train.context().hadoopConfiguration());
        Map<String, Vocabulary> affixes = new LinkedHashMap<>();
        VocabularyBuilder affixBuilder = new VocabularyBuilder(spec.affixMinCount(), spec.affixMaxSize());
        for (String channel : spec.affixChannels()) {
            JavaRDD<List<String>> affix = forms.map(f -> {
                List<String> out = new ArrayList<>(f.size());
                f.forEach(w -> out.add(TokenFeatures.Spec.affix(channel, w)));
                return out;
            });
            affixes.put(channel, affixBuilder.build(TokenCounts.mostFrequent(affix, affixBuilder.minCount(),
                    affixBuilder.maxRealTokens())));
        }
        forms.unpersist(false);
        return new TokenFeatures(spec, wordVocabulary, affixes);
    }
}
