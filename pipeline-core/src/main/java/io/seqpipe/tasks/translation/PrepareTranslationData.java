package io.seqpipe.tasks.translation;

import io.seqpipe.spark.TokenCounts;
import io.seqpipe.tasks.InputSource;
import io.seqpipe.tasks.LabelledSplits;
import io.seqpipe.tasks.PrepareStep;
import io.seqpipe.tasks.RecordRejections;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.tasks.SplitInputs;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.translation.PairEncoder;
import io.seqpipe.translation.PairOutcome;
import io.seqpipe.translation.TranslationTokenizer;
import io.seqpipe.translation.TranslationVocabularies;
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
 * {@code prepare} for translation: reads the parallel splits, builds the source and target vocabularies from the
 * training pairs ({@code <pad> <unk> <s> </s>} first), encodes every pair, and writes atomically
 * ({@link PrepareStep}) to {@code paths.prepared}:
 * <pre>
 *   train/, validation/, test/   the sequence DataFrame per split (Parquet; {@link TranslationData#SCHEMA})
 *   rejects/                     every rejected pair with split, file(s), line, reason (JSON lines)
 *   source-vocabulary.txt, target-vocabulary.txt   one token per line (line number = id)
 *   summary.json                 pair counts per split and reason, vocabulary sizes, tokens
 * </pre>
 * Training and validation pairs longer than {@code sequence.max*Length} are rejected, never cut; test pairs are
 * only rejected when a side is empty. What is particular to translation ({@link Parts}): the parallel reader, the
 * two vocabularies and the pair encoding; {@link LabelledSplits} does the rest.
 */
public final class PrepareTranslationData {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareTranslationData.class);
    public static final String SOURCE_VOCABULARY = "source-vocabulary.txt";
    public static final String TARGET_VOCABULARY = "target-vocabulary.txt";

    /** What prepare wrote. */
    public record Summary(String output, Map<String, SplitCounts> splits, Map<String, Long> sourceTokens,
                          Map<String, Long> targetTokens, String sourceLanguage, int sourceVocabularySize,
                          String targetLanguage, int targetVocabularySize)
            implements LabelledSplits.Report {
        @Override
        public String recordsName() {
            return "pairs";
        }

        @Override
        public String describe(String split, SplitCounts counts) {
            return counts.describe(split).replace("read", "pairs read") + ", source tokens " + sourceTokens.get(split)
                    + ", target tokens " + targetTokens.get(split);
        }

        @Override
        public List<String> details() {
            return List.of("  vocabularies: source (" + sourceLanguage + ") " + sourceVocabularySize + ", target ("
                    + targetLanguage + ") " + targetVocabularySize);
        }
    }

    private PrepareTranslationData() {
    }

    public static Summary run(SparkSession spark, TranslationTaskConfig cfg, boolean overwrite) {
        return run(spark, cfg, overwrite, null);
    }

    /**
     * Prepares with {@code reader} reading each input (e.g. a DataFrame's rows, {@link TranslationData#readRows}),
     * or the files of {@code paths.*} ({@code input.format}) when it is null.
     */
    public static Summary run(SparkSession spark, TranslationTaskConfig cfg, boolean overwrite,
                              InputSource<PairOutcome> reader) {
        return PrepareStep.run(spark, cfg.paths().train(), "paths.train", cfg.paths().prepared(), cfg.resolved(),
                overwrite, step -> {
                    LabelledSplits.Prepared<Vocabularies, Tokens> p = LabelledSplits.prepare(step,
                            SplitInputs.of(step.input(), cfg.paths().validation(), cfg.paths().test()), null,
                            new Parts(step.spark(), cfg, reader));
                    Vocabulary source = p.vocabularies().limited().sourceVocabulary();
                    Vocabulary target = p.vocabularies().limited().targetVocabulary();
                    step.writeLines(SOURCE_VOCABULARY, source.toLines());
                    step.writeLines(TARGET_VOCABULARY, target.toLines());
                    Map<String, Long> sourceTokens = new LinkedHashMap<>();
                    Map<String, Long> targetTokens = new LinkedHashMap<>();
                    p.measures().forEach((split, t) -> {
                        sourceTokens.put(split, t.source());
                        targetTokens.put(split, t.target());
                    });
                    return new Summary(step.target(), p.splits(), sourceTokens, targetTokens,
                            cfg.source().language(), source.size(), cfg.target().language(), target.size());
                });
    }

    /**
     * The encoders over the training pairs' vocabularies: limited to {@code sequence.max*Length} (training and
     * validation), and unlimited (test).
     */
    record Vocabularies(PairEncoder limited, PairEncoder unlimited) {
    }

    /** The source and target tokens of a split's kept pairs. */
    record Tokens(long source, long target) {
    }

    /** Translation's parts of prepare: parallel text read, both vocabularies counted, pairs encoded. */
    private static final class Parts
            extends LabelledSplits.Parts<PairOutcome, Vocabularies, TranslationData.Encoded, Tokens> {
        private final SparkSession spark;
        private final TranslationTaskConfig cfg;
        private final InputSource<PairOutcome> source;

        Parts(SparkSession spark, TranslationTaskConfig cfg, InputSource<PairOutcome> source) {
            super("pairs", "are input.format and the language codes right?",
                    RecordRejections.single(PairOutcome::rejection), TranslationData.REJECTIONS, null);
            this.spark = spark;
            this.cfg = cfg;
            this.source = source;
        }

        @Override
        protected JavaRDD<PairOutcome> read(String path, String key) {
            if (source != null) {
                return source.read(path, key);
            }
            return TranslationData.read(JavaSparkContext.fromSparkContext(spark.sparkContext()), cfg, path);
        }

        @Override
        protected Vocabularies vocabularies(JavaRDD<PairOutcome> acceptedTraining) {
            Vocabulary source = vocabulary(acceptedTraining.map(o -> o.pair().source()), cfg.source().tokenizer(),
                    cfg);
            Vocabulary target = vocabulary(acceptedTraining.map(o -> o.pair().target()), cfg.target().tokenizer(),
                    cfg);
            LOG.info("vocabularies: source {} tokens, target {} tokens", source.size(), target.size());
            return new Vocabularies(new PairEncoder(cfg.source().tokenizer(), cfg.target().tokenizer(), source, target,
                    cfg.maxSourceLength(), cfg.maxTargetLength()), new PairEncoder(cfg.source().tokenizer(),
                    cfg.target().tokenizer(), source, target, Integer.MAX_VALUE, Integer.MAX_VALUE));
        }

        @Override
        protected JavaRDD<TranslationData.Encoded> encode(String split, String path, JavaRDD<PairOutcome> read,
                                                         Vocabularies v) {
            return TranslationData.encode(read, split.equals("test") ? v.unlimited() : v.limited());
        }

        @Override
        protected Dataset<Row> frame(JavaRDD<TranslationData.Encoded> encoded, Vocabularies v) {
            return TranslationData.frame(spark, encoded);
        }

        @Override
        protected Tokens measure(String split, JavaRDD<PairOutcome> read, JavaRDD<TranslationData.Encoded> encoded) {
            JavaRDD<TranslationData.Encoded> kept = encoded.filter(TranslationData.Encoded::kept);
            return new Tokens(kept.map(e -> (long) e.outcome().pair().source().length).fold(0L, Long::sum),
                    kept.map(e -> (long) e.outcome().pair().targetLength()).fold(0L, Long::sum));
        }
    }

    private static Vocabulary vocabulary(JavaRDD<String> sentences, TranslationTokenizer tokenizer,
                                         TranslationTaskConfig cfg) {
        JavaRDD<List<String>> tokens = sentences.map(tokenizer::tokenize);
        int maxReal = cfg.maxVocabulary() - 2 - TranslationVocabularies.SPECIALS.size();
        return TranslationVocabularies.build(TokenCounts.mostFrequent(tokens, cfg.minCount(), maxReal),
                cfg.minCount(), cfg.maxVocabulary());
    }
}
