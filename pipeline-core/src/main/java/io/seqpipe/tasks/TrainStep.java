package io.seqpipe.tasks;

import com.typesafe.config.Config;
import io.seqpipe.SeqPipeException;
import io.seqpipe.eval.UndefinedMetrics;
import io.seqpipe.model.ModelBytes;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.provenance.BuildInfo;
import io.seqpipe.provenance.ModelDirectory;
import io.seqpipe.provenance.Provenance;
import io.seqpipe.provenance.TrainingRun;
import io.seqpipe.train.CheckpointSettings;
import io.seqpipe.train.CheckpointStore;
import io.seqpipe.train.EpochStats;
import io.seqpipe.train.ParameterAveragingTrainer;
import io.seqpipe.train.ProgressLogger;
import io.seqpipe.train.TrainSettings;
import io.seqpipe.train.TrainingListener;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code train} for every task: the steps that are the same whatever the task, around the parts a
 * {@link TrainingRecipe} supplies.
 * <ol>
 *   <li>refuses incomplete prepared data and an existing model (unless overwriting) before any work, and readies the
 *       checkpoints ({@code --resume});</li>
 *   <li>lets the task read what it needs of the prepared folder and build its recipe;</li>
 *   <li>reads the {@code train} split (spread over {@code defaultParallelism} partitions) and the {@code validation}
 *       split when there is one, persisted;</li>
 *   <li>fits the recipe's network with {@link ParameterAveragingTrainer} (progress logged, checkpoints written), or
 *       each network of its {@link TrainingRecipe.Ensemble} in turn, with its own settings and checkpoints;</li>
 *   <li>fails on a NaN validation metric the task does not allow;</li>
 *   <li>writes the model directory with its provenance ({@link TrainingRun}, written once from the trainer's result),
 *       atomically, and deletes the checkpoints.</li>
 * </ol>
 */
public final class TrainStep {
    private static final Logger LOG = LoggerFactory.getLogger(TrainStep.class);

    /**
     * The settings every task's train step reads from its config.
     *
     * @param task     the task's name, as in {@code task = ...}
     * @param prepared {@code paths.prepared}
     * @param model    {@code paths.model}
     * @param resolved the resolved config, saved with the model
     */
    public record Settings(String task, String prepared, String model, TrainSettings train,
                           CheckpointSettings checkpoints, Config resolved) {
    }

    /** The complete prepared folder a task reads its vocabularies, labels and artifacts from. */
    public record PreparedFolder(Path path, Configuration hadoop) {
        public Path resolve(String name) {
            return new Path(path, name);
        }

        public List<String> lines(String name) {
            return HadoopFiles.readLines(resolve(name), hadoop);
        }

        public String string(String name) {
            return HadoopFiles.readString(resolve(name), hadoop);
        }
    }

    /**
     * What training did, for the task's summary.
     *
     * @param model            the committed model directory, qualified
     * @param validationMetric the validator's metric name, or null when training did not validate
     * @param bestValidation   the best epoch's validation metric (NaN without validation)
     */
    public record Outcome(String model, TrainingRun training, double finalLoss, String validationMetric,
                          double bestValidation) {
    }

    private TrainStep() {
    }

    /**
     * Trains and commits a model.
     *
     * @param resume         continue from the newest valid checkpoint in {@code train.checkpoint.dir}
     * @param extraListeners listeners beside the progress logger (tests, benchmarks)
     * @param recipe         builds the task's recipe from the prepared folder
     */
    public static <E, V> Outcome run(SparkSession spark, Settings settings, boolean overwrite, boolean resume,
                                     List<TrainingListener> extraListeners,
                                     Function<PreparedFolder, TrainingRecipe<E, V>> recipe) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        Path prepared = AtomicOutput.requireComplete(settings.prepared(), hadoop, "prepared data (paths.prepared)");
        // before any training: refuse an existing output now, not after hours of training
        AtomicOutput.checkWritable(settings.model(), overwrite, hadoop);
        CheckpointStore checkpoints = new CheckpointStore(settings.checkpoints().dir(), settings.checkpoints().keep(),
                hadoop);
        checkpoints.prepare(resume, overwrite);
        TrainingRecipe<E, V> task = recipe.apply(new PreparedFolder(prepared, hadoop));
        TrainingRecipe.Ensemble<V> ensemble = task.ensemble();
        List<CheckpointStore> stores = memberStores(ensemble, checkpoints, settings.checkpoints(), resume, overwrite,
                hadoop);
        Map<String, Object> prepareSummary = Json.readMap(new Path(prepared, "summary.json"), hadoop);

        int partitions = Math.max(sc.defaultParallelism(), 1);
        JavaRDD<E> train = task.trainExamples(spark.read().parquet(new Path(prepared, "train").toString()))
                .repartition(partitions).persist(StorageLevel.MEMORY_AND_DISK());
        long trainCount = train.count();
        if (trainCount == 0) {
            throw new SeqPipeException("prepared data " + prepared + " has no training " + task.exampleNoun());
        }
        Map<String, Long> tokens = task.countTokens(train);
        JavaRDD<V> validation = null;
        long validationCount = 0;
        Path validationPath = new Path(prepared, "validation");
        if (HadoopFiles.exists(validationPath, hadoop)) {
            validation = task.validationExamples(spark.read().parquet(validationPath.toString()))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            validationCount = validation.count();
        }

        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new ProgressLogger());
        listeners.addAll(extraListeners);
        ParameterAveragingTrainer.Validator validator = validation == null ? null
                : task.validator(sc, validation, validationCount);
        String startedAt = Instant.now().toString();
        List<ParameterAveragingTrainer.Result> results = new ArrayList<>();
        for (int i = 0; i < stores.size(); i++) {
            TrainSettings memberSettings = ensemble == null ? settings.train() : ensemble.train(i);
            if (ensemble != null) {
                LOG.info("ensemble member {} of {} (seed {})", i + 1, stores.size(), memberSettings.seed());
            }
            ParameterAveragingTrainer trainer = new ParameterAveragingTrainer(sc, memberSettings, listeners);
            results.add(trainer.fit(ensemble == null ? task.network() : ensemble.network(i), train, trainCount,
                    task.format(), validator, new ParameterAveragingTrainer.Checkpointing(stores.get(i),
                            settings.checkpoints().everyRounds(), resume), task::initialize));
        }
        ParameterAveragingTrainer.Result result = results.get(0);
        double bestValidation = ensemble == null || validator == null ? result.bestValidation()
                : ensemble.validate(sc, validation, results.stream().map(ParameterAveragingTrainer.Result::network)
                .toList());
        train.unpersist(false);
        if (validation != null) {
            validation.unpersist(false);
        }

        if (validator != null) {
            UndefinedMetrics.require(Map.of("validation " + validator.metricName(), bestValidation),
                    "train on " + prepared, task.allowNanValidation(), "evaluate.allowNanMetrics");
        }
        Map<String, Object> extras = task.trainingExtras();
        if (ensemble != null) {
            extras = new LinkedHashMap<>(extras);
            extras.put("ensemble", ensembleRecord(ensemble, results, task.validationMetricKey(), bestValidation));
        }
        TrainingRun run = trainingRun(result, startedAt, sc, settings, task, trainCount, validationCount, tokens,
                checkpoints, extras);
        List<EpochStats> epochs = result.epochs();
        double finalLoss = epochs.get(epochs.size() - 1).loss();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("trainLoss", finalLoss);
        metrics.put(task.validationMetricKey(), bestValidation);
        TrainingRecipe.ModelFiles files = task.modelFiles();
        Provenance provenance = new Provenance(settings.task(), Instant.now().toString(), settings.train().seed(),
                settings.resolved().root().unwrapped(), List.of(Map.of("role", "prepared", "path",
                prepared.toString(), "summary", prepareSummary)), task.provenanceVocabularySize(), task.provenanceLabels(),
                BuildInfo.describe(), run, metrics, EpochStats.history(epochs, task.historyValidationKey()));
        ModelDirectory.save(settings.model(), overwrite, results.stream().map(r -> ModelBytes.of(r.network(), true))
                .toList(), files.vocabulary(), files.labels(), settings.resolved(), provenance, files.artifacts(),
                hadoop);
        for (CheckpointStore store : stores) {
            if (store != checkpoints) {
                store.deleteAll();
            }
        }
        // the model is committed: the checkpoints were only there to get this far
        checkpoints.deleteAll();
        return new Outcome(HadoopFiles.qualify(settings.model(), hadoop).toString(), run, finalLoss,
                validator == null ? null : validator.metricName(), bestValidation);
    }

    /**
     * The checkpoint store of each network to train: {@code checkpoints} itself for one network, or one store per
     * ensemble member in {@code <train.checkpoint.dir>/member-<i>} (so {@code --resume} continues each member from its
     * own newest checkpoint, and a member that had finished restores its result from its last one), each readied
     * before any training.
     */
    private static List<CheckpointStore> memberStores(TrainingRecipe.Ensemble<?> ensemble, CheckpointStore checkpoints,
                                                      CheckpointSettings settings, boolean resume, boolean overwrite,
                                                      Configuration hadoop) {
        if (ensemble == null) {
            return List.of(checkpoints);
        }
        if (ensemble.size() < 2) {
            throw new IllegalArgumentException("an ensemble has at least 2 members, got " + ensemble.size());
        }
        List<CheckpointStore> stores = new ArrayList<>();
        for (int i = 0; i < ensemble.size(); i++) {
            CheckpointStore store = new CheckpointStore(new Path(checkpoints.dir(), "member-" + i).toString(),
                    settings.keep(), hadoop);
            store.prepare(resume, overwrite);
            stores.add(store);
        }
        return stores;
    }

    /**
     * The provenance's {@code training.ensemble}: its size, every member (seed, epochs run, best epoch, best
     * validation metric, parameters, early stop, seconds, resumed checkpoint) and the ensemble's own validation metric.
     */
    private static Map<String, Object> ensembleRecord(TrainingRecipe.Ensemble<?> ensemble,
                                                      List<ParameterAveragingTrainer.Result> results,
                                                      String validationKey, double ensembleValidation) {
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ParameterAveragingTrainer.Result r = results.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("member", i);
            m.put("seed", ensemble.train(i).seed());
            m.put("epochsRun", r.epochsRun());
            m.put("bestEpoch", r.bestEpoch());
            m.put(validationKey, r.bestValidation());
            m.put("parameters", r.network().numParams());
            m.put("earlyStop", r.earlyStop());
            m.put("seconds", r.seconds());
            m.put("resumedFrom", r.resumedFrom());
            members.add(m);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("size", results.size());
        record.put("members", members);
        record.put(validationKey, ensembleValidation);
        return record;
    }

    private static TrainingRun trainingRun(ParameterAveragingTrainer.Result result, String startedAt,
                                           JavaSparkContext sc, Settings settings, TrainingRecipe<?, ?> task,
                                           long trainCount, long validationCount, Map<String, Long> tokens,
                                           CheckpointStore checkpoints, Map<String, Object> extras) {
        // over the epochs' fitting time
        double fitSeconds = result.epochs().stream().mapToDouble(EpochStats::seconds).sum();
        long tokenCount = tokens.values().stream().mapToLong(Long::longValue).sum();
        double tokensPerSecond = tokens.isEmpty() ? Double.NaN
                : fitSeconds > 0 ? result.epochsRun() * (double) tokenCount / fitSeconds : 0;
        return new TrainingRun(startedAt, sc.master(), sc.defaultParallelism(), task.exampleNoun(), trainCount,
                validationCount, result.epochsRun(), result.bestEpoch(), result.seconds(), result.examplesPerSecond(),
                result.network().numParams(), result.earlyStop(), result.paddingEfficiency(),
                settings.train().lengthBucketPool(), result.minibatchesByExecutor(), result.resumedFrom(),
                result.skippedCheckpoints(), result.checkpointsWritten(), checkpoints.dir().toString(), tokens,
                tokensPerSecond, extras);
    }
}
