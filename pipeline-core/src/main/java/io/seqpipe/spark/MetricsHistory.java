package io.seqpipe.spark;

import io.seqpipe.io.HadoopFiles;
import io.seqpipe.report.ComparedRun;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The metrics history table every task's {@code evaluate} appends to (Parquet, one row per metric):
 * {@code run_id, time, task, model, dataset, metric, value}. Appends add files, so concurrent evaluations of
 * different models do not overwrite each other. {@link #read} reads the table back without Spark (for
 * {@code seqpipe report}).
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

    /** One row of the table. */
    public record Entry(String runId, Instant time, String task, String model, String dataset, String metric,
                        double value) {
    }

    /**
     * Every row of the table at {@code historyPath}, read with parquet-hadoop (no SparkSession); empty when there is
     * no table there. Hidden files ({@code _SUCCESS}, temporary outputs) are skipped.
     */
    public static List<Entry> read(String historyPath, Configuration hadoop) {
        Path dir = HadoopFiles.qualify(historyPath, hadoop);
        List<Entry> entries = new ArrayList<>();
        try {
            FileSystem fs = dir.getFileSystem(hadoop);
            if (!fs.exists(dir)) {
                return List.of();
            }
            for (FileStatus f : fs.listStatus(dir)) {
                if (f.isFile() && !HadoopFiles.isHidden(f.getPath()) && f.getPath().getName().endsWith(".parquet")) {
                    readFile(f.getPath(), hadoop, entries);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metrics history " + dir, e);
        }
        return entries;
    }

    private static void readFile(Path file, Configuration hadoop, List<Entry> into) throws IOException {
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(hadoop)
                .build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                into.add(new Entry(g.getString("run_id", 0), time(g), g.getString("task", 0),
                        g.getString("model", 0), g.getString("dataset", 0), g.getString("metric", 0),
                        g.getDouble("value", 0)));
            }
        }
    }

    /** The {@code time} column as Spark writes it: INT96 (its default) or INT64 micro- or milliseconds. */
    private static Instant time(Group g) {
        PrimitiveType type = g.getType().getType("time").asPrimitiveType();
        if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96) {
            return int96(g.getInt96("time", 0));
        }
        long value = g.getLong("time", 0);
        if (type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                && ts.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS) {
            return Instant.ofEpochMilli(value);
        }
        return Instant.EPOCH.plus(value, java.time.temporal.ChronoUnit.MICROS);
    }

    /** Parquet's INT96 timestamp: nanoseconds of the day, then the Julian day, both little-endian. */
    static Instant int96(Binary value) {
        ByteBuffer b = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = b.getLong();
        int julianDay = b.getInt();
        long epochDay = julianDay - JULIAN_DAY_OF_EPOCH;
        return Instant.ofEpochSecond(TimeUnit.DAYS.toSeconds(epochDay), nanosOfDay);
    }

    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;

    /**
     * The evaluations of {@code model} among {@code entries}: the rows of each evaluate run gathered into one, oldest
     * first (then by run id), each run's metrics in the order of its rows.
     */
    public static List<ComparedRun.Evaluation> evaluationsOf(String model, List<Entry> entries) {
        Map<String, List<Entry>> byRun = new LinkedHashMap<>();
        entries.stream().filter(e -> e.model().equals(model))
                .sorted(Comparator.comparing(Entry::time).thenComparing(Entry::runId))
                .forEach(e -> byRun.computeIfAbsent(e.runId(), k -> new ArrayList<>()).add(e));
        List<ComparedRun.Evaluation> out = new ArrayList<>();
        byRun.forEach((runId, rows) -> {
            Map<String, Double> metrics = new LinkedHashMap<>();
            rows.forEach(r -> metrics.put(r.metric(), r.value()));
            out.add(new ComparedRun.Evaluation(runId, rows.get(0).time().toString(), rows.get(0).dataset(), metrics));
        });
        return out;
    }
}
