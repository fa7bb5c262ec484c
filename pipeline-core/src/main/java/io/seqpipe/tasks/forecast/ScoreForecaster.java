package io.seqpipe.tasks.forecast;

import io.seqpipe.SeqPipeException;
import io.seqpipe.spark.RejectsOutput;
import io.seqpipe.tasks.InferenceStep;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.PredictionFiles;
import io.seqpipe.forecast.QuantileForecast;
import io.seqpipe.forecast.QuantileLevels;
import io.seqpipe.forecast.SeriesFeatures;
import io.seqpipe.forecast.SeriesRowOutcome;
import io.seqpipe.forecast.TimeSeries;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.forecast.TimeSeriesConfig;
import io.seqpipe.forecast.TimestampFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import io.seqpipe.spark.SchemaNotation;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code score}: the next {@code H} steps of every series of {@code paths.score} (default {@code paths.input}),
 * forecast from its last {@code L} cleaned steps with the model's own settings, in original units. Writes atomically
 * to {@code paths.predictions}:
 * <pre>
 *   predictions/   Parquet, one row per (series, step, target): key string, last_time timestamp_ntz (the series'
 *                  last step; null without timestamps), step int (1..H), time timestamp_ntz (last_time + step
 *                  frequencies; null when unknown), target string, forecast double
 *   rolling/       with score.rollingFrom: Parquet, the forecasts made at every step from score.rollingFrom on
 *                  (every window.stride steps, each from the L steps before it) with the actual values where the
 *                  series has them: the columns of predictions/ plus actual double (null beyond the series' end)
 *   rejects/       JSON lines, as for prepare
 *   predictions.csv, predictions.jsonl (and rolling.csv, rolling.jsonl)   with score.outputFormats: the same rows
 *                  as single files
 *   summary.json   rows read and rejected, series forecast and skipped (too short, no per-key scaling)
 * </pre>
 * A quantile forecaster ({@code model.quantiles}) adds a column {@code forecast_q<level>} per level after
 * {@code forecast} in predictions/ and rolling/ ({@link #withQuantiles}); {@code forecast} is the 0.5 level's.
 */
public final class ScoreForecaster {
    public static final StructType PREDICTION_SCHEMA = SchemaNotation.parse("""
            key STRING NOT NULL, last_time TIMESTAMP_NTZ, step INT NOT NULL, time TIMESTAMP_NTZ,
            target STRING NOT NULL, forecast DOUBLE NOT NULL""");

    public static final StructType ROLLING_SCHEMA = PREDICTION_SCHEMA.add("actual", DataTypes.DoubleType, true);

    static final String FORECAST = "forecast";
    static final String TOO_SHORT = "too_short";
    static final String NO_SCALING = "no_training_scaling";

    /** What score wrote; {@link #lines()} is its console summary. */
    public record Summary(String output, String model, String input, long rowsRead, long rowsRejected,
                          Map<String, Long> rejectedByReason, Map<String, Long> series, int horizon,
                          long rollingForecasts, List<String> files) implements JobReport {
        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>(List.of(
                    "score: wrote " + output + "/predictions",
                    "  input: read " + rowsRead + " rows, rejected " + rowsRejected
                            + (rejectedByReason.isEmpty() ? "" : " " + rejectedByReason),
                    "  series: " + series + ", next " + horizon + " steps each"
                            + (rollingForecasts == 0 ? "" : "; " + rollingForecasts + " rolling forecasts in "
                            + output + "/rolling")));
            lines.addAll(PredictionFiles.alsoAs(files));
            return lines;
        }
    }

    private ScoreForecaster() {
    }

    public static Summary run(SparkSession spark, ForecastTaskConfig cfg, boolean overwrite) {
        return InferenceStep.run(spark, InferenceStep.Settings.score(cfg), overwrite, ForecasterModel::load, step -> {
            ForecasterModel model = step.model();
            TimeSeriesConfig data = model.trained().data();
            ForecastPreprocessing prep = model.prep();
            int lookback = data.window().lookback();
            String corpus = step.input();
            ForecastData.Series series = ForecastData.read(step.sc(), corpus, data, "paths.score");
            Map<String, Long> outcomes = new TreeMap<>(series.cleaned().map(c -> !prep.covers(c.key())
                    ? NO_SCALING : c.series().length() < lookback ? TOO_SHORT : FORECAST).countByValue());
            if (!outcomes.containsKey(FORECAST)) {
                throw new SeqPipeException("paths.score " + corpus + " has no series with the " + lookback
                        + " steps (window.lookback) a forecast needs: " + outcomes);
            }
            List<String> files;
            long rolling = 0;
            try (ForecasterEnsemble network = ForecasterEnsemble.of(step.sc(), model.members())) {
                JavaRDD<Row> rows = forecasts(series.cleaned(), network, prep, data, cfg.scoreBatchSize());
                Dataset<Row> predictions = PredictionFiles.persistForExtraFiles(spark.createDataFrame(rows,
                        predictionSchema(prep.quantiles())), cfg.outputFormats());
                files = new ArrayList<>(step.writePredictions("predictions", predictions,
                        cfg.outputFormats(), null, null));
                predictions.unpersist(false);
                if (cfg.rollingFrom() != null) {
                    JavaRDD<Row> rollingRows = rolling(series.cleaned(), network, prep, data,
                            cfg.scoreBatchSize(), startOf(cfg.rollingFrom(), data));
                    Dataset<Row> rollingFrame = PredictionFiles.persistForExtraFiles(spark.createDataFrame(
                            rollingRows, withQuantiles(ROLLING_SCHEMA, prep.quantiles())), cfg.outputFormats());
                    files.addAll(step.writePredictions("rolling", rollingFrame, cfg.outputFormats(), null,
                            null));
                    rollingFrame.unpersist(false);
                    rolling = spark.read().parquet(step.child("rolling")).count()
                            / data.window().horizon() / prep.targetCount();
                }
            }
            step.writeRejects(series.rejectRows(), RejectsOutput.STAGE);
            long rowsRead = series.rowsRead();
            Map<String, Long> rejected = series.rejectedByReason();
            series.unpersist();
            Summary summary = new Summary(step.target(), model.directory().path().toString(),
                    step.qualify(corpus), rowsRead, rejected.values().stream().mapToLong(Long::longValue)
                    .sum(), rejected, outcomes, data.window().horizon(), rolling, List.copyOf(files));
            step.commitSummary(summary);
            return summary;
        });
    }

    /**
     * The next {@code H} steps after every series of {@code rows} (parsed series rows, e.g. a DataFrame's,
     * {@link ForecastData#readRows}), forecast as score forecasts them: cleaned with the model's own settings, each
     * series of at least {@code L} steps forecast from its last {@code L} by the model's network(s), broadcast once,
     * in minibatches of {@code batchSize}. Rows of {@link #predictionSchema} for the model's quantile levels.
     * Rejected rows, series shorter than {@code L} and (per-key scaling) series without training statistics give no
     * rows. The result is lazy: the broadcasts and the cleaned series it reads are left to Spark's cleaner.
     *
     * @param what the rows as named in messages, e.g. {@code dataframe(key, time, value)}
     */
    public static JavaRDD<Row> forecastRows(JavaSparkContext sc, ForecasterModel model, JavaRDD<SeriesRowOutcome> rows,
                                            String what, int batchSize) {
        TimeSeriesConfig data = model.trained().data();
        ForecastData.Series series = ForecastData.read(sc, what, data, "the input", (path, key) -> rows);
        return forecasts(series.cleaned(), ForecasterEnsemble.of(sc, model.members()), model.prep(), data, batchSize);
    }

    /** The columns of score's {@code predictions/}, with a {@code forecast_q<level>} column per quantile level. */
    public static StructType predictionSchema(QuantileLevels quantiles) {
        return withQuantiles(PREDICTION_SCHEMA, quantiles);
    }

    /** Where rolling forecasts start: a timestamp in the series' format, or a step index without timestamps. */
    static RollingStart startOf(String from, TimeSeriesConfig data) {
        TimestampFormat format = data.series().timestampFormat();
        if (format.isNone()) {
            try {
                return new RollingStart(null, Integer.parseInt(from.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidConfigException("score.rollingFrom must be a step index when series.timestampFormat"
                        + " = none, got '" + from + "'");
            }
        }
        try {
            return new RollingStart(format.parse(from.strip()), -1);
        } catch (DateTimeException e) {
            throw new InvalidConfigException("score.rollingFrom must be a timestamp in the series format " + format
                    + ", got '" + from + "'");
        }
    }

    /** The first forecast origin of rolling forecasts: a time, or a step index when the series has no timestamps. */
    record RollingStart(LocalDateTime time, int step) implements java.io.Serializable {
        int firstOrigin(TimeSeries s) {
            return time != null ? s.firstStepAtOrAfter(time) : step;
        }
    }

    /** One forecast to make: from the {@code L} steps before {@code origin} (= the first forecast step). */
    private record Origin(TimeSeries series, SeriesFeatures features, int origin) {
        /** The network's window: the {@code lookback} steps of features before the origin. */
        WindowExample example(int lookback, int width, int outputs) {
            float[] flat = new float[lookback * width];
            for (int t = 0; t < lookback; t++) {
                System.arraycopy(features.inputs()[origin - lookback + t], 0, flat, t * width, width);
            }
            return new WindowExample(-1, series.key(), origin, width, flat, new float[outputs], new double[outputs]);
        }
    }

    /** Forecast rows of every series long enough, network applied in minibatches of series per partition. */
    static JavaRDD<Row> forecasts(JavaRDD<CleanedSeries> cleaned, ForecasterEnsemble network,
                                  ForecastPreprocessing prep, TimeSeriesConfig data, int batchSize) {
        int lookback = data.window().lookback();
        return origins(cleaned, network, prep, data, batchSize, false, (c, f) -> f.length() < lookback
                ? List.of() : List.of(f.length()));
    }

    /** Forecast rows (with actuals) from every {@code window.stride}-th step at or after {@code start}. */
    static JavaRDD<Row> rolling(JavaRDD<CleanedSeries> cleaned, ForecasterEnsemble network, ForecastPreprocessing prep,
                                TimeSeriesConfig data, int batchSize, RollingStart start) {
        int lookback = data.window().lookback();
        int stride = data.window().stride();
        return origins(cleaned, network, prep, data, batchSize, true, (c, f) -> {
            List<Integer> out = new ArrayList<>();
            for (int origin = Math.max(lookback, start.firstOrigin(c.series())); origin <= f.length();
                 origin += stride) {
                out.add(origin);
            }
            return out;
        });
    }

    private interface OriginPicker extends java.io.Serializable {
        List<Integer> origins(CleanedSeries series, SeriesFeatures features);
    }

    private static JavaRDD<Row> origins(JavaRDD<CleanedSeries> cleaned, ForecasterEnsemble network,
                                        ForecastPreprocessing prep, TimeSeriesConfig data, int batchSize,
                                        boolean withActuals, OriginPicker picker) {
        int lookback = data.window().lookback();
        int width = prep.featureCount();
        int outputs = prep.outputCount();
        List<String> targets = prep.targetColumns();
        JavaRDD<Origin> origins = cleaned.filter(c -> prep.covers(c.key())).flatMap(c -> {
            SeriesFeatures f = prep.features(c.series());
            return picker.origins(c, f).stream().map(origin -> new Origin(c.series(), f, origin)).iterator();
        });
        return network.predictQuantiles(origins, new QuantileForecasterAdapter(prep).on((Origin o) -> o.example(
                lookback, width, outputs)), batchSize, prep.quantiles()).flatMap(p -> rows(p.input(), p.output(), targets, withActuals)
                .iterator());
    }

    /**
     * {@code schema} with a column {@code forecast_q<level>} per quantile level after {@code forecast}, the level's
     * decimal point written as {@code _} ({@code forecast_q0_1}: a dot in a column name needs quoting in Spark).
     */
    static StructType withQuantiles(StructType schema, QuantileLevels quantiles) {
        List<StructField> fields = new ArrayList<>();
        for (StructField f : schema.fields()) {
            fields.add(f);
            if (f.name().equals("forecast")) {
                for (int i = 0; i < quantiles.count(); i++) {
                    fields.add(DataTypes.createStructField(quantileColumn(quantiles, i), DataTypes.DoubleType,
                            false));
                }
            }
        }
        return DataTypes.createStructType(fields);
    }

    /** The column of quantile level {@code i}: {@code forecast_q0_1} for 0.1. */
    static String quantileColumn(QuantileLevels quantiles, int i) {
        return "forecast_q" + quantiles.label(i).replace('.', '_');
    }

    /** One row per (step, target) of the forecast made at {@code o}, with each quantile level's after the point's. */
    private static List<Row> rows(Origin o, QuantileForecast forecasts, List<String> targets, boolean withActuals) {
        double[][] forecast = forecasts.point();
        double[][][] levels = forecasts.quantiles() == null ? new double[0][][] : forecasts.quantiles();
        List<Row> rows = new ArrayList<>(forecast.length * targets.size());
        TimeSeries s = o.series();
        LocalDateTime last = s.hasTimestamps() ? s.timestamp(o.origin() - 1) : null;
        for (int h = 0; h < forecast.length; h++) {
            int step = o.origin() + h;
            LocalDateTime time = step < s.length() ? s.timestamp(step)
                    : last == null || s.frequency() == null ? null : s.frequency().advance(last, h + 1);
            for (int k = 0; k < targets.size(); k++) {
                Object[] row = new Object[6 + levels.length + (withActuals ? 1 : 0)];
                row[0] = s.key();
                row[1] = last;
                row[2] = h + 1;
                row[3] = time;
                row[4] = targets.get(k);
                row[5] = forecast[h][k];
                for (int i = 0; i < levels.length; i++) {
                    row[6 + i] = levels[i][h][k];
                }
                if (withActuals) {
                    row[row.length - 1] = step < s.length() ? o.features().targets()[step][k] : null;
                }
                rows.add(RowFactory.create(row));
            }
        }
        return rows;
    }
}
