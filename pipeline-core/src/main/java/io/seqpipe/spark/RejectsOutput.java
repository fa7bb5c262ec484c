package io.seqpipe.spark;

import io.seqpipe.config.Secrets;
import io.seqpipe.data.Rejection;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The rejects output every job writes beside its data, the one writer of them all: JSON lines
 * {@code <scope>, source, offset, reason, detail, line}, where the scope column says where the record was rejected:
 * {@code split} (train, validation, test, score) for the text tasks, {@code stage} (parse, clean) for time series.
 * {@code offset} is the 1-based line number (of a record's first line) for delimited text, time series,
 * class-per-path and column (CoNLL) files. A password inside the {@code source} URI is masked.
 */
public final class RejectsOutput {
    /** The scope column of the text tasks' rejects. */
    public static final String SPLIT = "split";
    /** The scope column of the time-series rejects. */
    public static final String STAGE = "stage";
    /** The columns after the scope column: where the rejected record came from, why, and its text. */
    private static final String REJECTION_COLUMNS = """
            source STRING NOT NULL, offset BIGINT NOT NULL, reason STRING NOT NULL, detail STRING, line STRING""";
    public static final StructType SCHEMA = schema(SPLIT);

    private RejectsOutput() {
    }

    /** The rejects schema with {@code scopeColumn} first. */
    public static StructType schema(String scopeColumn) {
        return SchemaNotation.parse(scopeColumn + " STRING NOT NULL, " + REJECTION_COLUMNS);
    }

    /** One reject row; {@code scope} is the value of the scope column (a split or a stage). */
    public static Row row(String scope, Rejection r) {
        return RowFactory.create(scope, Secrets.maskUris(r.source()), r.offset(), r.reason().code(), r.detail(),
                r.line());
    }

    /** Writes rejects with a {@code split} column as JSON lines, coalesced to one file. */
    public static void write(SparkSession spark, JavaRDD<Row> rejects, String path) {
        write(spark, rejects, path, SPLIT);
    }

    /** Writes rejects with {@code scopeColumn} first as JSON lines, coalesced to one file. */
    public static void write(SparkSession spark, JavaRDD<Row> rejects, String path, String scopeColumn) {
        spark.createDataFrame(rejects, schema(scopeColumn)).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                .json(path);
    }
}
