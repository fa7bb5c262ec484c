package io.seqpipe.tasks.translation;

import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.tasks.RecordRejections;
import io.seqpipe.tasks.RejectsAccounting;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.translation.EncodedPair;
import io.seqpipe.translation.PairEncoder;
import io.seqpipe.translation.PairOutcome;
import io.seqpipe.translation.SentencePair;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import io.seqpipe.spark.SchemaNotation;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.io.Serializable;
import java.util.List;

/**
 * The translation task's sequence DataFrame and how pairs get there. One row per kept pair, unpadded (each minibatch
 * pads only to its own longest sequence, and its masks mark the real steps: source mask = the first
 * {@code length(source_ids)} steps, decoder mask = the first {@code length(decoder_input)} steps):
 * <pre>
 *   row             long           the pair's index within its split (the key of the seeded training shuffle)
 *   origin, line    string, long   where the pair was read (file(s), 1-based line)
 *   source, target  string         the raw sentences
 *   source_ids      array&lt;int&gt;     source token ids (no &lt;s&gt;/&lt;/s&gt;)
 *   decoder_input   array&lt;int&gt;     &lt;s&gt; + target ids (teacher forcing input)
 *   decoder_output  array&lt;int&gt;     target ids + &lt;/s&gt; (what each decoder step predicts)
 * </pre>
 */
public final class TranslationData {
    public static final StructType SCHEMA = SchemaNotation.parse("""
            row BIGINT NOT NULL, origin STRING NOT NULL, line BIGINT NOT NULL, source STRING NOT NULL,
            target STRING NOT NULL, source_ids ARRAY<INT NOT NULL> NOT NULL,
            decoder_input ARRAY<INT NOT NULL> NOT NULL, decoder_output ARRAY<INT NOT NULL> NOT NULL""");

    private TranslationData() {
    }

    /**
     * The pairs of one split as read (rejections for malformed lines of tab-separated files included).
     *
     * @param path for {@code aligned}, the path without the language suffix
     */
    public static JavaRDD<PairOutcome> read(JavaSparkContext sc, TranslationTaskConfig cfg, String path) {
        if (cfg.input().format() == TranslationTaskConfig.Input.Format.ALIGNED) {
            return ParallelCorpusSource.aligned(sc, path + "." + cfg.source().language(),
                    path + "." + cfg.target().language()).map(PairOutcome::ok);
        }
        return ParallelCorpusSource.tabSeparated(sc, path, cfg.input().sourceColumn(), cfg.input().targetColumn());
    }

    /**
     * Reads the rows of a DataFrame as sentence pairs: the source text of {@code sourceColumn} and its translation in
     * {@code targetColumn} (strings), each pair named by {@code source} and its 1-based row number. A null side is
     * rejected here ({@code empty_source}, {@code empty_target}); an empty or over-long side is rejected when the pair
     * is encoded, as a line of a file would be.
     */
    public static JavaRDD<PairOutcome> readRows(Dataset<Row> frame, String sourceColumn, String targetColumn,
                                                String source) {
        return frame.select(sourceColumn, targetColumn).toJavaRDD().zipWithIndex().map(t -> {
            Row r = t._1();
            long line = t._2() + 1;
            String text = r.isNullAt(0) ? null : r.getString(0);
            String translation = r.isNullAt(1) ? null : r.getString(1);
            String shown = (text == null ? "" : text) + "\t" + (translation == null ? "" : translation);
            if (text == null) {
                return PairOutcome.rejected(new Rejection(source, line, RejectReason.EMPTY_SOURCE,
                        "column '" + sourceColumn + "' is null", shown));
            }
            if (translation == null) {
                return PairOutcome.rejected(new Rejection(source, line, RejectReason.EMPTY_TARGET,
                        "column '" + targetColumn + "' is null", shown));
            }
            return PairOutcome.ok(new SentencePair(text, translation, source, line));
        });
    }

    /** A pair as read and its encoding (or why it was rejected, at reading or at encoding). */
    public record Encoded(SentencePair pair, PairEncoder.Outcome outcome) implements Serializable {
        boolean kept() {
            return !outcome.isRejected();
        }
    }

    /** Encodes every readable pair with {@code encoder}; rejected lines stay rejected. */
    public static JavaRDD<Encoded> encode(JavaRDD<PairOutcome> read, PairEncoder encoder) {
        return read.map(o -> o.isRejected() ? new Encoded(null, new PairEncoder.Outcome(null, o.rejection()))
                : new Encoded(o.pair(), encoder.encode(o.pair())));
    }

    /** The rejection of a pair: as read, or as encoded. */
    public static final RecordRejections<Encoded> REJECTIONS = RecordRejections.single(e -> e.outcome().rejection());

    /** Kept and rejected counts by reason. */
    public static SplitCounts counts(JavaRDD<Encoded> encoded, String path) {
        return RejectsAccounting.count(path, encoded, REJECTIONS);
    }

    /** The rejects rows of one split. */
    public static JavaRDD<Row> rejectRows(JavaRDD<Encoded> encoded, String split) {
        return RejectsAccounting.rows(encoded, split, REJECTIONS);
    }

    /** The kept pairs as rows of {@link #SCHEMA}, numbered in read order. */
    public static Dataset<Row> frame(SparkSession spark, JavaRDD<Encoded> encoded) {
        JavaRDD<Row> rows = encoded.filter(Encoded::kept).zipWithIndex().map(TranslationData::row);
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static Row row(Tuple2<Encoded, Long> t) {
        SentencePair p = t._1().pair();
        EncodedPair e = t._1().outcome().pair();
        return RowFactory.create(t._2(), p.origin(), p.line(), p.source(), p.target(), e.source(),
                e.decoderInput(), e.decoderOutput());
    }

    /**
     * The training examples of a prepared split. {@link EncodedPair#line()} holds the {@code row} column here: the
     * trainer's shuffle key must be unique within the split, and a line number is not when a split spans files.
     */
    public static JavaRDD<EncodedPair> examples(Dataset<Row> frame) {
        return frame.select("row", "source_ids", "decoder_input", "decoder_output").toJavaRDD()
                .map(r -> new EncodedPair(r.getLong(0), ints(r.getList(1)), ints(r.getList(2)), ints(r.getList(3))));
    }

    static int[] ints(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
