package io.seqpipe.tasks.translation;

import io.seqpipe.SeqPipeException;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.inference.InferenceAdapter.SerializableFunction;
import io.seqpipe.inference.Prediction;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.spark.BroadcastModel;
import io.seqpipe.spark.RejectsOutput;
import io.seqpipe.tasks.InferenceStep;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.PredictionFiles;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.translation.EncodedPair;
import io.seqpipe.translation.PairEncoder;
import io.seqpipe.translation.decode.SearchSettings;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import io.seqpipe.spark.SchemaNotation;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code score} for translation: translates every line of {@code paths.score} (source-language text, one sentence per
 * line) on the executors and writes {@code predictions/} (Parquet) to {@code paths.predictions}, atomically. Blank
 * lines go to {@code rejects/} ({@code empty_text}) and are counted. Each row: {@code source} (file), {@code line},
 * {@code text}, {@code source_tokens}, {@code translation} (target tokens joined by spaces), {@code translation_tokens},
 * {@code log_prob}, {@code finished} (false when cut at {@code decode.maxLength}) and, with
 * {@code score.attention = true}, {@code attention}: one row of weights over the source tokens per output token
 * (the last row is the step that produced {@code </s>}). {@code score.outputFormats} adds {@code predictions.csv}
 * and {@code predictions.jsonl}, the same rows as single files.
 */
public final class ScoreTranslator {
    static final StructType SCHEMA = SchemaNotation.parse("""
            source STRING NOT NULL, line BIGINT NOT NULL, text STRING NOT NULL,
            source_tokens ARRAY<STRING NOT NULL> NOT NULL, translation STRING NOT NULL,
            translation_tokens ARRAY<STRING NOT NULL> NOT NULL, log_prob DOUBLE NOT NULL,
            finished BOOLEAN NOT NULL, attention ARRAY<ARRAY<FLOAT NOT NULL> NOT NULL>""");

    /** What score wrote; {@link #lines()} is its console summary. */
    public record Summary(String output, String model, SplitCounts input, long unfinished, List<String> files)
            implements JobReport {
        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("score: wrote " + output + "/predictions");
            lines.add("  " + input.describe("score").replace("read", "lines read") + ", cut at decode.maxLength "
                    + unfinished);
            lines.addAll(PredictionFiles.alsoAs(files));
            return lines;
        }
    }

    /** The class of the (package-private) sentence record, for Kryo registration. */
    public static final Class<?> SENTENCE = Sentence.class;

    /** A source sentence to translate. */
    record Sentence(String file, long line, String text, List<String> tokens, int[] ids) implements Serializable {
        /** {@code text} tokenized and encoded with the model's source side. */
        static Sentence of(String file, long line, String text, PairEncoder encoder) {
            List<String> tokens = encoder.sourceTokenizer().tokenize(text);
            return new Sentence(file, line, text, tokens, encoder.sourceVocabulary().encode(tokens));
        }
    }

    private ScoreTranslator() {
    }

    public static Summary run(SparkSession spark, TranslationTaskConfig cfg, boolean overwrite) {
        return InferenceStep.run(spark, InferenceStep.Settings.score(cfg), overwrite, TranslatorModel::load, step -> {
            TranslatorModel model = step.model();
            PairEncoder encoder = model.encoder();
            String input = step.input();
            JavaRDD<Sentence> all = null;
            for (Path file : HadoopFiles.inputFiles(input, step.hadoop(), "paths.score")) {
                String name = file.toString();
                JavaRDD<Sentence> lines = step.sc().textFile(name).zipWithIndex()
                        .map(t -> Sentence.of(name, t._2() + 1, t._1(), encoder));
                all = all == null ? lines : all.union(lines);
            }
            all = all.persist(StorageLevel.MEMORY_AND_DISK());
            JavaRDD<Sentence> sentences = all.filter(s -> !s.tokens().isEmpty());
            JavaRDD<Row> rejects = all.filter(s -> s.tokens().isEmpty()).map(s -> RejectsOutput.row("score",
                    new Rejection(s.file(), s.line(), RejectReason.EMPTY_TEXT, "the line has no tokens",
                            s.text())));
            long written = sentences.count();
            long blank = all.count() - written;
            SplitCounts counts = SplitCounts.of(input, blank == 0 ? Map.of(SplitCounts.WRITTEN, written)
                    : Map.of(SplitCounts.WRITTEN, written, RejectReason.EMPTY_TEXT.code(), blank));
            if (written == 0) {
                throw new SeqPipeException("paths.score " + input + " has no sentences to translate: "
                        + counts.describe("score"));
            }
            List<String> files;
            long unfinished;
            try (BroadcastModel network = BroadcastModel.of(step.sc(), model.directory().weights())) {
                JavaRDD<Row> rows = translate(sentences, network, encoder, cfg.search(),
                        cfg.decodeBatchSize(), cfg.scoreAttention()).persist(StorageLevel.MEMORY_AND_DISK());
                Dataset<Row> predictions = spark.createDataFrame(rows, SCHEMA);
                files = step.writePredictions("predictions", predictions, cfg.outputFormats(), null, null);
                unfinished = rows.filter(r -> !r.getBoolean(7)).count();
                step.writeRejects(rejects);
                rows.unpersist(false);
                all.unpersist(false);
            }
            Summary summary = new Summary(step.target(), model.directory().path().toString(), counts, unfinished,
                    files);
            step.commitSummary(summary);
            return summary;
        });
    }

    /** One row per sentence, translated on the executors in length-sorted batches ({@link TranslatorAdapter}). */
    static JavaRDD<Row> translate(JavaRDD<Sentence> sentences, BroadcastModel network, PairEncoder encoder,
                                  SearchSettings search, int batchSize, boolean attention) {
        return decode(sentences, s -> s, network, search, batchSize, attention)
                .map(p -> row(p.input(), p.output(), encoder));
    }

    /**
     * Translates texts with the saved translator at {@code modelPath} (loaded and checked as score loads it) on the
     * executors, as score does: the network broadcast once, each partition decoded in length-sorted batches of
     * {@code batchSize} with {@code search}. Each input comes back with its translation (the target tokens joined by
     * spaces), or null when its text is null or has no source tokens. The broadcast is left to Spark's cleaner, as
     * the result is lazy: actions on it may run long after this returns.
     */
    public static <R> JavaRDD<Prediction<R, String>> translateTexts(
            JavaSparkContext sc, String modelPath, JavaRDD<R> inputs, SerializableFunction<R, String> text,
            SearchSettings search, int batchSize) {
        TranslatorModel model = TranslatorModel.load(modelPath, sc.hadoopConfiguration());
        PairEncoder encoder = model.encoder();
        JavaRDD<Tuple2<R, Sentence>> read = inputs.map(r -> {
            String t = text.apply(r);
            return new Tuple2<>(r, t == null ? null : Sentence.of("", 0, t, encoder));
        });
        JavaRDD<Prediction<R, String>> translated = decode(read.filter(t -> translatable(t._2())), Tuple2::_2,
                BroadcastModel.of(sc, model.directory().weights()), search, batchSize, false)
                .map(p -> new Prediction<>(p.input()._1(), String.join(" ", encoder.targetTokens(p.output().ids()))));
        JavaRDD<Prediction<R, String>> untranslated = read.filter(t -> !translatable(t._2()))
                .map(t -> new Prediction<>(t._1(), null));
        return translated.union(untranslated);
    }

    private static boolean translatable(Sentence s) {
        return s != null && !s.tokens().isEmpty();
    }

    /** Each input with the translation of its sentence, decoded in length-sorted batches. */
    private static <I> JavaRDD<Prediction<I, TranslationScoring.Translation>> decode(
            JavaRDD<I> inputs, SerializableFunction<I, Sentence> sentence, BroadcastModel network,
            SearchSettings search, int batchSize, boolean attention) {
        return network.predict(inputs, TranslatorAdapter.decoding(search, attention).on((I i) -> {
            Sentence s = sentence.apply(i);
            return new EncodedPair(s.line(), s.ids(), NO_TARGET, NO_TARGET);
        }), batchSize).map(p -> new Prediction<>(p.input(), p.output().translation()));
    }

    /** The target of a pair that is only decoded. */
    private static final int[] NO_TARGET = new int[0];

    private static Row row(Sentence s, TranslationScoring.Translation t, PairEncoder encoder) {
        List<String> tokens = encoder.targetTokens(t.ids());
        Float[][] attention = null;
        if (t.attention() != null) {
            attention = new Float[t.attention().size()][];
            for (int i = 0; i < attention.length; i++) {
                float[] w = t.attention().get(i);
                attention[i] = new Float[w.length];
                for (int j = 0; j < w.length; j++) {
                    attention[i][j] = w[j];
                }
            }
        }
        return RowFactory.create(s.file(), s.line(), s.text(), s.tokens().toArray(new String[0]),
                String.join(" ", tokens), tokens.toArray(new String[0]), t.logProb(), t.finished(), attention);
    }
}
