package io.seqpipe.tasks.tagging;

import io.seqpipe.SeqPipeException;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.spark.RejectsOutput;
import io.seqpipe.spark.TokenCounts;
import io.seqpipe.tagging.TaggedSentence;
import io.seqpipe.data.SeededSplit;
import io.seqpipe.tasks.CharsetHint;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.tasks.SplitInputs;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.text.VocabularyBuilder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prepare} for the tagging tasks: reads the labelled column files, converts tags to the scheme the model
 * learns, builds the word, affix and tag vocabularies from the training split, and writes atomically to
 * {@code paths.prepared}:
 * <pre>
 *   train/, validation/, test/   the sequence DataFrame per split (Parquet; see {@link TaggingData#SCHEMA})
 *   rejects/                     every rejected line or sentence with split, file, line number, reason (JSON lines)
 *   vocabulary.txt, labels.txt   word forms and tags, one per line (line number = id)
 *   artifacts/                   the affix vocabularies
 *   summary.json                 sentence counts per split and reason, sizes, tokens, cut sentences
 * </pre>
 */
public final class PrepareTaggingData {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareTaggingData.class);
    private static final int MAX_TAGS = 1000;

    /** What prepare wrote. */
    public record Summary(String output, Map<String, SplitCounts> splits, Map<String, Long> tokens,
                          int vocabularySize, Map<String, Integer> affixVocabularySizes, List<String> tags,
                          long cutSentences, String split, CharsetHint charsetHint) {
        public long totalRejected() {
            return splits.values().stream().mapToLong(SplitCounts::rejected).sum();
        }
    }

    private PrepareTaggingData() {
    }

    public static Summary run(SparkSession spark, TaggingTaskConfig cfg, boolean overwrite) {
        String trainPath = TaggingTaskConfig.require(cfg.paths().train(), "paths.train", "prepare");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        try (AtomicOutput out = AtomicOutput.begin(cfg.paths().prepared(), overwrite, hadoop)) {
            out.writeResolvedConfig(cfg.resolved());
            boolean seeded = cfg.split().enabled();
            Map<String, String> inputs = seeded
                    ? Map.of(SeededSplit.TRAIN, trainPath, SeededSplit.VALIDATION, trainPath, SeededSplit.TEST,
                    trainPath)
                    : SplitInputs.of(trainPath, cfg.paths().validation(), cfg.paths().test());
            // with split.*: paths.train read once and dealt into train, validation and test
            TaggingData.Labelled whole = seeded ? TaggingData.readLabelled(sc, trainPath, cfg.input(),
                    cfg.inputScheme(), cfg.trainScheme(), "paths.train") : null;
            Map<String, TaggingData.Labelled> seededParts = seeded ? TaggingData.split(whole, cfg.split()) : null;
            Map<String, TaggingData.Labelled> read = new LinkedHashMap<>();
            Map<String, SplitCounts> splits = new LinkedHashMap<>();
            for (String name : List.of(SeededSplit.TRAIN, SeededSplit.VALIDATION, SeededSplit.TEST)) {
                if (!inputs.containsKey(name)) {
                    continue;
                }
                Map.Entry<String, String> split = Map.entry(name, inputs.get(name));
                TaggingData.Labelled labelled = seeded ? seededParts.get(name) : TaggingData.readLabelled(sc,
                        split.getValue(), cfg.input(), cfg.inputScheme(), cfg.trainScheme(), "paths." + name);
                SplitCounts counts = labelled.counts(split.getValue());
                if (seeded && !name.equals(SeededSplit.TRAIN) && counts.read() == 0) {
                    labelled.outcomes().unpersist(false);
                    continue; // a fraction of 0 (or a corpus too small for it): no such split
                }
                LOG.info("prepare {}", counts.describe(split.getKey()));
                if (counts.written() == 0) {
                    throw new SeqPipeException((seeded ? "the " + name + " split (" + cfg.split().describe()
                            + ") of paths.train " : "paths." + name + " ") + split.getValue() + " has no usable "
                            + "sentences: " + counts.describe(split.getKey()) + "; is input.format ("
                            + cfg.input().kind().name().toLowerCase(java.util.Locale.ROOT) + ") right?");
                }
                read.put(split.getKey(), labelled);
                splits.put(split.getKey(), counts);
            }

            JavaRDD<TaggedSentence> train = read.get("train").sentences();
            TokenFeatures features = buildFeatures(cfg, train);
            List<String> tagNames = train.flatMap(s -> s.tags().iterator()).distinct().take(MAX_TAGS + 1);
            if (tagNames.size() > MAX_TAGS) {
                throw new SeqPipeException("the tag column has more than " + MAX_TAGS + " distinct values; is "
                        + "input.tagColumn right?");
            }
            LabelIndex tags = LabelIndex.sorted(tagNames);
            LOG.info("vocabulary: {} word forms; tags: {}", features.words().size(), tags.labels());

            Map<String, Long> tokens = new LinkedHashMap<>();
            long cut = 0;
            JavaRDD<Row> rejects = sc.emptyRDD();
            for (Map.Entry<String, TaggingData.Labelled> split : read.entrySet()) {
                TaggingData.Labelled labelled = split.getValue();
                int maxLength = split.getKey().equals("train") ? cfg.maxTrainLength() : 0;
                JavaRDD<Row> rows = TaggingData.encode(labelled.sentences(), labelled.files(), features, tags,
                        maxLength);
                TaggingData.frame(spark, rows).write().mode(SaveMode.ErrorIfExists).parquet(out.child(split.getKey()));
                tokens.put(split.getKey(), labelled.sentences().map(s -> (long) s.length()).fold(0L, Long::sum));
                if (maxLength > 0) {
                    cut += labelled.sentences().filter(s -> s.length() > maxLength).count();
                }
                rejects = rejects.union(labelled.rejectRows(split.getKey()));
            }
            RejectsOutput.write(spark, rejects, out.child("rejects"));
            read.values().forEach(l -> l.outcomes().unpersist(false));
            if (whole != null) {
                whole.outcomes().unpersist(false);
            }

            HadoopFiles.writeLines(new Path(out.path(), "vocabulary.txt"), features.words().toLines(), hadoop);
            HadoopFiles.writeLines(new Path(out.path(), "labels.txt"), tags.labels(), hadoop);
            for (Map.Entry<String, List<String>> a : features.artifacts().entrySet()) {
                HadoopFiles.writeLines(new Path(new Path(out.path(), "artifacts"), a.getKey()), a.getValue(), hadoop);
            }
            Map<String, Integer> affixSizes = new LinkedHashMap<>();
            features.channels(1).stream().filter(c -> c.name().startsWith("prefix") || c.name().startsWith("suffix"))
                    .forEach(c -> affixSizes.put(c.name(), c.vocabulary()));
            Summary summary = new Summary(out.target().toString(), splits, tokens, features.words().size(),
                    affixSizes, tags.labels(), cut, seeded ? cfg.split().describe() : null,
                    CharsetHint.of("UTF-8", null, splits.values()));
            Json.writeReport(summary, new Path(out.path(), "summary.json"), hadoop);
            out.commit();
            return summary;
        }
    }

    /** Word and affix vocabularies from the training sentences. */
    static TokenFeatures buildFeatures(TaggingTaskConfig cfg, JavaRDD<TaggedSentence> train) {
        TokenFeatures.Spec spec = cfg.features();
        JavaRDD<List<String>> forms = train.map(s -> s.tokens().stream().map(spec::wordForm).toList()).cache();
        VocabularyBuilder words = new VocabularyBuilder(cfg.wordMinCount(), cfg.wordMaxSize());
        Vocabulary wordVocabulary = words.build(TokenCounts.mostFrequent(forms, words.minCount(),
                words.maxRealTokens()));
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
