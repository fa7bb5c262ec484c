package io.seqpipe.spark;

import io.seqpipe.config.Secrets;
import io.seqpipe.data.Rejection;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rejects output every job writes beside its data: JSON lines {@code split, source, offset, reason, detail, line}.
 * {@code offset} is the 1-based line number (of a record's first line) for delimited text, class-per-path and column
 * (CoNLL) files. A password inside
 * the {@code source} URI is masked.
 */
public final class RejectsOutput {
    public static final StructType SCHEMA = new StructType()
            .add("split", DataTypes.StringType, false)
            .add("source", DataTypes.StringType, false)
            .add("offset", DataTypes.LongType, false)
            .add("reason", DataTypes.StringType, false)
            .add("detail", DataTypes.StringType, true)
            .add("line", DataTypes.StringType, true);

    private RejectsOutput() {
    }

    public static Row row(String split, Rejection r) {
        return RowFactory.create(split, Secrets.maskUris(r.source()), r.offset(), r.reason().code(), r.detail(),
                r.line());
    }

    /** Writes rejects as JSON lines, coalesced to one file. */
    public static void write(SparkSession spark, JavaRDD<Row> rejects, String path) {
        spark.createDataFrame(rejects, SCHEMA).coalesce(1).write().mode(SaveMode.ErrorIfExists).json(path);
    }
}
