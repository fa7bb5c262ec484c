package io.seqpipe.tasks.forecast;

import io.seqpipe.SeqPipeException;
import io.seqpipe.tasks.InputSource;
import io.seqpipe.tasks.RecordRejections;
import io.seqpipe.tasks.RejectsAccounting;
import io.seqpipe.forecast.CleaningConfig;
import io.seqpipe.forecast.CleaningSummary;
import io.seqpipe.forecast.ForecastWindow;
import io.seqpipe.forecast.SeriesCleaner;
import io.seqpipe.forecast.SeriesCsvFormat;
import io.seqpipe.forecast.SeriesRow;
import io.seqpipe.forecast.SeriesRowOutcome;
import io.seqpipe.forecast.SeriesRowParser;
import io.seqpipe.forecast.SplitSpec;
import io.seqpipe.forecast.TimeSeriesConfig;
import io.seqpipe.forecast.WindowSpec;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Spark side of forecasting data: reading CSV series (or a DataFrame's rows), cleaning and splitting each key on the executors, the
 * window DataFrame and the rejects output.
 *
 * <p>Window DataFrame (Parquet, one row per window, one directory per split part):
 * <pre>
 *   row                long                 0..n-1 in (key, first_target_step) order (the seeded shuffle keys on it)
 *   key                string               the series key ("*" when the input is one series)
 *   first_target_step  int                  step of the first target in the cleaned series
 *   first_target_time  timestamp_ntz        its timestamp (null when series.timestampFormat = none)
 *   inputs             array&lt;array&lt;float&gt;&gt;  [L][F]: scaled (and transformed) value columns, then one-hot categories
 *   targets            array&lt;array&lt;float&gt;&gt;  [H][K]: scaled (and transformed) target columns, what the network learns
 *   actuals            array&lt;array&lt;double&gt;&gt; [H][K]: the targets in original units, what metrics compare with
 * </pre>
 * Rejects (JSON lines): {@code stage} (parse | clean), {@code source, offset, reason, detail, line} (line is null for
 * rows rejected by cleaning: rows do not carry their text).
 */
public final class ForecastData {
    public static final StructType WINDOW_SCHEMA = SchemaNotation.parse("""
            row BIGINT NOT NULL, key STRING NOT NULL, first_target_step INT NOT NULL,
            first_target_time TIMESTAMP_NTZ, inputs ARRAY<ARRAY<FLOAT NOT NULL> NOT NULL> NOT NULL,
            targets ARRAY<ARRAY<FLOAT NOT NULL> NOT NULL> NOT NULL,
            actuals ARRAY<ARRAY<DOUBLE NOT NULL> NOT NULL> NOT NULL""");

    /** The rejection of a row as parsed. */
    static final RecordRejections<SeriesRowOutcome> PARSE_REJECTIONS =
            RecordRejections.single(SeriesRowOutcome::rejection);
    /** The rows cleaning rejected in a series. */
    static final RecordRejections<CleanedSeries> CLEAN_REJECTIONS = CleanedSeries::rejections;

    private ForecastData() {
    }

    /** Parsed rows and cleaned series of one input; both persisted (call {@link #unpersist}). */
    public record Series(SeriesTextSource.Input input, JavaRDD<SeriesRowOutcome> rows, JavaRDD<CleanedSeries> cleaned) {
        public void unpersist() {
            cleaned.unpersist(false);
            rows.unpersist(false);
        }

        /** Rejected rows of both stages, as reject rows ({@code stage} parse or clean). */
        public JavaRDD<Row> rejectRows() {
            return RejectsAccounting.rows(rows, "parse", PARSE_REJECTIONS)
                    .union(RejectsAccounting.rows(cleaned, "clean", CLEAN_REJECTIONS));
        }

        /** Rows read (lines other than headers and blank lines). */
        public long rowsRead() {
            return rows.count();
        }

        /** Rejected rows by reason, both stages. */
        public Map<String, Long> rejectedByReason() {
            Map<String, Long> out = RejectsAccounting.byReason(rows, PARSE_REJECTIONS);
            RejectsAccounting.byReason(cleaned, CLEAN_REJECTIONS).forEach((k, v) -> out.merge(k, v, Long::sum));
            return out;
        }

        /** What cleaning did, summed over keys. */
        public CleaningSummary cleaning() {
            return cleaned.map(CleanedSeries::summary).fold(CleaningSummary.EMPTY, CleaningSummary::plus);
        }
    }

    /**
     * Reads {@code path}, parses it, groups the rows by series key and cleans and splits each key on the executors.
     *
     * @param what the config key naming the input, for messages
     */
    public static Series read(JavaSparkContext sc, String path, TimeSeriesConfig data, String what) {
        return read(sc, path, data, what, null);
    }

    /**
     * As {@link #read(JavaSparkContext, String, TimeSeriesConfig, String)}, with {@code source} reading the rows
     * (e.g. a DataFrame's, {@link #readRows}), or the CSV files at {@code path} when it is null.
     */
    public static Series read(JavaSparkContext sc, String path, TimeSeriesConfig data, String what,
                              InputSource<SeriesRowOutcome> source) {
        SeriesTextSource.Input input = source == null ? SeriesTextSource.read(sc, path, data.series(),
                data.cleaning().missingValues(), what) : new SeriesTextSource.Input(source.read(path, what), List.of(),
                List.of());
        JavaRDD<SeriesRowOutcome> rows = input.rows().persist(StorageLevel.MEMORY_AND_DISK());
        SeriesCleaner cleaner = new SeriesCleaner(data.cleaning());
        SplitSpec split = data.split();
        WindowSpec window = data.window();
        int partitions = Math.max(1, sc.defaultParallelism());
        JavaRDD<CleanedSeries> cleaned = rows.filter(o -> !o.isRejected())
                .mapToPair(o -> new Tuple2<>(o.row().key(), o.row()))
                .groupByKey(partitions)
                .map(group -> {
                    List<SeriesRow> keyRows = new ArrayList<>();
                    group._2().forEach(keyRows::add);
                    SeriesCleaner.Result r = cleaner.clean(group._1(), keyRows);
                    return new CleanedSeries(r.series(), split.split(r.series(), window), r.rejections(), r.summary());
                })
                .persist(StorageLevel.MEMORY_AND_DISK());
        if (cleaned.isEmpty()) {
            Map<String, Long> reasons = RejectsAccounting.byReason(rows, PARSE_REJECTIONS);
            cleaned.unpersist(false);
            rows.unpersist(false);
            throw new SeqPipeException(what + " " + path + " has no usable rows (rejected: " + reasons + ")");
        }
        return new Series(input, rows, cleaned);
    }

    /**
     * Reads the rows of a DataFrame as series rows: the columns {@code format} names (key, timestamp, values,
     * categories; by name), each row's typed cells parsed as {@link SeriesRowParser#parseCells} parses them, numbered
     * by its 1-based row number in the DataFrame's order under {@code source}. A row with an empty key, a bad or null
     * timestamp or a bad value is rejected with its reason, as a line of a file would be.
     */
    public static JavaRDD<SeriesRowOutcome> readRows(Dataset<Row> frame, SeriesCsvFormat format,
                                                     CleaningConfig.MissingValues missingValues, String source) {
        List<String> columns = new ArrayList<>();
        if (format.keyColumn() != null) {
            columns.add(format.keyColumn());
        }
        columns.addAll(format.timestampColumns());
        columns.addAll(format.valueColumns());
        columns.addAll(format.categoricalColumns());
        SeriesRowParser parser = SeriesRowParser.create(format, columns, missingValues, source);
        return frame.selectExpr(columns.stream().map(c -> "`" + c.replace("`", "``") + "`").toArray(String[]::new))
                .toJavaRDD().zipWithIndex().map(t -> {
                    List<Object> cells = new ArrayList<>(t._1().size());
                    for (int i = 0; i < t._1().size(); i++) {
                        cells.add(t._1().get(i));
                    }
                    return parser.parseCells(source, t._2() + 1, cells, cells.toString());
                });
    }

    /** Windows as DataFrame rows, numbered 0..n-1 in (key, first target step) order. */
    public static Dataset<Row> windowFrame(SparkSession spark, JavaRDD<ForecastWindow> windows) {
        JavaRDD<Row> rows = windows
                .sortBy(w -> w.key() + '\u0000' + String.format("%010d", w.firstTargetStep()), true,
                        Math.max(1, windows.getNumPartitions()))
                .zipWithIndex()
                .map(t -> {
                    ForecastWindow w = t._1();
                    return RowFactory.create(t._2(), w.key(), w.firstTargetStep(), w.firstTargetTime(), w.inputs(),
                            w.targets(), w.actuals());
                });
        return spark.createDataFrame(rows, WINDOW_SCHEMA);
    }

    /** Reads a window DataFrame back as examples. */
    public static JavaRDD<WindowExample> examples(Dataset<Row> frame) {
        return frame.select("row", "key", "first_target_step", "inputs", "targets", "actuals").toJavaRDD()
                .map(ForecastData::example);
    }

    static WindowExample example(Row r) {
        List<Object> inputs = r.getList(3);
        List<Object> targets = r.getList(4);
        List<Object> actuals = r.getList(5);
        int features = ((scala.collection.Seq<?>) inputs.get(0)).length();
        float[] in = new float[inputs.size() * features];
        flattenFloats(inputs, in);
        int k = ((scala.collection.Seq<?>) targets.get(0)).length();
        float[] tg = new float[targets.size() * k];
        flattenFloats(targets, tg);
        double[] ac = new double[actuals.size() * k];
        int at = 0;
        for (Object step : actuals) {
            scala.collection.Seq<?> s = (scala.collection.Seq<?>) step;
            for (int i = 0; i < s.length(); i++) {
                ac[at++] = ((Number) s.apply(i)).doubleValue();
            }
        }
        return new WindowExample(r.getLong(0), r.getString(1), r.getInt(2), features, in, tg, ac);
    }

    private static void flattenFloats(List<Object> steps, float[] out) {
        int at = 0;
        for (Object step : steps) {
            scala.collection.Seq<?> s = (scala.collection.Seq<?>) step;
            for (int i = 0; i < s.length(); i++) {
                out[at++] = ((Number) s.apply(i)).floatValue();
            }
        }
    }
}
