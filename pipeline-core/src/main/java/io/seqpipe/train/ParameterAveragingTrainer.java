package io.seqpipe.train;

import io.seqpipe.SeqPipeException;
import io.seqpipe.io.FileChecksums;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains a DL4J network across Spark executors with dl4j-spark's {@link ParameterAveragingTrainingMaster}: each
 * worker fits {@code averagingFrequency} minibatches of {@code batchSize}, then the driver averages parameters and
 * updater state.
 *
 * <p>Each epoch reshuffles the whole training set with a seeded key ({@link #shuffleKey}), so the order depends only
 * on the seed and the epoch. An epoch is fitted in {@link #roundsPerEpoch} averaging rounds (one dl4j-spark fit call
 * each, one partition per worker). The whole epoch's minibatches are formed first, in pools of
 * {@code lengthBucketPool × batchSize} examples of the shuffled epoch sorted by length (pool 1: minibatches of
 * consecutive shuffled examples, i.e. no bucketing), and then dealt out in a seeded order to the rounds and workers,
 * exactly {@code averagingFrequency} per worker and round ({@link BucketedEpoch}). Exact shares matter: dl4j-spark's
 * worker fits at most {@code averagingFrequency} minibatches per round and silently ignores the rest of its partition,
 * so dealing examples to workers by hash (as an earlier release did) dropped the surplus of the larger shares.
 * After each epoch an optional {@link Validator} scores the averaged network, and an {@link EarlyStoppingPolicy}
 * (settings {@link TrainSettings#earlyStopping()}: patience, minimum epochs, smoothing) decides whether it is the best
 * epoch so far, whose parameters are kept, and whether to stop.
 */
public final class ParameterAveragingTrainer {

    /** Scores a network on validation data (distributed or not); called once per epoch on the driver. */
    public interface Validator {
        double score(ComputationGraph network);

        String metricName();

        boolean higherIsBetter();
    }

    /**
     * The trained network (best epoch's parameters when validated) and how it got there.
     *
     * @param minibatchesByExecutor minibatches fitted per executor ({@link ExecutorParticipation}) in this run (after
     *                              the resume point, when resumed)
     * @param resumedFrom           the checkpoint this run continued from, or null
     * @param skippedCheckpoints    checkpoints passed over on resume, each with the reason
     * @param checkpointsWritten    checkpoints this run wrote
     */
    public record Result(ComputationGraph network, int epochsRun, int bestEpoch, double bestValidation,
                         double seconds, double examplesPerSecond, List<EpochStats> epochs, String earlyStop,
                         Map<String, Long> minibatchesByExecutor, String resumedFrom, List<String> skippedCheckpoints,
                         int checkpointsWritten, double paddingEfficiency) {
    }

    /**
     * Counts, over the minibatches built for training, the real steps and the steps computed (minibatch size × its
     * longest example): their ratio is the padding efficiency. Spark accumulators, so a retried task may count twice.
     */
    record PaddingCounter(LongAccumulator realSteps, LongAccumulator computedSteps) implements java.io.Serializable {
        <E> void count(List<E> batch, MinibatchFormat<E> format) {
            long real = 0;
            int longest = 0;
            for (E e : batch) {
                int n = format.length(e);
                real += n;
                longest = Math.max(longest, n);
            }
            realSteps.add(real);
            computedSteps.add((long) longest * batch.size());
        }

        double efficiency() {
            return computedSteps.value() == 0 ? Double.NaN : realSteps.value() / (double) computedSteps.value();
        }
    }

    /**
     * Checkpointing for one {@link #fit} call.
     *
     * @param store       where checkpoints go (already {@link CheckpointStore#prepare prepared})
     * @param everyRounds also write one every this many averaging rounds (0 = only at epoch ends)
     * @param resume      continue from the newest valid checkpoint in {@code store}, if any
     */
    public record Checkpointing(CheckpointStore store, int everyRounds, boolean resume) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ParameterAveragingTrainer.class);
    private final JavaSparkContext sc;
    private final TrainSettings settings;
    private final List<TrainingListener> listeners;

    public ParameterAveragingTrainer(JavaSparkContext sc, TrainSettings settings, List<TrainingListener> listeners) {
        this.sc = sc;
        this.settings = settings;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * A training master for one averaging round ({@link OneRoundTrainingMaster}: the round's data are already one
     * partition per worker). Each round gets its own, seeded from (seed, epoch, round): the master's random generator
     * then depends on the position in training alone, not on how many rounds this JVM has run, so a resumed run makes
     * the same choices.
     */
    ParameterAveragingTrainingMaster trainingMaster(int epoch, int round, ExecutorParticipation participation) {
        List<TrainingHook> hooks = new ArrayList<>();
        // dropout masks from (seed, minibatch) rather than from the executor thread's RNG history
        hooks.add(new MinibatchSeedHook(settings.seed()));
        if (participation != null) {
            hooks.add(new ExecutorParticipation.Hook(participation));
        }
        return new OneRoundTrainingMaster(new ParameterAveragingTrainingMaster.Builder(settings.batchSize())
                .batchSizePerWorker(settings.batchSize())
                .averagingFrequency(settings.averagingFrequency())
                .rngSeed(shuffleKey(settings.seed(), epoch, round))
                // Export needs a shared filesystem for its temp files; Direct works on every cluster (STACK.md)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                // roundBatches and BucketedEpoch.round already give one partition per worker
                .repartionData(Repartition.NumPartitionsWorkersDiffers)
                .workerPrefetchNumBatches(settings.prefetchBatches())
                .trainingHooks(hooks));
    }

    /**
     * Fits a network on a task's examples.
     *
     * @param format    turns the examples into minibatches (per task)
     * @param validator null to train without validation (all epochs run; the last epoch's parameters are kept)
     */
    public <E> Result fit(ComputationGraphConfiguration conf, JavaRDD<E> train, long trainExamples,
                          MinibatchFormat<E> format, Validator validator) {
        return fit(conf, train, trainExamples, format, validator, null);
    }

    /**
     * Fits a network on a task's examples, writing checkpoints and resuming from them when {@code checkpointing} is
     * set.
     *
     * <p>A checkpoint is written after every {@code everyRounds} averaging rounds (counted from the start of training)
     * and at the end of every epoch, after validation. Resuming restores the network with its updater state, the
     * position (epoch, round), the epoch's loss so far, the best validation and its parameters, the early-stopping
     * count and the epoch history; the data order, minibatch composition and dropout masks are functions of (seed,
     * epoch, round, row) (with length bucketing also of the lengths and the pool) and (seed, minibatch), so the
     * remaining rounds see exactly the data they would have seen.
     *
     * @param format        turns the examples into minibatches (per task)
     * @param validator     null to train without validation (all epochs run; the last epoch's parameters are kept)
     * @param checkpointing null for none
     */
    public <E> Result fit(ComputationGraphConfiguration conf, JavaRDD<E> train, long trainExamples,
                          MinibatchFormat<E> format, Validator validator, Checkpointing checkpointing) {
        return fit(conf, train, trainExamples, format, validator, checkpointing, null);
    }

    /**
     * As {@link #fit(ComputationGraphConfiguration, JavaRDD, long, MinibatchFormat, Validator, Checkpointing)}, with
     * {@code initialize} setting parameters of the new network right after {@code init()} (e.g. pretrained word
     * vectors); not called when training resumes from a checkpoint, which holds them already.
     *
     * @param initialize null for none
     */
    public <E> Result fit(ComputationGraphConfiguration conf, JavaRDD<E> train, long trainExamples,
                          MinibatchFormat<E> format, Validator validator, Checkpointing checkpointing,
                          Consumer<ComputationGraph> initialize) {
        TrainingHistory history = new TrainingHistory();
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(history);
        // fixed for the whole run: an executor lost and replaced mid-training must not change how data is split
        int workers = workers();
        int rounds = roundsPerEpoch(trainExamples, workers);
        double rateFactor = LearningRateScaling.factor(settings.learningRateScaling(), workers);
        conf = LearningRateScaling.scaled(conf, rateFactor);
        Map<String, double[]> baseRates = settings.learningRateDecay() > 0 ? LearningRateScaling.rates(conf) : null;
        String fingerprint = fingerprint(conf, trainExamples);

        CheckpointStore.Lookup lookup = checkpointing != null && checkpointing.resume()
                ? checkpointing.store().newestValid(fingerprint, rounds) : new CheckpointStore.Lookup(null, List.of());
        CheckpointStore.Restored from = lookup.restored();
        ComputationGraph net;
        INDArray bestParams = null;
        AveragingScheme scheme = settings.averaging();
        BlockMomentum block = null;
        EarlyStoppingPolicy policy = validator == null ? null
                : new EarlyStoppingPolicy(settings.earlyStopping(), validator.higherIsBetter());
        int bestEpoch = 0;
        int epoch = 0;
        int startRound = 0;
        double resumedLossSum = 0;
        double resumedSeconds = 0;
        String earlyStop = null;
        if (from == null) {
            if (checkpointing != null && checkpointing.resume()) {
                LOG.info("--resume: no usable checkpoint in {}; training from the start", checkpointing.store().dir());
            }
            net = new ComputationGraph(conf);
            net.init();
            if (initialize != null) {
                initialize.accept(net);
            }
            if (scheme.filters(workers)) {
                block = BlockMomentum.start(scheme, workers, net.params());
            }
        } else {
            TrainingCheckpoint state = from.state();
            LOG.info("resuming from checkpoint {} (epoch {}, {} of {} rounds done)", from.name(), state.epoch(),
                    state.roundsDone(), state.roundsPerEpoch());
            net = from.network();
            bestParams = from.bestParams();
            if (scheme.filters(workers)) {
                if (from.blockModel() == null) {
                    throw new SeqPipeException("checkpoint " + from.name() + " has no block-momentum state; train"
                            + " again with --overwrite");
                }
                block = BlockMomentum.restore(scheme, workers, from.blockModel(), from.blockMomentum());
            }
            bestEpoch = state.bestEpoch();
            if (validator != null) {
                policy = replayed(validator, state, from.name());
            }
            earlyStop = state.earlyStop();
            state.history().forEach(e -> history.onEpochEnd(e, settings.epochs(), 0));
            if (state.atEpochEnd()) {
                epoch = state.epoch();
            } else {
                epoch = state.epoch() - 1;
                startRound = state.roundsDone();
                resumedLossSum = state.epochLossSum();
                resumedSeconds = state.epochSeconds();
            }
        }
        ExecutorParticipation participation = ExecutorParticipation.register(sc);
        PaddingCounter padding = new PaddingCounter(sc.sc().longAccumulator("seqpipe.realSteps"),
                sc.sc().longAccumulator("seqpipe.computedSteps"));
        all.forEach(l -> l.onTrainingStart(settings.epochs(), trainExamples));
        LOG.info("{} workers, {} averaging rounds per epoch, averaging: {}, workers' learning rate x{}", workers, rounds,
                scheme.describe(workers), rateFactor);

        long start = System.nanoTime();
        ComputationGraph current = net;
        // under block momentum: where the next round starts (BlockMomentum.apply returns it; the network holds a copy)
        INDArray roundStart = block == null ? null : current.params().dup();
        int written = 0;
        boolean stop = earlyStop != null;
        String stopRequest = null;
        long roundExamples = (long) workers * settings.batchSize() * settings.averagingFrequency();
        while (!stop && epoch < settings.epochs()) {
            epoch++;
            if (baseRates != null) {
                // the workers build their networks from this configuration in every round of the epoch
                LearningRateScaling.setRates(current.getConfiguration(), baseRates,
                        settings.learningRateMultiplier(epoch));
            }
            int roundsRun = rounds;
            // One fit call per averaging round. Handing dl4j-spark a whole epoch makes it randomSplit the cached
            // batches into rounds, and every split scans (and deserializes) all of them: quadratic in the epoch size.
            long t0 = System.nanoTime();
            double lossSum = startRound > 0 ? resumedLossSum : 0;
            double priorSeconds = startRound > 0 ? resumedSeconds : 0;
            // the whole epoch's minibatches are formed first (length-bucketed when the pool is > 1), then dealt out to
            // the rounds and workers in exact shares
            BucketedEpoch<E> bucketed = bucketedEpoch(train, trainExamples, format, epoch, rounds, workers);
            try {
                for (int round = startRound; round < rounds; round++) {
                    SparkComputationGraph spark = new SparkComputationGraph(sc, current,
                            trainingMaster(epoch, round, participation));
                    if (format.multiInput()) {
                        spark.fitMultiDataSet(bucketed.round(round, format::trainingMultiMinibatch, padding));
                    } else {
                        spark.fit(bucketed.round(round, format::trainingMinibatch, padding));
                    }
                    current = spark.getNetwork();
                    if (block != null) {
                        roundStart = block.apply(roundStart, current.params());
                        current.setParams(roundStart);
                    }
                    double roundLoss = spark.getScore();
                    lossSum += roundLoss;
                    int done = round + 1;
                    RoundEnd end = new RoundEnd(epoch, done, rounds, (long) (epoch - 1) * trainExamples
                            + Math.min(trainExamples, done * roundExamples), roundLoss,
                            (System.nanoTime() - start) / 1e9, modelAccess(current, block));
                    all.forEach(l -> l.onRoundEnd(end));
                    stopRequest = all.stream().map(TrainingListener::stopRequested).filter(r -> r != null)
                            .findFirst().orElse(null);
                    if (stopRequest != null && done < rounds) {
                        roundsRun = done;
                        break;
                    }
                    if (done < rounds) {
                        int e = epoch;
                        long seen = trainExamples * done / rounds;
                        double loss = lossSum / done;
                        double epochSeconds = priorSeconds + (System.nanoTime() - t0) / 1e9;
                        double elapsed = (System.nanoTime() - start) / 1e9;
                        all.forEach(l -> l.onProgress(e, seen, trainExamples, loss, epochSeconds, elapsed));
                        long roundsSoFar = (long) (epoch - 1) * rounds + done;
                        if (checkpointing != null && checkpointing.everyRounds() > 0
                                && roundsSoFar % checkpointing.everyRounds() == 0) {
                            checkpointing.store().write(new TrainingCheckpoint(fingerprint, settings.seed(), epoch,
                                    done, rounds, workers, lossSum, epochSeconds, bestScore(policy), bestEpoch,
                                    sinceBest(policy), null, history.epochs()), current, bestParams, block);
                            written++;
                        }
                    }
                }
            } finally {
                bucketed.release();
            }
            startRound = 0;
            double seconds = priorSeconds + (System.nanoTime() - t0) / 1e9;
            double validation = Double.NaN;
            EarlyStoppingPolicy.Decision decision = null;
            if (validator != null) {
                validation = modelAccess(current, block).apply(validator::score);
                decision = policy.observe(validation);
                if (decision.best()) {
                    bestEpoch = epoch;
                    bestParams = block == null ? current.params().dup() : block.model().dup();
                }
                if (settings.earlyStopping().smoothing() > 0) {
                    LOG.info("epoch {}: validation {} {}, smoothed {}; best epoch so far {}", epoch,
                            validator.metricName(), validation, decision.smoothed(), policy.bestEpoch());
                }
            } else {
                bestEpoch = epoch;
            }
            long epochExamples = Math.min(trainExamples, roundsRun * roundExamples);
            EpochStats stats = new EpochStats(epoch, lossSum / roundsRun, epochExamples, seconds, validation,
                    validator == null ? null : validator.metricName());
            double elapsed = (System.nanoTime() - start) / 1e9;
            int planned = settings.epochs();
            all.forEach(l -> l.onEpochEnd(stats, planned, elapsed));
            if (decision != null && decision.stop() && epoch < settings.epochs()) {
                int e = epoch;
                int b = bestEpoch;
                String reason = policy.stopReason(validator.metricName());
                all.forEach(l -> l.onEarlyStop(e, b, reason));
                stop = true;
            }
            if (stopRequest != null) {
                int e = epoch;
                int b = bestEpoch;
                String reason = "stopped after round " + roundsRun + " of " + rounds + " of epoch " + epoch + ": "
                        + stopRequest;
                all.forEach(l -> l.onEarlyStop(e, b, reason));
                stop = true;
            }
            // a stop requested mid-epoch ends the run with that epoch unfinished: no epoch-end checkpoint claims it
            if (checkpointing != null && roundsRun == rounds) {
                checkpointing.store().write(new TrainingCheckpoint(fingerprint, settings.seed(), epoch, rounds, rounds,
                        workers, lossSum, seconds, bestScore(policy), bestEpoch, sinceBest(policy),
                        history.earlyStop(), history.epochs()), current, bestParams, block);
                written++;
            }
        }
        ComputationGraph result = current;
        if (baseRates != null) {
            LearningRateScaling.setRates(result.getConfiguration(), baseRates, 1);
        }
        if (bestParams != null) {
            result.setParams(bestParams);
        } else if (block != null) {
            result.setParams(block.model());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int run = epoch;
        all.forEach(l -> l.onTrainingEnd(run, seconds));
        double fitSeconds = history.epochs().stream().mapToDouble(EpochStats::seconds).sum();
        double throughput = fitSeconds > 0 ? run * (double) trainExamples / fitSeconds : 0;
        String stopped = history.earlyStop() != null ? history.earlyStop() : earlyStop;
        return new Result(result, run, bestEpoch, bestScore(policy), seconds, throughput, history.epochs(), stopped,
                participation.value(), from == null ? null : from.name(), lookup.skipped(), written,
                padding.efficiency());
    }

    /**
     * The early-stopping state at checkpoint {@code name}: its epoch history's validation metrics replayed through a
     * fresh policy, which must agree with the best epoch and count the checkpoint recorded (the fingerprint already
     * ties the checkpoint to these early-stopping settings, so a disagreement means a damaged state).
     */
    private EarlyStoppingPolicy replayed(Validator validator, TrainingCheckpoint state, String name) {
        List<Double> scores = state.history().stream().map(EpochStats::validation).toList();
        EarlyStoppingPolicy policy = EarlyStoppingPolicy.replay(settings.earlyStopping(), validator.higherIsBetter(),
                scores);
        if (policy.bestEpoch() != state.bestEpoch() || policy.sinceBest() != state.sinceBest()) {
            throw new SeqPipeException("checkpoint " + name + " records best epoch " + state.bestEpoch() + " ("
                    + state.sinceBest() + " epochs since), but its validation history gives best epoch "
                    + policy.bestEpoch() + " (" + policy.sinceBest() + " since) under train.earlyStopping.*; train"
                    + " again with --overwrite");
        }
        return policy;
    }

    /**
     * Lends {@code network} with the model's parameters: itself under plain averaging; under block momentum the network
     * holds where the next round starts, so {@link BlockMomentum#model()} is swapped in for the call and swapped back.
     */
    private static RoundEnd.ModelAccess modelAccess(ComputationGraph network, BlockMomentum block) {
        return new RoundEnd.ModelAccess() {
            @Override
            public <T> T apply(java.util.function.Function<ComputationGraph, T> f) {
                if (block == null) {
                    return f.apply(network);
                }
                INDArray next = network.params().dup();
                network.setParams(block.model());
                try {
                    return f.apply(network);
                } finally {
                    network.setParams(next);
                }
            }
        };
    }

    private static double bestScore(EarlyStoppingPolicy policy) {
        return policy == null ? Double.NaN : policy.bestScore();
    }

    private static int sinceBest(EarlyStoppingPolicy policy) {
        return policy == null ? 0 : policy.sinceBest();
    }

    /**
     * What a checkpoint must agree on to be resumed from: the network configuration as built (before any training),
     * seed, batch size, averaging frequency, the number of training examples, the length-bucketing pool (it decides
     * which examples share a minibatch), the batching scheme (checkpoints of releases that dealt examples to workers
     * by hash are refused) and, when set, the early-stopping minimum epochs and smoothing (they decide which epoch's
     * parameters the checkpoint holds as the best; {@link EarlyStopping#fingerprint}).
     */
    public String fingerprint(ComputationGraphConfiguration conf, long trainExamples) {
        String key = conf.toJson() + "|seed=" + settings.seed() + "|batchSize=" + settings.batchSize()
                + "|averagingFrequency=" + settings.averagingFrequency() + "|examples=" + trainExamples
                + "|lengthBucketPool=" + settings.lengthBucketPool() + "|batching=epoch"
                + settings.earlyStopping().fingerprint() + settings.averaging().fingerprint(workers())
                + (settings.learningRateDecay() > 0 ? "|learningRateDecay=" + settings.learningRateDecay() : "");
        return FileChecksums.sha256(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Epoch {@code epoch}'s minibatches, formed over the whole epoch (length-bucketed when
     * {@code lengthBucketPool > 1}) and placed by (round, worker) ({@link BucketedEpoch}); {@link BucketedEpoch#release}
     * them at the epoch's end.
     */
    <E> BucketedEpoch<E> bucketedEpoch(JavaRDD<E> train, long trainExamples, MinibatchFormat<E> format, int epoch,
                                       int rounds, int workers) {
        return BucketedEpoch.plan(train, trainExamples, format, settings, epoch, rounds, workers);
    }

    /** Averaging rounds per epoch: each worker fits about {@code averagingFrequency} minibatches per round. */
    int roundsPerEpoch(long examples, int workers) {
        long perRound = (long) workers * settings.batchSize() * settings.averagingFrequency();
        long rounds = Math.max(1, (examples + perRound - 1) / perRound);
        if (rounds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(examples + " examples make " + rounds + " averaging rounds per epoch, "
                    + "more than " + Integer.MAX_VALUE + "; raise train.batchSize or train.averagingFrequency");
        }
        return (int) rounds;
    }

    private int workers() {
        return Math.max(1, sc.defaultParallelism());
    }

    /** Builds one training minibatch ({@code DataSet} or {@code MultiDataSet}) from examples and a seed. */
    @FunctionalInterface
    interface BatchBuilder<E, B> extends java.io.Serializable {
        B build(List<E> examples, long seed);
    }

    /** A well-mixed 64-bit key of (seed, epoch, row): SplitMix64 finalizer. */
    public static long shuffleKey(long seed, int epoch, long row) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + row * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
