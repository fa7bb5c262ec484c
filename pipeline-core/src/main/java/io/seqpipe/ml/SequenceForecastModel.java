package io.seqpipe.ml;

import io.seqpipe.SeqPipeException;
import io.seqpipe.forecast.SeriesCsvFormat;
import io.seqpipe.forecast.SeriesRowOutcome;
import io.seqpipe.forecast.TimeSeriesConfig;
import io.seqpipe.tasks.forecast.ForecastData;
import io.seqpipe.tasks.forecast.ForecastTaskConfig;
import io.seqpipe.tasks.forecast.ForecasterModel;
import io.seqpipe.tasks.forecast.ScoreForecaster;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;

/**
 * A trained forecaster ({@code task = forecast}) as a Spark ML model. Unlike the other SeqPipe models it does not
 * append columns to its input rows: {@code transform} turns series into forecasts, as Spark's aggregating stages
 * change the row granularity. For each series of the input (the rows of one {@code keyCol} value, timed by
 * {@code timeCol}, valued by {@code valueCols}, read as the estimator reads them) it returns the forecast of the next
 * {@code window.horizon} steps after the series' last row, as {@code seqpipe score} forecasts them (cleaned with the
 * model's own settings, from its last {@code window.lookback} steps, by the model's network or the median of its
 * ensemble, broadcast once and applied in minibatches of {@code score_batchSize}, in original units): one row per key,
 * step and target, with the columns of score's predictions ({@link #transformSchema}): {@code key} (string;
 * {@code *} without {@code keyCol}), {@code last_time}, {@code step} (1..H), {@code time}, {@code target},
 * {@code forecast}, and for a quantile forecaster a {@code forecast_q<level>} column per level. Rejected rows,
 * series shorter than the lookback after cleaning and (per-key scaling) series the model has no scaling for give no
 * rows; {@code seqpipe score} lists them in its rejects and summary.
 *
 * <p>The column Params default to the estimator's; for a model directory trained by the CLI, set them to the DataFrame
 * columns that hold its {@code series.keyColumn}, {@code series.timestampColumns} and {@code series.valueColumns}
 * (as many value columns, in the same order).
 */
public final class SequenceForecastModel extends SeqPipeModel<SequenceForecastModel> {
    private static final long serialVersionUID = 1L;
    private final Param<String> keyCol = ColumnParams.keyCol(this);
    private final Param<String> timeCol = ColumnParams.timeCol(this);
    private final StringArrayParam valueCols = ColumnParams.valueCols(this);
    /** The model directory's training config, read on first use. */
    private transient ForecastTaskConfig trained;

    /** A model of the SeqPipe model directory {@code directory}. */
    public SequenceForecastModel(String uid, String directory) {
        super(uid, SequenceForecaster.TASK, directory);
        setDefault(timeCol, "time");
        setDefault(valueCols, new String[]{"value"});
    }

    /** A model of the SeqPipe model directory {@code directory}, with a fresh uid. */
    public SequenceForecastModel(String directory) {
        this(Identifiable$.MODULE$.randomUID("seqForecastModel"), directory);
    }

    public static MLReader<SequenceForecastModel> read() {
        return new Reader<>(SequenceForecastModel.class, SequenceForecastModel::new);
    }

    public static SequenceForecastModel load(String path) {
        return read().load(path);
    }

    @Override
    protected List<Param<?>> columnParams() {
        return List.of(keyCol, timeCol, valueCols);
    }

    @Override
    protected SequenceForecastModel newModel(String modelUid, String modelDirectory) {
        return new SequenceForecastModel(modelUid, modelDirectory);
    }

    /** The config the model directory was trained with (its {@code config.json}). */
    public ForecastTaskConfig trained() {
        if (trained == null) {
            trained = ForecasterModel.load(directory(), SparkSession.active().sparkContext().hadoopConfiguration())
                    .trained();
        }
        return trained;
    }

    /**
     * Checks the input columns (and that {@code valueCols} names as many columns as the model was trained on); the
     * output is the forecasts' schema (score's predictions, with the model's quantile levels), whatever the input's
     * columns.
     */
    @Override
    public StructType transformSchema(StructType schema) {
        String stage = getClass().getSimpleName() + " " + uid();
        TimeSeriesConfig data = trained().data();
        List<String> trainedValues = data.series().valueColumns();
        if (getValueCols().length != trainedValues.size()) {
            throw new SeqPipeException(stage + ": valueCols names " + getValueCols().length + " columns "
                    + Arrays.toString(getValueCols()) + " but the model was trained on " + trainedValues.size()
                    + " value columns " + trainedValues + "; name one column for each, in that order");
        }
        SequenceForecaster.requireSeriesColumns(stage, schema, keyColumn(), timeColumn(data), getValueCols(),
                data.series().categoricalColumns().toArray(new String[0]));
        return ScoreForecaster.predictionSchema(trained().quantiles());
    }

    @Override
    protected Dataset<Row> transformRows(Dataset<Row> rows, StructType out) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        ForecasterModel model = ForecasterModel.load(directory(), sc.hadoopConfiguration());
        TimeSeriesConfig data = model.trained().data();
        String time = timeColumn(data);
        SeriesCsvFormat format = data.series().withColumns(keyColumn(), time == null ? List.of() : List.of(time),
                Arrays.asList(getValueCols()));
        String what = SequenceForecaster.describe(keyColumn(), time, getValueCols());
        JavaRDD<SeriesRowOutcome> parsed = ForecastData.readRows(rows, format, data.cleaning().missingValues(), what);
        return rows.sparkSession().createDataFrame(ScoreForecaster.forecastRows(sc, model, parsed, what,
                getScoreBatchSize()), out);
    }

    private String keyColumn() {
        return isDefined(keyCol) ? getKeyCol() : null;
    }

    /** The time column, or null when the model's series have no timestamps. */
    private String timeColumn(TimeSeriesConfig data) {
        return data.series().hasTimestamps() ? getTimeCol() : null;
    }

    public Param<String> keyCol() {
        return keyCol;
    }

    /** The key column; fails when unset (all rows one series): check {@code isDefined(keyCol())}. */
    public String getKeyCol() {
        return getOrDefault(keyCol);
    }

    public SequenceForecastModel setKeyCol(String value) {
        set(keyCol, value);
        return this;
    }

    public Param<String> timeCol() {
        return timeCol;
    }

    public String getTimeCol() {
        return getOrDefault(timeCol);
    }

    public SequenceForecastModel setTimeCol(String value) {
        set(timeCol, value);
        return this;
    }

    public StringArrayParam valueCols() {
        return valueCols;
    }

    public String[] getValueCols() {
        return getOrDefault(valueCols);
    }

    public SequenceForecastModel setValueCols(String... value) {
        set(valueCols, value);
        return this;
    }
}
