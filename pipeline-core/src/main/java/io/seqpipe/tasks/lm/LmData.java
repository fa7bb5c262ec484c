package io.seqpipe.tasks.lm;

import io.seqpipe.lm.CutSequence;
import io.seqpipe.spark.SchemaNotation;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * The prepared data of a language model, as Parquet:
 * <pre>
 *   train/, validation/, test/   training sequences ({@link #SEQUENCES}), one row per {@link CutSequence}:
 *     index              the sequence's index in its split's stream, from 0
 *     start              the stream offset of its first input
 *     inputs, targets    unit ids, lm.sequenceLength of each; steps from validSteps on are &lt;pad&gt; (0)
 *     firstCountedStep   the first step whose target the sequence counts (0, or length - stride)
 *     validSteps         the real steps
 *   validation-stream/, test-stream/   the held-out split's whole stream of unit ids ({@link #STREAM}), for
 *     evaluation with the state carried across segments: rows of consecutive units that tile [0, n), n the split's
 *     units; sort by start and concatenate
 * </pre>
 */
public final class LmData {
    public static final StructType SEQUENCES = SchemaNotation.parse("""
            index BIGINT NOT NULL, start BIGINT NOT NULL, inputs ARRAY<INT NOT NULL> NOT NULL,
            targets ARRAY<INT NOT NULL> NOT NULL, firstCountedStep INT NOT NULL, validSteps INT NOT NULL""");
    public static final StructType STREAM = SchemaNotation.parse("""
            start BIGINT NOT NULL, units ARRAY<INT NOT NULL> NOT NULL""");
    /** The folder of a held-out split's stream: {@code validation-stream}, {@code test-stream}. */
    public static final String STREAM_SUFFIX = "-stream";

    private LmData() {
    }

    public static Dataset<Row> sequenceFrame(SparkSession spark, JavaRDD<CutSequence> sequences) {
        return spark.createDataFrame(sequences.map(s -> RowFactory.create(s.index(), s.start(), s.inputs(),
                s.targets(), s.firstCountedStep(), s.validSteps())), SEQUENCES);
    }

    public static Dataset<Row> streamFrame(SparkSession spark, JavaRDD<UnitPiece> pieces) {
        return spark.createDataFrame(pieces.map(p -> RowFactory.create(p.start(), p.units())), STREAM);
    }

    /** A sequence row read back. */
    public static CutSequence sequence(Row row) {
        return new CutSequence(row.getLong(0), row.getLong(1), ints(row.getList(2)), ints(row.getList(3)),
                row.getInt(5), row.getInt(4));
    }

    private static int[] ints(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
