package io.seqpipe.tasks.tagging;

import io.seqpipe.tasks.CharacterIds;
import io.seqpipe.SeqPipeException;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.spark.BroadcastModel;
import io.seqpipe.tagging.Chunk;
import io.seqpipe.tagging.ConllColumns;
import io.seqpipe.tagging.TagScheme;
import io.seqpipe.tagging.TagSchemeConverter;
import io.seqpipe.inference.InferenceAdapter;
import io.seqpipe.inference.Prediction;
import io.seqpipe.tasks.InferenceStep;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.PredictionFiles;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.WordTokenizer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import io.seqpipe.spark.SchemaNotation;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code score} for the tagging tasks: tags a corpus on the executors and writes {@code predictions/} (Parquet) to
 * {@code paths.predictions}, atomically. Input ({@code score.format}): {@code text}, one sentence per line tokenized
 * with {@code score.tokenizer} (blank lines are skipped and counted), or {@code columns}, a file in {@code input.*}'s
 * format. Each row: {@code source, line, tokens, tags} and, for chunk schemes, {@code entities} (text, type, token
 * start inclusive, end exclusive), with tags given in IOB2, and {@code gold_tags}: the input's own tags (IOB2 for chunk
 * schemes) with {@code score.format = columns}, else null. {@code score.outputFormats} adds single files beside it:
 * {@code predictions.csv}, {@code predictions.jsonl}, {@code predictions.conll} ({@link ConllColumns}).
 */
public final class ScoreTagger {
    static final StructType SCHEMA = SchemaNotation.parse("""
            source STRING NOT NULL, line BIGINT NOT NULL, tokens ARRAY<STRING NOT NULL> NOT NULL,
            tags ARRAY<STRING NOT NULL> NOT NULL,
            entities ARRAY<STRUCT<text: STRING NOT NULL, type: STRING NOT NULL, start: INT NOT NULL, \
            end: INT NOT NULL> NOT NULL> NOT NULL,
            gold_tags ARRAY<STRING NOT NULL>""");

    /** What score wrote; {@link #lines()} is its console summary. */
    public record Summary(String output, String model, SplitCounts input, long blankLines, long tokens,
                          Map<String, Long> entitiesByType, List<String> files) implements JobReport {
        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("score: wrote " + output + "/predictions");
            lines.add("  " + input.describe("score").replace("read", "sentences read") + ", blank lines skipped "
                    + blankLines + ", tokens " + tokens);
            if (!entitiesByType.isEmpty()) {
                lines.add("  entities by type " + entitiesByType);
            }
            lines.addAll(PredictionFiles.alsoAs(files));
            return lines;
        }
    }

    /** A sentence to tag, with its gold tags when the input has them (else null). */
    record Sentence(String source, long line, List<String> tokens, List<String> gold) implements Serializable {
    }

    private ScoreTagger() {
    }

    public static Summary run(SparkSession spark, TaggingTaskConfig cfg, boolean overwrite) {
        return InferenceStep.run(spark, InferenceStep.Settings.score(cfg), overwrite,
                (path, hadoop) -> TaggerModel.load(path, cfg.task(), hadoop), step -> {
            TaggerModel model = step.model();
            String input = step.input();
            JavaSparkContext sc = step.sc();
            JavaRDD<Sentence> sentences;
            JavaRDD<Row> rejects = sc.emptyRDD();
            SplitCounts counts;
            long blank = 0;
            if (cfg.scoreFormat() == TaggingTaskConfig.ScoreFormat.TEXT) {
                String source = step.qualify(input);
                HadoopFiles.inputFiles(input, step.hadoop(), "paths.score");
                WordTokenizer tokenizer = new WordTokenizer(cfg.scoreTokenizer());
                JavaRDD<Sentence> all = sc.textFile(input).zipWithIndex()
                        .map(t -> new Sentence(source, t._2() + 1, tokenizer.tokenize(t._1()), null))
                        .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
                sentences = all.filter(s -> !s.tokens().isEmpty());
                long total = all.count();
                long written = sentences.count();
                blank = total - written;
                counts = SplitCounts.of(input, Map.of(SplitCounts.WRITTEN, written));
            } else {
                TaggingData.Labelled labelled = TaggingData.readLabelled(sc, input, cfg.input(),
                        cfg.inputScheme(), cfg.inputScheme(), "paths.score");
                counts = labelled.counts(input);
                rejects = labelled.rejectRows("score");
                TagScheme gold = cfg.inputScheme();
                sentences = labelled.sentences().map(s -> new Sentence(s.source(), s.firstLine(),
                        s.tokens(), goldTags(gold, s.tags())));
            }
            if (counts.written() == 0) {
                throw new SeqPipeException("paths.score " + input + " has no sentences to tag: "
                        + counts.describe("score"));
            }
            List<String> files;
            long tokens;
            Map<String, Long> byType;
            try (BroadcastModel network = BroadcastModel.of(sc, model.directory().weights())) {
                JavaRDD<Row> rows = tag(sentences, network, model, cfg.scoreBatchSize())
                        .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
                Dataset<Row> predictions = spark.createDataFrame(rows, SCHEMA);
                files = step.writePredictions("predictions", predictions, cfg.outputFormats(), null,
                        () -> conllBlocks(predictions));
                step.writeRejects(rejects);
                // the rows still hold the Java arrays they were built with
                tokens = rows.map(r -> (long) ((String[]) r.get(2)).length).fold(0L, Long::sum);
                byType = new TreeMap<>(rows.flatMap(r -> java.util.Arrays.stream((Row[]) r.get(4))
                        .map(e -> e.getString(1)).iterator()).countByValue());
                rows.unpersist(false);
            }
            Summary summary = new Summary(step.target(), model.directory().path().toString(), counts, blank, tokens,
                    byType, files);
            step.commitSummary(summary);
            return summary;
        });
    }

    /** Gold tags as the predictions give theirs: IOB2 for chunk schemes (invalid tags read as outside). */
    static List<String> goldTags(TagScheme scheme, List<String> tags) {
        if (!scheme.hasChunks()) {
            return tags;
        }
        return TaggerEvaluation.iob2(new TagSchemeConverter(scheme, TagScheme.IOB2), tags);
    }

    /** The predictions as CoNLL columns, one string of lines per sentence, sorted by source and line. */
    static Dataset<String> conllBlocks(Dataset<Row> predictions) {
        return predictions.orderBy("source", "line").map((MapFunction<Row, String>) r -> ConllColumns.block(
                r.getList(r.fieldIndex("tokens")), r.getList(r.fieldIndex("tags")),
                r.isNullAt(r.fieldIndex("gold_tags")) ? null : r.getList(r.fieldIndex("gold_tags"))),
                Encoders.STRING());
    }

    /**
     * Tags token lists with the saved tagger at {@code modelPath} (loaded and checked as score loads it) on the
     * executors, as score does: the network broadcast once, each partition tagged in batches of {@code batchSize}.
     * Each input comes back with its tags (IOB2 for chunk schemes). The broadcast is left to Spark's cleaner, as the
     * result is lazy: actions on it may run long after this returns.
     */
    public static <R> JavaRDD<Prediction<R, List<String>>> tagTokens(JavaSparkContext sc, String modelPath,
                                                                    String task, JavaRDD<R> inputs,
                                                                    InferenceAdapter.SerializableFunction<R,
                                                                            List<String>> tokens, int batchSize) {
        TaggerModel model = TaggerModel.load(modelPath, task, sc.hadoopConfiguration());
        return predictTags(inputs, tokens, BroadcastModel.of(sc, model.directory().weights()), model, batchSize);
    }

    /** One row per sentence: its tags (IOB2 for chunk schemes) and, for chunk schemes, its entity spans. */
    private static JavaRDD<Row> tag(JavaRDD<Sentence> sentences, BroadcastModel network, TaggerModel model,
                                    int batchSize) {
        boolean chunks = model.trainedWith().trainScheme().hasChunks();
        return predictTags(sentences, Sentence::tokens, network, model, batchSize)
                .map(p -> row(p.input(), p.output(), chunks));
    }

    /** Each input with its predicted tag names, IOB2 for chunk schemes. */
    private static <R> JavaRDD<Prediction<R, List<String>>> predictTags(
            JavaRDD<R> inputs, InferenceAdapter.SerializableFunction<R, List<String>> tokens, BroadcastModel network,
            TaggerModel model, int batchSize) {
        TokenFeatures features = model.features();
        CharacterIds chars = model.chars();
        LabelIndex tags = model.tags();
        TagScheme scheme = model.trainedWith().trainScheme();
        TagSchemeConverter toIob2 = scheme.hasChunks() ? new TagSchemeConverter(scheme, TagScheme.IOB2) : null;
        return network.predict(inputs, new TaggerAdapter().on((R r) -> TaggingData.example(0, tokens.apply(r),
                null, features, chars, tags)), batchSize).map(p -> new Prediction<>(p.input(),
                names(p.output(), tags, toIob2)));
    }

    private static List<String> names(int[] ids, LabelIndex tags, TagSchemeConverter toIob2) {
        List<String> names = new ArrayList<>(ids.length);
        for (int id : ids) {
            names.add(tags.label(id));
        }
        return toIob2 == null ? names : new ArrayList<>(TaggerEvaluation.iob2(toIob2, names));
    }

    private static Row row(Sentence s, List<String> names, boolean chunks) {
        List<Row> entities = new ArrayList<>();
        if (chunks) {
            for (Chunk c : TagScheme.IOB2.decode(names)) {
                entities.add(RowFactory.create(String.join(" ", s.tokens().subList(c.start(), c.end())), c.type(),
                        c.start(), c.end()));
            }
        }
        return RowFactory.create(s.source(), s.line(), s.tokens().toArray(new String[0]),
                names.toArray(new String[0]), entities.toArray(new Row[0]),
                s.gold() == null ? null : s.gold().toArray(new String[0]));
    }
}
