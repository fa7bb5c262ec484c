package io.seqpipe.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.seqpipe.config.ConfigReader;

import java.io.Serializable;

/**
 * How {@link ParameterAveragingTrainer} runs.
 *
 * @param epochs             passes over the training data
 * @param batchSize          examples per minibatch on each worker
 * @param averagingFrequency minibatches each worker fits between two parameter averagings
 * @param prefetchBatches    minibatches prefetched asynchronously on each worker (0 = off)
 * @param seed               seed for the per-epoch shuffle and the training master
 * @param earlyStopping      how the validation metric picks the kept epoch and stops training (keys
 *                           {@code train.earlyStopping.*}); the best epoch's parameters are kept whenever there is
 *                           validation data. Its {@code minEpochs} must not exceed {@code epochs}.
 * @param ompThreads         OpenMP threads per executor task (spark.executorEnv.OMP_NUM_THREADS)
 * @param lengthBucketPool   length bucketing: once per epoch, the shuffled training set is split into pools of this
 *                           many minibatches' worth of examples; each pool is sorted by length and cut into
 *                           minibatches, and the epoch's minibatches are dealt out to the averaging rounds and workers
 *                           in a seeded random order ({@code averagingFrequency} per worker and round), so a minibatch
 *                           pads to similar lengths while every example is still fitted once per epoch; 1 = off (key
 *                           {@code train.lengthBucketPool}, optional: tasks whose examples all have one length leave it
 *                           out). Part of the checkpoint fingerprint when on.
 * @param averaging          how the driver combines each round's averaged parameters into the next round's (keys
 *                           {@code train.averaging}, {@code train.blockMomentum}, {@code train.blockLearningRate},
 *                           {@code train.blockNesterov}); part of the checkpoint fingerprint unless plain
 * @param learningRateScaling exponent {@code e} of the workers' learning rate {@code train.learningRate × k^e} for k
 *                           workers ({@link LearningRateScaling}); 0 = the configured rate whatever k
 * @param learningRateDecay  {@code d}: epoch {@code e} (1-based) trains at the workers' rate × {@code 1 / (1 + d (e -
 *                           1))} (key {@code train.learningRateDecay}); 0 = a fixed rate
 */
public record TrainSettings(int epochs, int batchSize, int averagingFrequency, int prefetchBatches, long seed,
                            EarlyStopping earlyStopping, int ompThreads, int lengthBucketPool,
                            AveragingScheme averaging, double learningRateScaling,
                            double learningRateDecay) implements Serializable {

    public TrainSettings {
        ConfigReader.check(epochs >= 1, "train.epochs", epochs, ">= 1");
        ConfigReader.check(batchSize >= 1, "train.batchSize", batchSize, ">= 1");
        ConfigReader.check(averagingFrequency >= 1, "train.averagingFrequency", averagingFrequency, ">= 1");
        ConfigReader.check(prefetchBatches >= 0, "train.prefetchBatches", prefetchBatches, ">= 0");
        if (earlyStopping == null) {
            throw new IllegalArgumentException("earlyStopping must not be null");
        }
        ConfigReader.check(earlyStopping.minEpochs() <= epochs, "train.earlyStopping.minEpochs",
                earlyStopping.minEpochs(), "<= train.epochs (" + epochs + ")");
        ConfigReader.check(ompThreads >= 1, "train.ompThreads", ompThreads, ">= 1");
        ConfigReader.check(lengthBucketPool >= 1, "train.lengthBucketPool", lengthBucketPool, ">= 1");
        if (averaging == null) {
            throw new IllegalArgumentException("averaging must not be null");
        }
        ConfigReader.check(learningRateScaling >= 0 && learningRateScaling <= 1, "train.learningRateScaling",
                learningRateScaling, "in [0, 1]");
        ConfigReader.check(learningRateDecay >= 0 && learningRateDecay <= 10, "train.learningRateDecay",
                learningRateDecay, "in [0, 10]");
    }

    /** Settings with a fixed learning rate over the epochs ({@code learningRateDecay = 0}). */
    public TrainSettings(int epochs, int batchSize, int averagingFrequency, int prefetchBatches, long seed,
                         EarlyStopping earlyStopping, int ompThreads, int lengthBucketPool,
                         AveragingScheme averaging, double learningRateScaling) {
        this(epochs, batchSize, averagingFrequency, prefetchBatches, seed, earlyStopping, ompThreads, lengthBucketPool,
                averaging, learningRateScaling, 0);
    }

    /** The multiplier of the workers' learning rate in epoch {@code epoch} (1-based): {@code 1 / (1 + d (epoch - 1))}. */
    public double learningRateMultiplier(int epoch) {
        return 1.0 / (1.0 + learningRateDecay * (epoch - 1));
    }

    /** Settings with plain model averaging and the configured learning rate whatever the number of workers. */
    public TrainSettings(int epochs, int batchSize, int averagingFrequency, int prefetchBatches, long seed,
                         EarlyStopping earlyStopping, int ompThreads, int lengthBucketPool) {
        this(epochs, batchSize, averagingFrequency, prefetchBatches, seed, earlyStopping, ompThreads, lengthBucketPool,
                AveragingScheme.plain(), 0);
    }

    /**
     * The resolved config of ensemble member {@code member} (0-based, {@code train.ensemble}): {@code resolved} with
     * {@code train.seed + member} as its seed, which seeds the member's weights, data order and dropout.
     */
    public static Config memberConfig(Config resolved, int member) {
        return resolved.withValue("train.seed", ConfigValueFactory.fromAnyRef(
                resolved.getLong("train.seed") + member));
    }

    public static TrainSettings from(ConfigReader r) {
        return new TrainSettings(r.integer("train.epochs"), r.integer("train.batchSize"),
                r.integer("train.averagingFrequency"), r.integer("train.prefetchBatches"),
                r.longValue("train.seed"), EarlyStopping.from(r),
                r.integer("train.ompThreads"),
                r.isSet("train.lengthBucketPool") ? r.integer("train.lengthBucketPool") : 1,
                AveragingScheme.from(r), r.number("train.learningRateScaling"),
                r.number("train.learningRateDecay"));
    }
}
