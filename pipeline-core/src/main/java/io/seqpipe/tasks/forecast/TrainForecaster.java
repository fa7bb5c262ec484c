package io.seqpipe.tasks.forecast;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.seqpipe.SeqPipeException;
import io.seqpipe.inference.ModelBytes;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.provenance.BuildInfo;
import io.seqpipe.provenance.ModelDirectory;
import io.seqpipe.provenance.Provenance;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.timeseries.CategoryEncoder;
import io.seqpipe.timeseries.FittedScaler;
import io.seqpipe.train.CheckpointStore;
import io.seqpipe.train.EpochStats;
import io.seqpipe.train.MinibatchFormat;
import io.seqpipe.train.ParameterAveragingTrainer;
import io.seqpipe.train.ProgressLogger;
import io.seqpipe.train.TrainingListener;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.dataset.DataSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code train}: fits the forecaster on the prepared training windows with parameter averaging, validating (RMSE in
 * original units) on the validation windows each epoch with early stopping, and writes a model directory
 * ({@link ModelDirectory}) whose {@code artifacts/} hold the fitted scaler and categories
 * ({@link ForecastArtifacts}); its vocabulary is empty (the input is dense) and its labels are the target columns.
 */
public final class TrainForecaster {
    /** The config sections that shape the prepared windows: they must be the same at prepare and train time. */
    static final List<String> DATA_SECTIONS = List.of("series", "cleaning", "split", "scaling", "window",
            "evaluation", "transform");

    /** What training did. */
    public record Summary(String model, long trainWindows, long validationWindows, int epochsRun, int bestEpoch,
                          double bestValidationRmse, double finalLoss, double seconds, double windowsPerSecond,
                          long parameters, String earlyStop, String resumedFrom) {
    }

    private TrainForecaster() {
    }

    public static Summary run(SparkSession spark, ForecastTaskConfig cfg, boolean overwrite,
                              List<TrainingListener> extraListeners) {
        return run(spark, cfg, overwrite, false, extraListeners);
    }

    /** @param resume continue from the newest valid checkpoint in {@code train.checkpoint.dir} ({@code --resume}) */
    public static Summary run(SparkSession spark, ForecastTaskConfig cfg, boolean overwrite, boolean resume,
                              List<TrainingListener> extraListeners) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        Path prepared = AtomicOutput.requireComplete(cfg.paths().prepared(), hadoop, "prepared data (paths.prepared)");
        // before any training: refuse an existing output now, not after hours of training
        AtomicOutput.checkWritable(cfg.paths().model(), overwrite, hadoop);
        CheckpointStore checkpoints = new CheckpointStore(cfg.checkpoints().dir(), cfg.checkpoints().keep(), hadoop);
        checkpoints.prepare(resume, overwrite);
        requireSameData(cfg.resolved(), ConfigFactory.parseString(HadoopFiles.readString(new Path(prepared,
                "config.json"), hadoop)), prepared);
        FittedScaler scaler = ForecastArtifacts.scaler(HadoopFiles.readLines(new Path(prepared,
                ForecastArtifacts.SCALER), hadoop));
        CategoryEncoder categories = ForecastArtifacts.categories(HadoopFiles.readLines(new Path(prepared,
                ForecastArtifacts.CATEGORIES), hadoop));
        ForecastPreprocessing prep = new ForecastPreprocessing(cfg.data(), cfg.transform(), scaler, categories);
        Map<String, Object> prepareSummary = Json.readMap(new Path(prepared, "summary.json"), hadoop);

        int partitions = Math.max(sc.defaultParallelism(), 1);
        JavaRDD<WindowExample> train = ForecastData.examples(spark.read().parquet(new Path(prepared, "train")
                .toString())).repartition(partitions).persist(StorageLevel.MEMORY_AND_DISK());
        long trainCount = train.count();
        if (trainCount == 0) {
            throw new SeqPipeException("prepared data " + prepared + " has no training windows");
        }
        JavaRDD<WindowExample> validation = ForecastData.examples(spark.read().parquet(new Path(prepared,
                "validation").toString())).persist(StorageLevel.MEMORY_AND_DISK());
        long validationCount = validation.count();
        int horizon = cfg.data().window().horizon();

        ComputationGraphConfiguration conf = NetworkFactory.forecaster(cfg.model(), cfg.optimizer(),
                prep.featureCount(), prep.outputCount(), cfg.loss());
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new ProgressLogger());
        listeners.addAll(extraListeners);
        ParameterAveragingTrainer trainer = new ParameterAveragingTrainer(sc, cfg.train(), listeners);
        ParameterAveragingTrainer.Validator validator = validationCount == 0 ? null
                : ForecastInference.rmseValidator(sc, prep, validation, horizon, cfg.evaluateBatchSize());
        String startedAt = Instant.now().toString();
        ParameterAveragingTrainer.Result result = trainer.fit(conf, train, trainCount, format(prep), validator,
                new ParameterAveragingTrainer.Checkpointing(checkpoints, cfg.checkpoints().everyRounds(), resume));
        train.unpersist(false);
        validation.unpersist(false);

        List<EpochStats> epochs = result.epochs();
        Summary summary = new Summary(HadoopFiles.qualify(cfg.paths().model(), hadoop).toString(), trainCount,
                validationCount, result.epochsRun(), result.bestEpoch(), result.bestValidation(),
                epochs.get(epochs.size() - 1).loss(), result.seconds(), result.examplesPerSecond(),
                result.network().numParams(), result.earlyStop(), result.resumedFrom());
        Provenance provenance = provenance(cfg, prepared, prepareSummary, prep, summary, epochs, startedAt, sc);
        ModelDirectory.save(cfg.paths().model(), overwrite, ModelBytes.of(result.network(), true),
                Vocabulary.of(List.of()), new LabelIndex(prep.targetColumns()), cfg.resolved(), provenance,
                ForecastArtifacts.lines(scaler, categories), hadoop);
        // the model is committed: the checkpoints were only there to get this far
        checkpoints.deleteAll();
        return summary;
    }

    /** The trainer's minibatch format for windows: features {@code [batch, F, L]}, labels {@code [batch, H·K]}. */
    public static MinibatchFormat<WindowExample> format(ForecastPreprocessing prep) {
        return new MinibatchFormat<>() {
            @Override
            public long row(WindowExample example) {
                return example.row();
            }

            @Override
            public DataSet minibatch(List<WindowExample> examples) {
                return prep.minibatch(examples);
            }
        };
    }

    /** Fails when the data sections of the current config differ from those the windows were prepared with. */
    static void requireSameData(Config current, Config prepared, Path preparedPath) {
        for (String section : DATA_SECTIONS) {
            Object now = current.hasPath(section) ? current.getValue(section).unwrapped() : null;
            Object then = prepared.hasPath(section) ? prepared.getValue(section).unwrapped() : null;
            if (!java.util.Objects.equals(now, then)) {
                throw new SeqPipeException("the " + section + ".* settings differ from those " + preparedPath
                        + " was prepared with (" + then + " there, " + now + " now); run prepare again");
            }
        }
    }

    private static Provenance provenance(ForecastTaskConfig cfg, Path prepared, Map<String, Object> prepareSummary,
                                         ForecastPreprocessing prep, Summary summary, List<EpochStats> epochs,
                                         String startedAt, JavaSparkContext sc) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        inputs.add(Map.of("role", "prepared", "path", prepared.toString(), "summary", prepareSummary));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("startedAt", startedAt);
        training.put("master", sc.master());
        training.put("defaultParallelism", sc.defaultParallelism());
        training.put("trainWindows", summary.trainWindows());
        training.put("validationWindows", summary.validationWindows());
        training.put("features", prep.assembler().featureNames());
        training.put("epochsRun", summary.epochsRun());
        training.put("bestEpoch", summary.bestEpoch());
        training.put("seconds", summary.seconds());
        training.put("windowsPerSecond", summary.windowsPerSecond());
        training.put("parameters", summary.parameters());
        training.put("earlyStop", summary.earlyStop());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("trainLoss", summary.finalLoss());
        metrics.put("validationRmse", summary.bestValidationRmse());
        List<Map<String, Object>> history = EpochStats.history(epochs, "validationRmse");
        return new Provenance("forecast", Instant.now().toString(), cfg.train().seed(),
                cfg.resolved().root().unwrapped(), inputs, 0, prep.targetColumns(), BuildInfo.describe(), training,
                metrics, history);
    }
}
