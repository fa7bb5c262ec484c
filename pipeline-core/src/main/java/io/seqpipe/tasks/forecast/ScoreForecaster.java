package io.seqpipe.tasks.forecast;

import io.seqpipe.SeqPipeException;
import io.seqpipe.inference.ModelBytes;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.timeseries.SeriesFeatures;
import io.seqpipe.timeseries.TimeSeries;
import io.seqpipe.timeseries.TimeSeriesConfig;
import io.seqpipe.timeseries.Windower;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.graph.ComputationGraph;

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
 *   rejects/       JSON lines, as for prepare
 *   summary.json   rows read and rejected, series forecast and skipped (too short, no per-key scaling)
 * </pre>
 */
public final class ScoreForecaster {
    public static final StructType PREDICTION_SCHEMA = new StructType()
            .add("key", DataTypes.StringType, false)
            .add("last_time", DataTypes.TimestampNTZType, true)
            .add("step", DataTypes.IntegerType, false)
            .add("time", DataTypes.TimestampNTZType, true)
            .add("target", DataTypes.StringType, false)
            .add("forecast", DataTypes.DoubleType, false);

    static final String FORECAST = "forecast";
    static final String TOO_SHORT = "too_short";
    static final String NO_SCALING = "no_training_scaling";

    /** What score wrote. */
    public record Summary(String output, String model, String input, long rowsRead, long rowsRejected,
                          Map<String, Long> rejectedByReason, Map<String, Long> series, int horizon) {
    }

    private ScoreForecaster() {
    }

    public static Summary run(SparkSession spark, ForecastTaskConfig cfg, boolean overwrite) {
        String corpus = ForecastTaskConfig.require(cfg.paths().score(), "paths.score", "score");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        ForecasterModel model = ForecasterModel.load(cfg.paths().model(), hadoop);
        TimeSeriesConfig data = model.trained().data();
        ForecastPreprocessing prep = model.prep();
        int lookback = data.window().lookback();
        try (AtomicOutput out = AtomicOutput.begin(cfg.paths().predictions(), overwrite, hadoop)) {
            ForecastData.Series series = ForecastData.read(sc, corpus, data, "paths.score");
            Map<String, Long> outcomes = new TreeMap<>(series.cleaned().map(c -> !prep.covers(c.key()) ? NO_SCALING
                    : c.series().length() < lookback ? TOO_SHORT : FORECAST).countByValue());
            if (!outcomes.containsKey(FORECAST)) {
                throw new SeqPipeException("paths.score " + corpus + " has no series with the " + lookback
                        + " steps (window.lookback) a forecast needs: " + outcomes);
            }
            Broadcast<byte[]> weights = sc.broadcast(model.directory().weights());
            JavaRDD<Row> rows = forecasts(series.cleaned(), weights, prep, data, cfg.scoreBatchSize());
            spark.createDataFrame(rows, PREDICTION_SCHEMA).write().mode(SaveMode.ErrorIfExists)
                    .parquet(out.child("predictions"));
            weights.destroy();
            ForecastData.writeRejects(spark, series.rejectRows(), out.child("rejects"));
            long rowsRead = series.rowsRead();
            Map<String, Long> rejected = series.rejectedByReason();
            series.unpersist();
            Summary summary = new Summary(out.target().toString(), model.directory().path().toString(),
                    HadoopFiles.qualify(corpus, hadoop).toString(), rowsRead,
                    rejected.values().stream().mapToLong(Long::longValue).sum(), rejected, outcomes,
                    data.window().horizon());
            Json.write(summary, new Path(out.path(), "summary.json"), hadoop);
            out.commit();
            return summary;
        }
    }

    /** Forecast rows of every series long enough, network applied in minibatches of series per partition. */
    static JavaRDD<Row> forecasts(JavaRDD<CleanedSeries> cleaned, Broadcast<byte[]> weights,
                                  ForecastPreprocessing prep, TimeSeriesConfig data, int batchSize) {
        Windower windower = new Windower(data.window());
        int horizon = data.window().horizon();
        List<String> targets = prep.targetColumns();
        return cleaned.mapPartitions(it -> {
            List<Row> rows = new ArrayList<>();
            List<WindowExample> batch = new ArrayList<>();
            List<TimeSeries> owners = new ArrayList<>();
            ComputationGraph net = null;
            while (it.hasNext()) {
                CleanedSeries c = it.next();
                if (!prep.covers(c.key())) {
                    continue;
                }
                SeriesFeatures f = prep.features(c.series());
                float[][] latest = windower.latestInputs(f);
                if (latest == null) {
                    continue;
                }
                int features = latest[0].length;
                float[] flat = new float[latest.length * features];
                for (int t = 0; t < latest.length; t++) {
                    System.arraycopy(latest[t], 0, flat, t * features, features);
                }
                int outputs = horizon * targets.size();
                batch.add(new WindowExample(-1, c.key(), f.length(), features, flat, new float[outputs],
                        new double[outputs]));
                owners.add(c.series());
                if (batch.size() == batchSize || !it.hasNext()) {
                    if (net == null) {
                        net = ModelBytes.restore(weights.value());
                    }
                    emit(net, prep, batch, owners, targets, rows);
                }
            }
            if (!batch.isEmpty()) {
                if (net == null) {
                    net = ModelBytes.restore(weights.value());
                }
                emit(net, prep, batch, owners, targets, rows);
            }
            return rows.iterator();
        });
    }

    private static void emit(ComputationGraph net, ForecastPreprocessing prep, List<WindowExample> batch,
                             List<TimeSeries> owners, List<String> targets, List<Row> rows) {
        List<double[][]> forecasts = ForecastInference.forecasts(net, prep, batch);
        for (int i = 0; i < batch.size(); i++) {
            TimeSeries s = owners.get(i);
            LocalDateTime last = s.hasTimestamps() ? s.timestamp(s.length() - 1) : null;
            double[][] forecast = forecasts.get(i);
            for (int h = 0; h < forecast.length; h++) {
                LocalDateTime time = last == null || s.frequency() == null ? null : s.frequency().advance(last, h + 1);
                for (int k = 0; k < targets.size(); k++) {
                    rows.add(RowFactory.create(s.key(), last, h + 1, time, targets.get(k), forecast[h][k]));
                }
            }
        }
        batch.clear();
        owners.clear();
    }
}
