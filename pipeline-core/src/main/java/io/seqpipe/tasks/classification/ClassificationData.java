package io.seqpipe.tasks.classification;

import io.seqpipe.tasks.CharacterColumn;
import io.seqpipe.tasks.CharacterIds;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.tasks.RecordRejections;
import io.seqpipe.tasks.RejectsAccounting;
import io.seqpipe.data.ClassLayout;
import io.seqpipe.data.DelimitedFormat;
import io.seqpipe.data.SeededSplit;
import io.seqpipe.spark.SeededSplitter;
import io.seqpipe.data.ParseOutcome;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.data.TextRecord;
import io.seqpipe.spark.DelimitedTextSource;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.TextEncoder;
import io.seqpipe.train.EncodedExample;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import io.seqpipe.spark.SchemaNotation;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.List;

/**
 * The Spark side of text classification data: reading and encoding raw files, and the schemas of the sequence
 * DataFrame and of rejects outputs.
 *
 * <p>Sequence DataFrame (Parquet, one row per example):
 * <pre>
 *   row        long           stable row number 0..n-1 (seeded per-epoch shuffling keys on it)
 *   id         string         the input's id column, or file:lineNumber
 *   text       string         the text as read
 *   label      int            class index (line number in labels.txt)
 *   label_name string         the label as read
 *   ids        array&lt;int&gt;     token ids padded to sequence.maxLength (0 = &lt;pad&gt;, 1 = &lt;unk&gt;)
 *   mask       array&lt;int&gt;     1 at real tokens, 0 at padding
 *   length     int            real tokens after truncation
 *   truncated  boolean        whether tokens were cut off
 *   char_ids   array&lt;array&lt;int&gt;&gt;
 *                            with a character encoder only ({@link CharacterColumn}): the character ids of each
 *                            real token, in order, as written ({@link TextEncoder#keptTokens})
 * </pre>
 * Rejects (JSON lines): {@code split, source, offset, reason, detail, line}.
 */
public final class ClassificationData {
    public static final StructType SEQUENCE_SCHEMA = SchemaNotation.parse("""
            row BIGINT NOT NULL, id STRING NOT NULL, text STRING NOT NULL, label INT NOT NULL,
            label_name STRING NOT NULL, ids ARRAY<INT NOT NULL> NOT NULL, mask ARRAY<INT NOT NULL> NOT NULL,
            length INT NOT NULL, truncated BOOLEAN NOT NULL""");
    /** {@link #SEQUENCE_SCHEMA} with each token's character ids ({@link CharacterColumn#COLUMN}). */
    public static final StructType SEQUENCE_SCHEMA_WITH_CHARS = CharacterColumn.appendedTo(SEQUENCE_SCHEMA);

    private ClassificationData() {
    }

    /**
     * Reads an input in its layout: delimited text ({@code format}), or a corpus labelled by its paths
     * ({@code layout}, decoded in {@code format}'s charset). {@code what} names the input in errors.
     */
    public static JavaRDD<ParseOutcome> readLines(JavaSparkContext sc, String path, DelimitedFormat format,
                                                  ClassLayout layout, String what) {
        return layout.labelsFromPaths() ? ClassCorpusSource.read(sc, path, layout, format.charset(), what)
                : DelimitedTextSource.read(sc, path, format, what).lines();
    }

    /**
     * Reads the rows of a DataFrame as labelled lines: the text of {@code textColumn} (a string) and the label of
     * {@code labelColumn} ({@link #labelOf}), each record numbered by its 1-based row number under {@code source}.
     * A row with a null or blank text or a null label is rejected with its reason, as a line of a file would be.
     */
    public static JavaRDD<ParseOutcome> readRows(Dataset<Row> frame, String textColumn, String labelColumn,
                                                 String source) {
        return frame.select(textColumn, labelColumn).toJavaRDD().zipWithIndex().map(t -> {
            Row r = t._1();
            long line = t._2() + 1;
            String text = r.isNullAt(0) ? null : r.getString(0);
            String label = labelOf(r.get(1));
            String shown = (text == null ? "" : text) + "\t" + (label == null ? "" : label);
            if (text == null || text.isBlank()) {
                return ParseOutcome.rejected(new Rejection(source, line, RejectReason.EMPTY_TEXT,
                        "column '" + textColumn + "' is " + (text == null ? "null" : "blank"), shown));
            }
            if (label == null || label.isBlank()) {
                return ParseOutcome.rejected(new Rejection(source, line, RejectReason.EMPTY_LABEL,
                        "column '" + labelColumn + "' is " + (label == null ? "null" : "blank"), shown));
            }
            return ParseOutcome.ok(new TextRecord(source, line, null, text, label));
        });
    }

    /**
     * A label cell as a label name: a string as it is; a number as written, whole doubles without their fraction
     * ({@code 1.0} → {@code 1}, as a label indexer's output reads); null stays null.
     */
    public static String labelOf(Object cell) {
        if (cell == null) {
            return null;
        }
        if ((cell instanceof Double || cell instanceof Float) && ((Number) cell).doubleValue() % 1 == 0
                && Math.abs(((Number) cell).doubleValue()) < 1e15) {
            return Long.toString(((Number) cell).longValue());
        }
        return cell.toString();
    }

    /**
     * Reads and encodes an input (with character ids when {@code chars} is set); the result is persisted (callers
     * count it and write it).
     */
    public static JavaRDD<EncodedRecord> readEncoded(JavaSparkContext sc, String path, DelimitedFormat format,
                                                     ClassLayout layout, TextEncoder encoder, CharacterIds chars,
                                                     LabelIndex labels, String what) {
        return encode(readLines(sc, path, format, layout, what), encoder, chars, labels);
    }

    /** The rejection of a line as parsed. */
    public static final RecordRejections<ParseOutcome> PARSE_REJECTIONS =
            RecordRejections.single(ParseOutcome::rejection);
    /** The rejection of a line as encoded (its parse rejection, or why encoding refused it). */
    public static final RecordRejections<EncodedRecord> REJECTIONS =
            RecordRejections.single(EncodedRecord::rejection);

    /**
     * The lines of one input tagged with their split of {@code split} (rejected lines too, so each split counts its
     * own rejects).
     */
    public static JavaPairRDD<String, ParseOutcome> split(JavaRDD<ParseOutcome> lines, SeededSplit split) {
        return SeededSplitter.assign(lines, split, ClassificationData::identity);
    }

    /** A line's stable identity for {@code split.*}: its file and line number, rejected or not. */
    static String identity(ParseOutcome p) {
        return p.isRejected() ? SeededSplit.identity(p.rejection().source(), p.rejection().offset())
                : SeededSplit.identity(p.record().source(), p.record().offset());
    }

    /** The test split of {@code train} under {@code split}: what {@code evaluate} reads when a split is configured. */
    public static JavaRDD<ParseOutcome> testLines(JavaSparkContext sc, String train, DelimitedFormat format,
                                                  ClassLayout layout, SeededSplit split) {
        return split(readLines(sc, train, format, layout, "paths.train"), split)
                .filter(t -> t._1().equals(SeededSplit.TEST)).values();
    }

    /**
     * Encodes parsed lines (with character ids when {@code chars} is set); the result is persisted (callers count it
     * and write it).
     */
    public static JavaRDD<EncodedRecord> encode(JavaRDD<ParseOutcome> lines, TextEncoder encoder, CharacterIds chars,
                                                LabelIndex labels) {
        return lines.map(p -> EncodedRecord.encode(p, encoder, chars, labels))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** Counts written lines and rejects by reason. */
    public static SplitCounts count(String path, JavaRDD<EncodedRecord> encoded) {
        return RejectsAccounting.count(path, encoded, REJECTIONS);
    }

    /**
     * The accepted records as sequence-DataFrame rows, numbered 0..n-1 in input order; with their character ids
     * ({@link #SEQUENCE_SCHEMA_WITH_CHARS}) when {@code withChars}.
     */
    public static Dataset<Row> sequenceFrame(SparkSession spark, JavaRDD<EncodedRecord> encoded, LabelIndex labels,
                                             boolean withChars) {
        JavaRDD<Row> rows = encoded.filter(e -> !e.isRejected()).zipWithIndex().map(t -> {
            EncodedRecord e = t._1();
            Object[] values = {t._2(), e.id(), e.record().text(), e.label(), labels.label(e.label()),
                e.sequence().ids(), e.sequence().mask(), e.sequence().length(), e.sequence().truncated()};
            if (withChars) {
                values = java.util.Arrays.copyOf(values, values.length + 1);
                values[values.length - 1] = e.chars();
            }
            return RowFactory.create(values);
        });
        return spark.createDataFrame(rows, withChars ? SEQUENCE_SCHEMA_WITH_CHARS : SEQUENCE_SCHEMA);
    }

    /** The rejects rows of one split. */
    public static JavaRDD<Row> rejectRows(JavaRDD<EncodedRecord> encoded, String split) {
        return RejectsAccounting.rows(encoded, split, REJECTIONS);
    }

    /** Reads a sequence DataFrame back as training examples (with their character ids where the data has them). */
    public static JavaRDD<EncodedExample> examples(Dataset<Row> frame) {
        if (CharacterColumn.in(frame)) {
            return frame.select("row", "ids", "mask", "label", CharacterColumn.COLUMN).toJavaRDD()
                    .map(r -> new EncodedExample(r.getLong(0), unboxed(r.getList(1)), unboxed(r.getList(2)),
                            r.getInt(3), CharacterColumn.read(r, 4)));
        }
        return frame.select("row", "ids", "mask", "label").toJavaRDD().map(r -> new EncodedExample(r.getLong(0),
                unboxed(r.getList(1)), unboxed(r.getList(2)), r.getInt(3)));
    }

    /** An accepted record as an example (row = -1: not used for shuffling). */
    public static EncodedExample example(EncodedRecord e) {
        return new EncodedExample(-1, e.sequence().ids(), e.sequence().mask(), e.label(), e.chars());
    }

    private static int[] unboxed(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
