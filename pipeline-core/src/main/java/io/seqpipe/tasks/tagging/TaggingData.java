package io.seqpipe.tasks.tagging;

import io.seqpipe.tasks.CharacterColumn;
import io.seqpipe.tasks.CharacterIds;
import io.seqpipe.data.SeededSplit;
import io.seqpipe.spark.SeededSplitter;
import io.seqpipe.tagging.ColumnFormat;
import io.seqpipe.tagging.SentenceOutcome;
import io.seqpipe.tagging.TagScheme;
import io.seqpipe.tagging.TagSchemeConverter;
import io.seqpipe.tagging.TaggedSentence;
import io.seqpipe.tasks.RecordRejections;
import io.seqpipe.tasks.RejectsAccounting;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.text.LabelIndex;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import io.seqpipe.spark.SchemaNotation;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tagging tasks' data on Spark: labelled column files read into sentences (tags converted to the scheme the model
 * learns, bad sentences to rejects), the prepared sequence DataFrame, and examples for training and inference.
 *
 * <p>Prepared sentences are stored unpadded ({@value #SCHEMA_DOC}); minibatches pad to their own longest sentence
 * and build the masks ({@link TaggingBatches}).
 */
final class TaggingData {
    static final String SCHEMA_DOC = "row, source, line, tokens, tags, channels, features, tag_ids, truncated";

    /**
     * The prepared sequence DataFrame: one row per sentence; {@code features} holds channel-major ids (channel c's id
     * of token t at {@code c * length + t}).
     */
    static final StructType SCHEMA = SchemaNotation.parse("""
            row BIGINT NOT NULL, source STRING NOT NULL, line BIGINT NOT NULL,
            tokens ARRAY<STRING NOT NULL> NOT NULL, tags ARRAY<STRING NOT NULL> NOT NULL, channels INT NOT NULL,
            features ARRAY<INT NOT NULL> NOT NULL, tag_ids ARRAY<INT NOT NULL> NOT NULL,
            truncated BOOLEAN NOT NULL""");

    /** {@link #SCHEMA} with each token's character ids ({@link CharacterColumn#COLUMN}). */
    static final StructType SCHEMA_WITH_CHARS = CharacterColumn.appendedTo(SCHEMA);

    private TaggingData() {
    }

    /** The rejections of a sentence as read (a sentence may have several: one per bad line). */
    static final RecordRejections<SentenceOutcome> REJECTIONS = SentenceOutcome::rejections;

    /** A labelled input read and converted: the outcomes (persisted) and the files, in row-number order. */
    record Labelled(JavaRDD<SentenceOutcome> outcomes, List<String> files) {
        /** Sentence counts by outcome: written, or the reason of the sentence's first reject. */
        SplitCounts counts(String path) {
            return RejectsAccounting.count(path, outcomes, REJECTIONS);
        }

        JavaRDD<TaggedSentence> sentences() {
            return outcomes.filter(o -> !o.isRejected()).map(SentenceOutcome::sentence);
        }

        JavaRDD<Row> rejectRows(String split) {
            return RejectsAccounting.rows(outcomes, split, REJECTIONS);
        }
    }

    /** Reads labelled column files and converts their tags from {@code from} to {@code to}. */
    static Labelled readLabelled(JavaSparkContext sc, String path, ColumnFormat format, TagScheme from, TagScheme to,
                                 String what) {
        ColumnSentenceSource.Input in = ColumnSentenceSource.read(sc, path, format, what);
        TagSchemeConverter converter = new TagSchemeConverter(from, to);
        JavaRDD<SentenceOutcome> outcomes = in.sentences()
                .map(o -> o.isRejected() ? o : converter.convert(o.sentence()))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        return new Labelled(outcomes, in.files().stream().map(Path::toString).toList());
    }

    /** A sentence's stable identity for {@code split.*}: file and first line, or its first rejected line. */
    static String identity(SentenceOutcome o) {
        return o.isRejected() ? SeededSplit.identity(o.rejections().get(0).source(), o.rejections().get(0).offset())
                : SeededSplit.identity(o.sentence().source(), o.sentence().firstLine());
    }

    /**
     * The sentences of one labelled input dealt into train, validation and test by {@code split} (rejected sentences
     * too, so each split counts its own rejects).
     */
    static Map<String, Labelled> split(Labelled all, SeededSplit split) {
        JavaPairRDD<String, SentenceOutcome> assigned = SeededSplitter.assign(all.outcomes(), split,
                TaggingData::identity);
        Map<String, Labelled> parts = new LinkedHashMap<>();
        for (String name : List.of(SeededSplit.TRAIN, SeededSplit.VALIDATION, SeededSplit.TEST)) {
            parts.put(name, new Labelled(assigned.filter(t -> t._1().equals(name)).values()
                    .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK()), all.files()));
        }
        return parts;
    }

    /**
     * A stable row number from the sentence's file (its index in the sorted input list) and first line, so the
     * seeded shuffle does not depend on how Spark split the files.
     */
    static long rowNumber(List<String> files, TaggedSentence s) {
        int file = files.indexOf(s.source());
        return ((long) Math.max(file, 0) << 40) | s.firstLine();
    }

    /**
     * Encodes sentences as prepared rows; sentences longer than {@code maxLength} are cut (0 = never). Tags the
     * model does not know get id -1.
     */
    static JavaRDD<Row> encode(JavaRDD<TaggedSentence> sentences, List<String> files, TokenFeatures features,
                               LabelIndex tags, int maxLength) {
        return encode(sentences, files, features, null, tags, maxLength);
    }

    /** {@link #encode} with each token's character ids ({@link CharacterColumn}) when {@code chars} is not null. */
    static JavaRDD<Row> encode(JavaRDD<TaggedSentence> sentences, List<String> files, TokenFeatures features,
                               CharacterIds chars, LabelIndex tags, int maxLength) {
        return sentences.map(s -> {
            boolean cut = maxLength > 0 && s.length() > maxLength;
            List<String> tokens = cut ? s.tokens().subList(0, maxLength) : s.tokens();
            List<String> tagNames = cut ? s.tags().subList(0, maxLength) : s.tags();
            int[][] ids = features.encode(tokens);
            int[] flat = new int[ids.length * tokens.size()];
            for (int c = 0; c < ids.length; c++) {
                System.arraycopy(ids[c], 0, flat, c * tokens.size(), tokens.size());
            }
            int[] tagIds = tagNames.stream().mapToInt(tags::indexOf).toArray();
            if (chars == null) {
                return RowFactory.create(rowNumber(files, s), s.source(), s.firstLine(),
                        tokens.toArray(new String[0]), tagNames.toArray(new String[0]), ids.length, flat, tagIds, cut);
            }
            return RowFactory.create(rowNumber(files, s), s.source(), s.firstLine(), tokens.toArray(new String[0]),
                    tagNames.toArray(new String[0]), ids.length, flat, tagIds, cut, chars.encode(tokens));
        });
    }

    static Dataset<Row> frame(SparkSession spark, JavaRDD<Row> rows) {
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** The prepared frame of rows encoded with character ids ({@link #SCHEMA_WITH_CHARS}) or without. */
    static Dataset<Row> frame(SparkSession spark, JavaRDD<Row> rows, boolean withChars) {
        return spark.createDataFrame(rows, withChars ? SCHEMA_WITH_CHARS : SCHEMA);
    }

    /** Reads prepared rows back as examples (with their character ids where the data has them). */
    static JavaRDD<TaggedExample> examples(Dataset<Row> frame) {
        boolean chars = hasChars(frame);
        return frame.select(columns(chars, "row", "channels", "features", "tag_ids")).toJavaRDD()
                .map(r -> example(r, chars ? 4 : -1));
    }

    /** Reads prepared rows back as examples with their gold tags, for validation. */
    static JavaRDD<TaggerEvaluation.Gold> golds(Dataset<Row> frame) {
        boolean chars = hasChars(frame);
        return frame.select(columns(chars, "row", "channels", "features", "tag_ids", "tags")).toJavaRDD()
                .map(r -> new TaggerEvaluation.Gold(example(r, chars ? 5 : -1), List.copyOf(r.<String>getList(4))));
    }

    private static boolean hasChars(Dataset<Row> frame) {
        return CharacterColumn.in(frame);
    }

    private static org.apache.spark.sql.Column[] columns(boolean chars, String... names) {
        List<org.apache.spark.sql.Column> out = new java.util.ArrayList<>();
        for (String n : names) {
            out.add(org.apache.spark.sql.functions.col(n));
        }
        if (chars) {
            out.add(org.apache.spark.sql.functions.col(CharacterColumn.COLUMN));
        }
        return out.toArray(new org.apache.spark.sql.Column[0]);
    }

    private static TaggedExample example(Row r, int charsField) {
        TaggedExample e = example(r);
        if (charsField < 0) {
            return e;
        }
        int[][] chars = CharacterColumn.read(r, charsField);
        return new TaggedExample(e.row(), e.features(), e.tags(), chars);
    }

    private static TaggedExample example(Row r) {
        int channels = r.getInt(1);
        int[] flat = unboxed(r.getList(2));
        int[] tagIds = unboxed(r.getList(3));
        int n = tagIds.length;
        int[][] features = new int[channels][];
        for (int c = 0; c < channels; c++) {
            features[c] = Arrays.copyOfRange(flat, c * n, (c + 1) * n);
        }
        return new TaggedExample(r.getLong(0), features, tagIds);
    }

    /** An example of a sentence, for evaluation and scoring (never cut). */
    static TaggedExample example(long row, List<String> tokens, List<String> tagNames, TokenFeatures features,
                                 LabelIndex tags) {
        return example(row, tokens, tagNames, features, null, tags);
    }

    /** {@link #example(long, List, List, TokenFeatures, LabelIndex)} with character ids when {@code chars} is set. */
    static TaggedExample example(long row, List<String> tokens, List<String> tagNames, TokenFeatures features,
                                 CharacterIds chars, LabelIndex tags) {
        int[] tagIds = new int[tokens.size()];
        for (int t = 0; t < tagIds.length; t++) {
            tagIds[t] = tagNames == null ? -1 : tags.indexOf(tagNames.get(t));
        }
        return new TaggedExample(row, features.encode(tokens), tagIds, chars == null ? null : chars.encode(tokens));
    }

    private static int[] unboxed(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
