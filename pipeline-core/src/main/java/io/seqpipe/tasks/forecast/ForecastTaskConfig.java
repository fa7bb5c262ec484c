package io.seqpipe.tasks.forecast;

import com.typesafe.config.Config;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.model.PinballLoss;
import io.seqpipe.tasks.PredictionFormat;
import io.seqpipe.forecast.QuantileLevels;
import io.seqpipe.forecast.TimeSeriesConfig;
import io.seqpipe.forecast.ets.EtsBaselineConfig;
import io.seqpipe.train.CheckpointSettings;
import io.seqpipe.train.TrainSettings;
import io.seqpipe.tasks.StepConfig;

import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The validated configuration of the forecasting task ({@code task = forecast}). Built from the resolved config by
 * {@link #from(Config)}; every bad value fails there, before Spark starts. Defaults and documentation of every key:
 * {@code io/seqpipe/tasks/forecast.defaults.conf} (which includes the time-series data keys of
 * {@code io/seqpipe/forecast/timeseries.defaults.conf}).
 *
 * @param data      how series are read, cleaned, split, scaled and windowed
 * @param transform model-side value transforms (log1p, seasonal indices, differences, window level)
 * @param model     the recurrent body ({@code embedding} is not used by the forecaster: its input is dense)
 * @param loss      the regression loss
 * @param rollingFrom {@code score.rollingFrom}: where score's rolling forecasts start, or null for none
 * @param ets       {@code evaluate.ets}: how evaluate fits its ETS baseline, or null when {@code evaluate.baselines}
 *                  leaves ETS out
 * @param quantiles {@code model.quantiles}: the quantile levels the network forecasts (pinball loss), or none for a
 *                  point forecaster ({@code loss})
 * @param ensemble  {@code train.ensemble}: how many networks train and forecast together (their median, per quantile
 *                  level for a quantile forecaster); 1 = one network
 */
public record ForecastTaskConfig(Config resolved, TaskPaths paths, TimeSeriesConfig data, ValueTransform transform,
                                 ModelSpec model, NetworkFactory.RegressionLoss loss, OptimizerSpec optimizer,
                                 TrainSettings train, int evaluateBatchSize, int scoreBatchSize,
                                 String rollingFrom, String appName, String defaultMaster,
                                 Set<PredictionFormat> outputFormats, CheckpointSettings checkpoints,
                                 EtsBaselineConfig ets, QuantileLevels quantiles, int ensemble)
        implements StepConfig {
    /** The baselines {@code evaluate.baselines} may list; naive and seasonal naive are always computed. */
    static final List<String> BASELINES = List.of("naive", "seasonalNaive", "ets");

    /** The paths the task reads and writes; optional inputs are null when unset. */
    public record TaskPaths(String input, String test, String score, String prepared, String model, String metrics,
                            String metricsHistory, String predictions) implements StepConfig.Paths {
    }

    public static ForecastTaskConfig from(Config resolved) {
        ConfigReader r = new ConfigReader(resolved);
        String task = r.task("forecast");
        TaskPaths paths = new TaskPaths(r.optionalString("paths.input"), r.optionalString("paths.test"),
                r.optionalString("paths.score"), r.string("paths.prepared"), r.string("paths.model"),
                r.string("paths.metrics"), r.string("paths.metricsHistory"), r.string("paths.predictions"));
        TimeSeriesConfig data = TimeSeriesConfig.from(r);
        ValueTransform transform = ValueTransform.from(r, data);
        ModelSpec model = new ModelSpec(r.enumValue("model.cell", ModelSpec.Cell.class), r.integer("model.layers"),
                r.integer("model.hidden"), r.bool("model.bidirectional"), 1,
                r.number("model.dropout"), r.enumValue("model.pooling", ModelSpec.Pooling.class));
        return new ForecastTaskConfig(resolved, paths, data, transform, model,
                r.enumValue("model.loss", NetworkFactory.RegressionLoss.class), OptimizerSpec.from(r),
                TrainSettings.from(r), r.integer("evaluate.batchSize"),
                r.integer("score.batchSize"), rollingFrom(r, data), r.string("spark.appName"),
                r.string("spark.defaultMaster"), PredictionFormat.read(r, EnumSet.of(PredictionFormat.PARQUET,
                        PredictionFormat.CSV, PredictionFormat.JSONL), task), CheckpointSettings.from(r),
                baselines(r) ? EtsBaselineConfig.from(r) : null, QuantileLevels.from(r), r.integer("train.ensemble"));
    }

    /**
     * The config of ensemble member {@code i} (0-based): this one with {@code train.seed + i} as the seed of its
     * weight initialization, data order and dropout ({@link #train}, {@link #optimizer}).
     */
    public ForecastTaskConfig member(int i) {
        return from(TrainSettings.memberConfig(resolved, i));
    }

    /** The output layer's loss: the pinball loss at {@link #quantiles()} when set, else {@code model.loss}. */
    public ILossFunction lossFunction() {
        return quantiles.isEmpty() ? (loss == NetworkFactory.RegressionLoss.MAE ? new LossMAE() : new LossMSE())
                : new PinballLoss(quantiles.toArray());
    }

    /** Whether {@code evaluate.baselines} asks for ETS; it must list naive and seasonalNaive, which are always run. */
    private static boolean baselines(ConfigReader r) {
        List<String> names = r.stringList("evaluate.baselines");
        for (String name : names) {
            if (!BASELINES.contains(name)) {
                throw new InvalidConfigException("evaluate.baselines must list baselines among " + BASELINES
                        + ", got '" + name + "'");
            }
        }
        if (!names.contains("naive") || !names.contains("seasonalNaive")) {
            throw new InvalidConfigException("evaluate.baselines must include naive and seasonalNaive (evaluate always"
                    + " computes them), got " + names);
        }
        return names.contains("ets");
    }

    private static String rollingFrom(ConfigReader r, TimeSeriesConfig data) {
        String from = r.optionalString("score.rollingFrom");
        if (from != null) {
            ScoreForecaster.startOf(from, data); // fails here, before Spark starts, when it does not parse
        }
        return from;
    }
}
