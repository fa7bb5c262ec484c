package io.seqpipe.tasks;

import io.seqpipe.SeqPipeException;
import io.seqpipe.inference.NetworkShape;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.model.CharEncoderSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.provenance.ModelDirectory;
import io.seqpipe.spark.TokenCounts;
import io.seqpipe.text.VocabularyBuilder;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Spark and file side of {@link CharacterIds}, the same for every task with a character encoder
 * ({@code model.chars.*}): the vocabulary counted over the training split in {@code prepare}, the prepared rows'
 * {@value #COLUMN} column, and the vocabulary read back by {@code train} from the prepared folder and by
 * {@code evaluate} and {@code score} from the model directory.
 */
public final class CharacterColumn {
    /**
     * The column of each token's character ids ({@code ARRAY<ARRAY<INT>>}: the token's first
     * {@code model.chars.maxWordLength} characters), only in data prepared with a character encoder.
     */
    public static final String COLUMN = "char_ids";
    private static final DataType TYPE = DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.IntegerType,
            false), false);

    private CharacterColumn() {
    }

    /** {@code schema} with {@value #COLUMN} last. */
    public static StructType appendedTo(StructType schema) {
        return schema.add(COLUMN, TYPE, false);
    }

    /** Whether prepared rows have {@value #COLUMN}. */
    public static boolean in(Dataset<Row> frame) {
        return Arrays.asList(frame.columns()).contains(COLUMN);
    }

    /** A row's {@value #COLUMN} at {@code field}: Spark gives the inner arrays as Scala sequences. */
    public static int[][] read(Row r, int field) {
        List<Object> words = r.getList(field);
        int[][] chars = new int[words.size()][];
        for (int t = 0; t < chars.length; t++) {
            Object w = words.get(t);
            @SuppressWarnings("unchecked")
            List<Integer> ids = w instanceof List<?> l ? (List<Integer>) l
                    : scala.collection.JavaConverters.seqAsJavaList((scala.collection.Seq<Integer>) w);
            int[] out = new int[ids.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ids.get(i);
            }
            chars[t] = out;
        }
        return chars;
    }

    /** The character vocabulary of the training split's tokens ({@link CharacterIds#characters} of each token). */
    public static CharacterIds count(JavaRDD<List<String>> tokens, CharEncoderSpec spec) {
        int maxWordLength = spec.maxWordLength();
        JavaRDD<List<String>> chars = tokens.map(words -> {
            List<String> out = new ArrayList<>();
            words.forEach(t -> out.addAll(CharacterIds.characters(t, maxWordLength)));
            return out;
        });
        VocabularyBuilder builder = new VocabularyBuilder(spec.minCount(), spec.maxSize());
        return CharacterIds.build(TokenCounts.mostFrequent(chars, builder.minCount(), builder.maxRealTokens()),
                spec.minCount(), spec.maxSize(), maxWordLength);
    }

    /**
     * The character vocabulary {@code prepare} wrote ({@value CharacterIds#FILE}) when {@code spec} is enabled, else
     * null; fails when the prepared folder has none (it was prepared without the encoder).
     */
    public static CharacterIds fromPrepared(TrainStep.PreparedFolder prepared, CharEncoderSpec spec) {
        if (!spec.enabled()) {
            return null;
        }
        if (!HadoopFiles.exists(prepared.resolve(CharacterIds.FILE), prepared.hadoop())) {
            throw new SeqPipeException("model.chars.encoder = " + spec.encoder().name().toLowerCase(Locale.ROOT)
                    + " needs the character vocabulary, but " + prepared.path() + " has no " + CharacterIds.FILE
                    + ": run prepare again with the same model.chars.* settings");
        }
        return CharacterIds.fromLines(prepared.lines(CharacterIds.FILE), spec.maxWordLength());
    }

    /**
     * A model's character vocabulary (under {@code artifacts/}) when it was trained with the encoder {@code trained},
     * else null (a model without one reads no characters); checked against the network's character encoder.
     */
    public static CharacterIds fromModel(ModelDirectory.Loaded dir, CharEncoderSpec trained, NetworkShape shape,
                                         Configuration hadoop) {
        if (!trained.enabled()) {
            return null;
        }
        CharacterIds chars = CharacterIds.fromLines(dir.artifact(CharacterIds.FILE, hadoop), trained.maxWordLength());
        shape.requireInputs(NetworkFactory.CHAR_ENCODER, "character encoder", chars.size(),
                "the character vocabulary (" + ModelDirectory.ARTIFACTS + "/" + CharacterIds.FILE + ")", "entries");
        return chars;
    }
}
