package io.seqpipe.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The metrics history table every task's {@code evaluate} appends to (Parquet, one row per metric):
 * {@code run_id, time, task, model, dataset, metric, value}. Appends add files, so concurrent evaluations of
 * different models do not overwrite each other.
 */
public final class MetricsHistory {
    public static final StructType SCHEMA = SchemaNotation.parse("""
            run_id STRING NOT NULL, time TIMESTAMP NOT NULL, task STRING NOT NULL, model STRING NOT NULL,
            dataset STRING NOT NULL, metric STRING NOT NULL, value DOUBLE NOT NULL""");

    private MetricsHistory() {
    }

    /** Appends one row per entry of {@code metrics} (NaN values are kept: they say a metric was undefined). */
    public static void append(SparkSession spark, String historyPath, String runId, String task, String model,
                              String dataset, Map<String, Double> metrics) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> rows = new ArrayList<>();
        metrics.forEach((k, v) -> rows.add(RowFactory.create(runId, now, task, model, dataset, k, v)));
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().mode(SaveMode.Append).parquet(historyPath);
    }
}
