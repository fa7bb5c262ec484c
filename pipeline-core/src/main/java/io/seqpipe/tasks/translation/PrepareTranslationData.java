package io.seqpipe.tasks.translation;

import io.seqpipe.SeqPipeException;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.spark.RejectsOutput;
import io.seqpipe.spark.TokenCounts;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.tasks.SplitInputs;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.translation.PairEncoder;
import io.seqpipe.translation.PairOutcome;
import io.seqpipe.translation.TranslationTokenizer;
import io.seqpipe.translation.TranslationVocabularies;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prepare} for translation: reads the parallel splits, builds the source and target vocabularies from the
 * training pairs ({@code <pad> <unk> <s> </s>} first), encodes every pair, and writes atomically to
 * {@code paths.prepared}:
 * <pre>
 *   train/, validation/, test/   the sequence DataFrame per split (Parquet; {@link TranslationData#SCHEMA})
 *   rejects/                     every rejected pair with split, file(s), line, reason (JSON lines)
 *   source-vocabulary.txt, target-vocabulary.txt   one token per line (line number = id)
 *   summary.json                 pair counts per split and reason, vocabulary sizes, tokens
 * </pre>
 * Training and validation pairs longer than {@code sequence.max*Length} are rejected, never cut; test pairs are
 * only rejected when a side is empty.
 */
public final class PrepareTranslationData {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareTranslationData.class);
    public static final String SOURCE_VOCABULARY = "source-vocabulary.txt";
    public static final String TARGET_VOCABULARY = "target-vocabulary.txt";

    /** What prepare wrote. */
    public record Summary(String output, Map<String, SplitCounts> splits, Map<String, Long> sourceTokens,
                          Map<String, Long> targetTokens, int sourceVocabularySize, int targetVocabularySize) {
        public long totalRejected() {
            return splits.values().stream().mapToLong(SplitCounts::rejected).sum();
        }
    }

    private PrepareTranslationData() {
    }

    public static Summary run(SparkSession spark, TranslationTaskConfig cfg, boolean overwrite) {
        String trainPath = TranslationTaskConfig.require(cfg.paths().train(), "paths.train", "prepare");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        try (AtomicOutput out = AtomicOutput.begin(cfg.paths().prepared(), overwrite, hadoop)) {
            out.writeResolvedConfig(cfg.resolved());
            Map<String, String> inputs = SplitInputs.of(trainPath, cfg.paths().validation(), cfg.paths().test());
            Map<String, JavaRDD<PairOutcome>> read = new LinkedHashMap<>();
            for (Map.Entry<String, String> split : inputs.entrySet()) {
                read.put(split.getKey(), TranslationData.read(sc, cfg, split.getValue())
                        .persist(StorageLevel.MEMORY_AND_DISK()));
            }

            JavaRDD<PairOutcome> trainPairs = read.get("train").filter(o -> !o.isRejected());
            Vocabulary source = vocabulary(trainPairs.map(o -> o.pair().source()), cfg.source().tokenizer(), cfg);
            Vocabulary target = vocabulary(trainPairs.map(o -> o.pair().target()), cfg.target().tokenizer(), cfg);
            LOG.info("vocabularies: source {} tokens, target {} tokens", source.size(), target.size());
            PairEncoder limited = new PairEncoder(cfg.source().tokenizer(), cfg.target().tokenizer(), source, target,
                    cfg.maxSourceLength(), cfg.maxTargetLength());
            PairEncoder unlimited = new PairEncoder(cfg.source().tokenizer(), cfg.target().tokenizer(), source, target,
                    Integer.MAX_VALUE, Integer.MAX_VALUE);

            Map<String, SplitCounts> splits = new LinkedHashMap<>();
            Map<String, Long> sourceTokens = new LinkedHashMap<>();
            Map<String, Long> targetTokens = new LinkedHashMap<>();
            JavaRDD<Row> rejects = sc.emptyRDD();
            for (Map.Entry<String, JavaRDD<PairOutcome>> split : read.entrySet()) {
                String name = split.getKey();
                JavaRDD<TranslationData.Encoded> encoded = TranslationData.encode(split.getValue(),
                        name.equals("test") ? unlimited : limited).persist(StorageLevel.MEMORY_AND_DISK());
                SplitCounts counts = TranslationData.counts(encoded, inputs.get(name));
                LOG.info("prepare {}", counts.describe(name));
                if (counts.written() == 0) {
                    throw new SeqPipeException("paths." + name + " " + inputs.get(name) + " has no usable pairs: "
                            + counts.describe(name) + "; are input.format and the language codes right?");
                }
                splits.put(name, counts);
                TranslationData.frame(spark, encoded).write().mode(SaveMode.ErrorIfExists).parquet(out.child(name));
                JavaRDD<TranslationData.Encoded> kept = encoded.filter(TranslationData.Encoded::kept);
                sourceTokens.put(name, kept.map(e -> (long) e.outcome().pair().source().length).fold(0L, Long::sum));
                targetTokens.put(name, kept.map(e -> (long) e.outcome().pair().targetLength()).fold(0L, Long::sum));
                rejects = rejects.union(TranslationData.rejectRows(encoded, name));
            }
            RejectsOutput.write(spark, rejects, out.child("rejects"));
            read.values().forEach(r -> r.unpersist(false));

            HadoopFiles.writeLines(new Path(out.path(), SOURCE_VOCABULARY), source.toLines(), hadoop);
            HadoopFiles.writeLines(new Path(out.path(), TARGET_VOCABULARY), target.toLines(), hadoop);
            Summary summary = new Summary(out.target().toString(), splits, sourceTokens, targetTokens, source.size(),
                    target.size());
            Json.writeReport(summary, new Path(out.path(), "summary.json"), hadoop);
            out.commit();
            return summary;
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
