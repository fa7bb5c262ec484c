package io.seqpipe.ml;

import com.typesafe.config.ConfigUtil;
import io.seqpipe.forecast.QuantileLevels;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.forecast.ForecastData;
import io.seqpipe.tasks.forecast.ForecastTaskConfig;
import io.seqpipe.tasks.forecast.PrepareForecastData;
import io.seqpipe.tasks.forecast.ScoreForecaster;
import io.seqpipe.tasks.forecast.TrainForecaster;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The multi-step forecaster ({@code task = forecast}) as a Spark ML estimator. Its input is a long DataFrame of series
 * rows: a key column ({@code keyCol}: string or integer; unset, all rows are one series), a time column
 * ({@code timeCol}: timestamp, date, or string in {@code series_timestampFormat}; not read with
 * {@code series_timestampFormat = none}, where the rows' order is the time index) and the value columns
 * ({@code valueCols}: numeric; null and NaN are missing values, filled or rejected as {@code cleaning_missingValues}
 * says). {@code fit} prepares the rows as {@code seqpipe prepare} prepares a CSV file's (rows numbered in the
 * DataFrame's order, so a DataFrame that is not in time order needs {@code cleaning_outOfOrderTimestamps = sort};
 * cleaning, chronological split, scaling fitted on the training parts, transforms, windows), trains with parameter
 * averaging as {@code seqpipe train} does (forecasting the value columns {@code window_targetColumns} names, all of
 * them when it is unset; ensembles with {@code train_ensemble}, quantiles with {@code model_quantiles}), and returns
 * a {@link SequenceForecastModel}, whose {@code transform} turns series into forecasts: one row per key, step and
 * target (not per input row).
 *
 * <p>Every config key of the forecast task that shapes training is a Param ({@code window.lookback} →
 * {@code window_lookback}; {@link #setConfig}); see {@link SeqPipeEstimator}. The column Params stand for
 * {@code series.keyColumn}, {@code series.timestampColumns} and {@code series.valueColumns}, and the CSV keys
 * {@code series.delimiter}, {@code series.quote} and {@code series.header} do not apply to a DataFrame: none of these
 * six is a Param.
 */
public final class SequenceForecaster extends SeqPipeEstimator<ForecastTaskConfig, SequenceForecastModel> {
    private static final long serialVersionUID = 1L;
    static final String TASK = "forecast";
    /** The keys of the CSV input that the column Params and the DataFrame replace. */
    static final Set<String> COLUMN_KEYS = Set.of("series.keyColumn", "series.timestampColumns",
            "series.valueColumns", "series.delimiter", "series.quote", "series.header");
    private final Param<String> keyCol = ColumnParams.keyCol(this);
    private final Param<String> timeCol = ColumnParams.timeCol(this);
    private final StringArrayParam valueCols = ColumnParams.valueCols(this);

    public SequenceForecaster(String uid) {
        super(uid, TASK, COLUMN_KEYS);
        setDefault(timeCol, "time");
        setDefault(valueCols, new String[]{"value"});
    }

    public SequenceForecaster() {
        this(Identifiable$.MODULE$.randomUID("seqForecaster"));
    }

    public static MLReader<SequenceForecaster> read() {
        return new DefaultParamsReader<>();
    }

    public static SequenceForecaster load(String path) {
        return read().load(path);
    }

    @Override
    protected List<Param<?>> columnParams() {
        return List.of(keyCol, timeCol, valueCols);
    }

    @Override
    protected List<String> inputOverrides(String input) {
        List<String> values = Arrays.asList(getValueCols());
        List<String> out = new ArrayList<>(List.of("paths.input=" + ConfigUtil.quoteString(input),
                "series.keyColumn=" + (isDefined(keyCol) ? ConfigUtil.quoteString(getKeyCol()) : "null"),
                "series.timestampColumns=" + quotedList(hasTimestamps() ? List.of(getTimeCol()) : List.of()),
                "series.valueColumns=" + quotedList(values)));
        if (!isSet(configParam("window.targetColumns"))) {
            out.add("window.targetColumns=" + quotedList(values));
        }
        return out;
    }

    private static String quotedList(List<String> values) {
        return values.stream().map(ConfigUtil::quoteString).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Whether the rows carry a time column: {@code series_timestampFormat} is not {@code none}. */
    private boolean hasTimestamps() {
        return !String.valueOf(getConfig("series.timestampFormat")).strip().toLowerCase(Locale.ROOT).equals("none");
    }

    @Override
    protected String describeInput() {
        return describe(isDefined(keyCol) ? getKeyCol() : null, hasTimestamps() ? getTimeCol() : null,
                getValueCols());
    }

    /** The rows as prepare's summary and messages name them, e.g. {@code dataframe(station, month, value)}. */
    static String describe(String key, String time, String[] values) {
        List<String> columns = new ArrayList<>();
        if (key != null) {
            columns.add(key);
        }
        if (time != null) {
            columns.add(time);
        }
        columns.addAll(Arrays.asList(values));
        return "dataframe(" + String.join(", ", columns) + ")";
    }

    @Override
    protected JobReport prepare(SparkSession spark, ForecastTaskConfig cfg, Dataset<Row> rows) {
        return PrepareForecastData.run(spark, cfg, false, (path, key) -> ForecastData.readRows(rows,
                cfg.data().series(), cfg.data().cleaning().missingValues(), path));
    }

    @Override
    protected JobReport train(SparkSession spark, ForecastTaskConfig cfg) {
        return TrainForecaster.run(spark, cfg, false, List.of());
    }

    @Override
    protected SequenceForecastModel newModel(String modelUid, String directory) {
        return new SequenceForecastModel(modelUid, directory);
    }

    /**
     * Checks the input columns; the output is the forecasts' schema (score's predictions, with a
     * {@code forecast_q<level>} column per level of {@code model_quantiles}), whatever the input's columns.
     */
    @Override
    public StructType transformSchema(StructType schema) {
        String stage = getClass().getSimpleName() + " " + uid();
        requireSeriesColumns(stage, schema, isDefined(keyCol) ? getKeyCol() : null,
                hasTimestamps() ? getTimeCol() : null, getValueCols(),
                (String[]) getConfig("series.categoricalColumns"));
        QuantileLevels quantiles = resolve(getWorkDir(), describeInput()).quantiles();
        return ScoreForecaster.predictionSchema(quantiles);
    }

    /**
     * Fails unless {@code schema} has the series columns: the key (string or integer; null for none), the time
     * (timestamp, date or string; null for none), the values (numeric) and the categories (string).
     */
    static void requireSeriesColumns(String stage, StructType schema, String key, String time, String[] values,
                                     String[] categories) {
        if (key != null) {
            StageColumns.requireInput(stage, schema, "keyCol", key, "string or integer",
                    t -> t.equals(DataTypes.StringType) || t.equals(DataTypes.IntegerType)
                            || t.equals(DataTypes.LongType) || t.equals(DataTypes.ShortType)
                            || t.equals(DataTypes.ByteType));
        }
        if (time != null) {
            StageColumns.requireInput(stage, schema, "timeCol", time, "timestamp, timestamp_ntz, date or string",
                    SequenceForecaster::timeType);
        }
        for (String value : values) {
            StageColumns.requireInput(stage, schema, "valueCols", value, "numeric", t -> t instanceof NumericType);
        }
        for (String category : categories) {
            StageColumns.requireInput(stage, schema, "series_categoricalColumns", category, "string",
                    t -> t.equals(DataTypes.StringType));
        }
    }

    private static boolean timeType(DataType t) {
        return t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType)
                || t.equals(DataTypes.DateType) || t.equals(DataTypes.StringType);
    }

    public Param<String> keyCol() {
        return keyCol;
    }

    /** The key column; fails when unset (all rows one series): check {@code isDefined(keyCol())}. */
    public String getKeyCol() {
        return getOrDefault(keyCol);
    }

    public SequenceForecaster setKeyCol(String value) {
        set(keyCol, value);
        return this;
    }

    public Param<String> timeCol() {
        return timeCol;
    }

    public String getTimeCol() {
        return getOrDefault(timeCol);
    }

    public SequenceForecaster setTimeCol(String value) {
        set(timeCol, value);
        return this;
    }

    public StringArrayParam valueCols() {
        return valueCols;
    }

    public String[] getValueCols() {
        return getOrDefault(valueCols);
    }

    public SequenceForecaster setValueCols(String... value) {
        set(valueCols, value);
        return this;
    }

    @Override
    public SequenceForecaster setConfig(String key, Object value) {
        super.setConfig(key, value);
        return this;
    }

    @Override
    public SequenceForecaster setWorkDir(String value) {
        super.setWorkDir(value);
        return this;
    }
}
