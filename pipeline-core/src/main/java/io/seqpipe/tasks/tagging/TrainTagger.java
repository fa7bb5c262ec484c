package io.seqpipe.tasks.tagging;

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
 * {@code train} for the tagging tasks: fits the per-token tagger ({@link NetworkFactory#tokenTagger}) on
 * {@code paths.prepared} with parameter averaging, validating each epoch (entity F1 or token accuracy) when the
 * prepared data has a validation split, and writes the model directory (with the affix vocabularies as artifacts)
 * to {@code paths.model}, atomically. Checkpoints go to {@code train.checkpoint.dir} for {@code train --resume} and
 * are deleted once the model is committed.
 */
public final class TrainTagger {

    /** What training did. */
    public record Summary(String model, long trainSentences, long trainTokens, long validationSentences,
                          int epochsRun, int bestEpoch, String validationMetric, double bestValidation,
                          double finalLoss, double seconds, double sentencesPerSecond, double tokensPerSecond,
                          double paddingEfficiency, long parameters, String earlyStop,
                          Map<String, Long> minibatchesByExecutor, String resumedFrom, int checkpointsWritten) {
    }

    private TrainTagger() {
    }

    public static Summary run(SparkSession spark, TaggingTaskConfig cfg, boolean overwrite,
                              List<TrainingListener> extraListeners) {
        return run(spark, cfg, overwrite, false, extraListeners);
    }

    /** @param resume continue from the newest valid checkpoint in {@code train.checkpoint.dir} ({@code --resume}) */
    public static Summary run(SparkSession spark, TaggingTaskConfig cfg, boolean overwrite, boolean resume,
                              List<TrainingListener> extraListeners) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        Path prepared = AtomicOutput.requireComplete(cfg.paths().prepared(), hadoop, "prepared data (paths.prepared)");
        // before any training: refuse an existing output now, not after hours of training
        AtomicOutput.checkWritable(cfg.paths().model(), overwrite, hadoop);
        CheckpointStore checkpoints = new CheckpointStore(cfg.checkpoints().dir(), cfg.checkpoints().keep(), hadoop);
        checkpoints.prepare(resume, overwrite);
        Vocabulary words = Vocabulary.fromLines(HadoopFiles.readLines(new Path(prepared, "vocabulary.txt"), hadoop));
        LabelIndex tags = new LabelIndex(HadoopFiles.readLines(new Path(prepared, "labels.txt"), hadoop));
        TokenFeatures features = TokenFeatures.restore(cfg.features(), words, name -> HadoopFiles.readLines(
                new Path(new Path(prepared, "artifacts"), name), hadoop));
        Map<String, Object> prepareSummary = Json.readMap(new Path(prepared, "summary.json"), hadoop);

        int partitions = Math.max(sc.defaultParallelism(), 1);
        JavaRDD<TaggedExample> train = TaggingData.examples(spark.read().parquet(new Path(prepared, "train")
                .toString())).repartition(partitions).persist(StorageLevel.MEMORY_AND_DISK());
        long trainCount = train.count();
        long trainTokens = train.map(e -> (long) e.length()).fold(0L, Long::sum);
        JavaRDD<TaggerEvaluation.Gold> validation = null;
        long validationCount = 0;
        Path validationPath = new Path(prepared, "validation");
        if (HadoopFiles.exists(validationPath, hadoop)) {
            validation = TaggingData.golds(spark.read().parquet(validationPath.toString()))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            validationCount = validation.count();
        }

        ComputationGraphConfiguration conf = NetworkFactory.tokenTagger(cfg.model(), cfg.optimizer(),
                features.channels(cfg.model().embedding()), tags.size());
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new ProgressLogger());
        listeners.addAll(extraListeners);
        ParameterAveragingTrainer trainer = new ParameterAveragingTrainer(sc, cfg.train(), listeners);
        ParameterAveragingTrainer.Validator validator = validation == null ? null
                : TaggerEvaluation.validator(sc, validation, tags.labels(), cfg.trainScheme(), cfg.evaluateBatchSize());
        String startedAt = Instant.now().toString();
        ParameterAveragingTrainer.Result result = trainer.fit(conf, train, trainCount,
                TaggingBatches.format(tags.size(), cfg.wordDropout()), validator,
                new ParameterAveragingTrainer.Checkpointing(checkpoints, cfg.checkpoints().everyRounds(), resume));
        train.unpersist(false);
        if (validation != null) {
            validation.unpersist(false);
        }

        List<EpochStats> epochs = result.epochs();
        double finalLoss = epochs.get(epochs.size() - 1).loss();
        double fitSeconds = epochs.stream().mapToDouble(EpochStats::seconds).sum();
        double tokensPerSecond = fitSeconds > 0 ? result.epochsRun() * (double) trainTokens / fitSeconds : 0;
        Summary summary = new Summary(HadoopFiles.qualify(cfg.paths().model(), hadoop).toString(), trainCount,
                trainTokens, validationCount, result.epochsRun(), result.bestEpoch(),
                validator == null ? null : validator.metricName(), result.bestValidation(), finalLoss,
                result.seconds(), result.examplesPerSecond(), tokensPerSecond, result.paddingEfficiency(),
                result.network().numParams(), result.earlyStop(), result.minibatchesByExecutor(), result.resumedFrom(),
                result.checkpointsWritten());
        ModelDirectory.save(cfg.paths().model(), overwrite, ModelBytes.of(result.network(), true), words, tags,
                cfg.resolved(), provenance(cfg, prepared, prepareSummary, words, tags, summary, epochs, startedAt, sc),
                features.artifacts(), hadoop);
        // the model is committed: the checkpoints were only there to get this far
        checkpoints.deleteAll();
        return summary;
    }

    private static Provenance provenance(TaggingTaskConfig cfg, Path prepared, Map<String, Object> prepareSummary,
                                         Vocabulary words, LabelIndex tags, Summary summary, List<EpochStats> epochs,
                                         String startedAt, JavaSparkContext sc) {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("startedAt", startedAt);
        training.put("master", sc.master());
        training.put("defaultParallelism", sc.defaultParallelism());
        training.put("trainSentences", summary.trainSentences());
        training.put("trainTokens", summary.trainTokens());
        training.put("validationSentences", summary.validationSentences());
        training.put("epochsRun", summary.epochsRun());
        training.put("bestEpoch", summary.bestEpoch());
        training.put("seconds", summary.seconds());
        training.put("sentencesPerSecond", summary.sentencesPerSecond());
        training.put("tokensPerSecond", summary.tokensPerSecond());
        training.put("paddingEfficiency", summary.paddingEfficiency());
        training.put("lengthBucketPool", cfg.train().lengthBucketPool());
        // executor id@host -> minibatches it fitted: shows every executor took part
        training.put("executors", summary.minibatchesByExecutor());
        training.put("parameters", summary.parameters());
        training.put("earlyStop", summary.earlyStop());
        training.put("resumedFrom", summary.resumedFrom());
        training.put("checkpointsWritten", summary.checkpointsWritten());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("trainLoss", summary.finalLoss());
        metrics.put("validation." + (cfg.chunked() ? "entityF1" : "tokenAccuracy"), summary.bestValidation());
        List<Map<String, Object>> history = EpochStats.history(epochs, "validation");
        return new Provenance(cfg.task(), Instant.now().toString(), cfg.train().seed(),
                cfg.resolved().root().unwrapped(), List.of(Map.of("role", "prepared", "path", prepared.toString(),
                "summary", prepareSummary)), words.size(), tags.labels(), BuildInfo.describe(), training, metrics,
                history);
    }
}
