package io.seqpipe.tasks.translation;

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
import io.seqpipe.train.TrainingReport;
import io.seqpipe.translation.EncodedPair;
import io.seqpipe.translation.TranslationVocabularies;
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
 * {@code train} for translation: fits {@link NetworkFactory#encoderDecoder} on {@code paths.prepared} with parameter
 * averaging (teacher forcing), validating each epoch by perplexity on the prepared validation split (distributed;
 * lower is better, the best epoch is kept), and writes the model directory to {@code paths.model}, atomically.
 * Checkpoints ({@code train.checkpoint.*}) let {@code train --resume} continue an interrupted run where it stopped.
 */
public final class TrainTranslator {

    /** What training did. */
    public record Summary(String model, long trainPairs, long sourceTokens, long targetTokens, long validationPairs,
                          int epochsRun, int bestEpoch, double bestValidationPerplexity, double finalLoss,
                          double seconds, double pairsPerSecond, double tokensPerSecond, double paddingEfficiency,
                          long parameters, String earlyStop, Map<String, Long> minibatchesByExecutor,
                          Map<String, Object> run) {
        /** The checkpoint this run continued from, or null ({@link TrainingReport}). */
        public String resumedFrom() {
            return (String) run.get("resumedFrom");
        }
    }

    private TrainTranslator() {
    }

    /** @param resume continue from the newest valid checkpoint in {@code train.checkpoint.dir} ({@code --resume}) */
    public static Summary run(SparkSession spark, TranslationTaskConfig cfg, boolean overwrite, boolean resume,
                              List<TrainingListener> extraListeners) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        Path prepared = AtomicOutput.requireComplete(cfg.paths().prepared(), hadoop, "prepared data (paths.prepared)");
        AtomicOutput.checkWritable(cfg.paths().model(), overwrite, hadoop);
        CheckpointStore checkpoints = new CheckpointStore(cfg.checkpoints().dir(), cfg.checkpoints().keep(), hadoop);
        checkpoints.prepare(resume, overwrite);
        Vocabulary source = TranslationVocabularies.check(Vocabulary.fromLines(HadoopFiles.readLines(
                new Path(prepared, PrepareTranslationData.SOURCE_VOCABULARY), hadoop)));
        Vocabulary target = TranslationVocabularies.check(Vocabulary.fromLines(HadoopFiles.readLines(
                new Path(prepared, PrepareTranslationData.TARGET_VOCABULARY), hadoop)));
        Map<String, Object> prepareSummary = Json.readMap(new Path(prepared, "summary.json"), hadoop);

        int partitions = Math.max(sc.defaultParallelism(), 1);
        JavaRDD<EncodedPair> train = TranslationData.examples(spark.read().parquet(new Path(prepared, "train")
                .toString())).repartition(partitions).persist(StorageLevel.MEMORY_AND_DISK());
        long trainCount = train.count();
        long sourceTokens = train.map(e -> (long) e.source().length).fold(0L, Long::sum);
        long targetTokens = train.map(e -> (long) e.decoderOutput().length).fold(0L, Long::sum);
        JavaRDD<EncodedPair> validation = null;
        long validationCount = 0;
        Path validationPath = new Path(prepared, "validation");
        if (HadoopFiles.exists(validationPath, hadoop)) {
            validation = TranslationData.examples(spark.read().parquet(validationPath.toString()))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            validationCount = validation.count();
        }

        ComputationGraphConfiguration conf = NetworkFactory.encoderDecoder(cfg.model(), cfg.decoder(), cfg.optimizer(),
                source.size(), target.size());
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new ProgressLogger());
        listeners.addAll(extraListeners);
        ParameterAveragingTrainer trainer = new ParameterAveragingTrainer(sc, cfg.train(), listeners);
        ParameterAveragingTrainer.Validator validator = validation == null ? null
                : EvaluateTranslator.perplexityValidator(sc, validation, target.size(), cfg.decodeBatchSize());
        String startedAt = Instant.now().toString();
        ParameterAveragingTrainer.Result result = trainer.fit(conf, train, trainCount,
                new TranslationBatches(target.size()), validator,
                new ParameterAveragingTrainer.Checkpointing(checkpoints, cfg.checkpoints().everyRounds(), resume));
        train.unpersist(false);
        if (validation != null) {
            validation.unpersist(false);
        }

        List<EpochStats> epochs = result.epochs();
        double finalLoss = epochs.get(epochs.size() - 1).loss();
        double fitSeconds = epochs.stream().mapToDouble(EpochStats::seconds).sum();
        double tokensPerSecond = fitSeconds > 0
                ? result.epochsRun() * (double) (sourceTokens + targetTokens) / fitSeconds : 0;
        Summary summary = new Summary(HadoopFiles.qualify(cfg.paths().model(), hadoop).toString(), trainCount,
                sourceTokens, targetTokens, validationCount, result.epochsRun(), result.bestEpoch(),
                result.bestValidation(), finalLoss, result.seconds(), result.examplesPerSecond(), tokensPerSecond,
                result.paddingEfficiency(), result.network().numParams(), result.earlyStop(),
                result.minibatchesByExecutor(), TrainingReport.of(result, checkpoints));
        ModelDirectory.save(cfg.paths().model(), overwrite, ModelBytes.of(result.network(), true), source,
                new LabelIndex(target.toLines()), cfg.resolved(),
                provenance(cfg, prepared, prepareSummary, source, summary, epochs, startedAt, sc), Map.of(), hadoop);
        // the model is committed: the checkpoints were only there to get this far
        checkpoints.deleteAll();
        return summary;
    }

    private static Provenance provenance(TranslationTaskConfig cfg, Path prepared, Map<String, Object> prepareSummary,
                                         Vocabulary source, Summary summary, List<EpochStats> epochs,
                                         String startedAt, JavaSparkContext sc) {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("startedAt", startedAt);
        training.put("master", sc.master());
        training.put("defaultParallelism", sc.defaultParallelism());
        training.put("trainPairs", summary.trainPairs());
        training.put("sourceTokens", summary.sourceTokens());
        training.put("targetTokens", summary.targetTokens());
        training.put("validationPairs", summary.validationPairs());
        training.put("epochsRun", summary.epochsRun());
        training.put("bestEpoch", summary.bestEpoch());
        training.put("seconds", summary.seconds());
        training.put("pairsPerSecond", summary.pairsPerSecond());
        training.put("tokensPerSecond", summary.tokensPerSecond());
        training.put("paddingEfficiency", summary.paddingEfficiency());
        training.put("lengthBucketPool", cfg.train().lengthBucketPool());
        training.put("parameters", summary.parameters());
        training.put("earlyStop", summary.earlyStop());
        // executors, resume point, skipped and written checkpoints, checkpoint dir
        training.putAll(summary.run());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("trainLoss", summary.finalLoss());
        metrics.put("validation.perplexity", summary.bestValidationPerplexity());
        return new Provenance(cfg.task(), Instant.now().toString(), cfg.train().seed(),
                cfg.resolved().root().unwrapped(), List.of(Map.of("role", "prepared", "path", prepared.toString(),
                "summary", prepareSummary)), source.size(), List.of(), BuildInfo.describe(), training, metrics,
                EpochStats.history(epochs, "validation"));
    }
}
