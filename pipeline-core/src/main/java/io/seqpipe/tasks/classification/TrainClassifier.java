package io.seqpipe.tasks.classification;

import io.seqpipe.eval.UndefinedMetrics;
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
import io.seqpipe.train.CheckpointStore;
import io.seqpipe.train.TrainingReport;
import io.seqpipe.train.EncodedExample;
import io.seqpipe.train.BatchAssembler;
import io.seqpipe.train.EpochStats;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code train}: fits the configured classifier on {@code paths.prepared} with parameter averaging and writes a
 * self-describing model directory ({@link ModelDirectory}) to {@code paths.model}, atomically.
 */
public final class TrainClassifier {

    /**
     * What training did. {@code training} is what the trainer reports beyond these numbers (minibatches per executor,
     * checkpoints, resume point; {@link TrainingReport}); it is also written to the model's provenance.
     */
    public record Summary(String model, long trainExamples, long validationExamples, int epochsRun, int bestEpoch,
                          double bestValidationAccuracy, double finalLoss, double seconds, double examplesPerSecond,
                          long parameters, String earlyStop, Map<String, Object> training) {
    }

    private TrainClassifier() {
    }

    public static Summary run(SparkSession spark, ClassificationTaskConfig cfg, boolean overwrite,
                              List<TrainingListener> extraListeners) {
        return run(spark, cfg, overwrite, false, extraListeners);
    }

    /** @param resume continue from the newest valid checkpoint in {@code train.checkpoint.dir} ({@code --resume}) */
    public static Summary run(SparkSession spark, ClassificationTaskConfig cfg, boolean overwrite, boolean resume,
                              List<TrainingListener> extraListeners) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        Path prepared = AtomicOutput.requireComplete(cfg.paths().prepared(), hadoop, "prepared data (paths.prepared)");
        // before any training: refuse an existing output now, not after hours of training
        AtomicOutput.checkWritable(cfg.paths().model(), overwrite, hadoop);
        CheckpointStore checkpoints = new CheckpointStore(cfg.checkpoints().dir(), cfg.checkpoints().keep(), hadoop);
        checkpoints.prepare(resume, overwrite);
        Vocabulary vocabulary = Vocabulary.fromLines(HadoopFiles.readLines(new Path(prepared, "vocabulary.txt"), hadoop));
        LabelIndex labels = new LabelIndex(HadoopFiles.readLines(new Path(prepared, "labels.txt"), hadoop));
        Map<String, Object> prepareSummary = Json.readMap(new Path(prepared, "summary.json"), hadoop);

        int partitions = Math.max(sc.defaultParallelism(), 1);
        JavaRDD<EncodedExample> train = ClassificationData.examples(spark.read().parquet(new Path(prepared, "train")
                .toString())).repartition(partitions).persist(StorageLevel.MEMORY_AND_DISK());
        long trainCount = train.count();
        JavaRDD<EncodedExample> validation = null;
        long validationCount = 0;
        Path validationPath = new Path(prepared, "validation");
        if (HadoopFiles.exists(validationPath, hadoop)) {
            validation = ClassificationData.examples(spark.read().parquet(validationPath.toString()))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            validationCount = validation.count();
        }

        ComputationGraphConfiguration conf = NetworkFactory.sequenceClassifier(cfg.model(), cfg.optimizer(),
                vocabulary.size(), labels.size());
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new ProgressLogger());
        listeners.addAll(extraListeners);
        ParameterAveragingTrainer trainer = new ParameterAveragingTrainer(sc, cfg.train(), listeners);
        ParameterAveragingTrainer.Validator validator = validation == null ? null
                : ClassifierEvaluation.accuracyValidator(sc, validation, labels.labels(), cfg.evaluateBatchSize());
        String startedAt = Instant.now().toString();
        ParameterAveragingTrainer.Result result = trainer.fit(conf, train, trainCount,
                BatchAssembler.classificationFormat(labels.size()), validator,
                new ParameterAveragingTrainer.Checkpointing(checkpoints, cfg.checkpoints().everyRounds(), resume));
        train.unpersist(false);
        if (validation != null) {
            validation.unpersist(false);
        }

        List<EpochStats> epochs = result.epochs();
        double finalLoss = epochs.get(epochs.size() - 1).loss();
        Summary summary = new Summary(HadoopFiles.qualify(cfg.paths().model(), hadoop).toString(), trainCount,
                validationCount, result.epochsRun(), result.bestEpoch(), result.bestValidation(), finalLoss,
                result.seconds(), result.examplesPerSecond(), result.network().numParams(), result.earlyStop(),
                TrainingReport.of(result, checkpoints));
        if (validation != null) {
            UndefinedMetrics.require(Map.of("validation accuracy", result.bestValidation()), "train on "
                    + prepared, cfg.allowNanMetrics(), "evaluate.allowNanMetrics");
        }
        Provenance provenance = provenance(cfg, prepared, prepareSummary, vocabulary, labels, summary, epochs,
                startedAt, sc);
        ModelDirectory.save(cfg.paths().model(), overwrite, ModelBytes.of(result.network(), true), vocabulary, labels,
                cfg.resolved(), provenance, hadoop);
        // the model is committed: the checkpoints were only there to get this far
        checkpoints.deleteAll();
        return summary;
    }

    private static Provenance provenance(ClassificationTaskConfig cfg, Path prepared, Map<String, Object> prepareSummary,
                                         Vocabulary vocabulary, LabelIndex labels, Summary summary,
                                         List<EpochStats> epochs, String startedAt, JavaSparkContext sc) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        inputs.add(Map.of("role", "prepared", "path", prepared.toString(), "summary", prepareSummary));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("startedAt", startedAt);
        training.put("master", sc.master());
        training.put("defaultParallelism", sc.defaultParallelism());
        training.put("trainExamples", summary.trainExamples());
        training.put("validationExamples", summary.validationExamples());
        training.put("epochsRun", summary.epochsRun());
        training.put("bestEpoch", summary.bestEpoch());
        training.put("seconds", summary.seconds());
        training.put("examplesPerSecond", summary.examplesPerSecond());
        training.put("parameters", summary.parameters());
        training.put("earlyStop", summary.earlyStop());
        training.putAll(summary.training());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("trainLoss", summary.finalLoss());
        metrics.put("validationAccuracy", summary.bestValidationAccuracy());
        List<Map<String, Object>> history = EpochStats.history(epochs, "validation");
        return new Provenance("sentiment", Instant.now().toString(), cfg.train().seed(),
                cfg.resolved().root().unwrapped(), inputs, vocabulary.size(), labels.labels(), BuildInfo.describe(),
                training, metrics, history);
    }
}
