package io.seqpipe.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Trains a DL4J network across Spark executors with dl4j-spark's {@link ParameterAveragingTrainingMaster}: each
 * worker fits {@code averagingFrequency} minibatches of {@code batchSize}, then the driver averages parameters and
 * updater state.
 *
 * <p>Each epoch reshuffles the whole training set with a seeded key ({@link #shuffleKey}), so the order depends only
 * on the seed and the epoch. After each epoch an optional {@link Validator} scores the averaged network; the best
 * epoch's parameters are kept, and training stops after {@code patience} epochs without improvement.
 */
public final class ParameterAveragingTrainer {

    /** Scores a network on validation data (distributed or not); called once per epoch on the driver. */
    public interface Validator {
        double score(MultiLayerNetwork network);

        String metricName();

        boolean higherIsBetter();
    }

    /** The trained network (best epoch's parameters when validated) and how it got there. */
    public record Result(MultiLayerNetwork network, int epochsRun, int bestEpoch, double bestValidation,
                         double seconds, double examplesPerSecond, List<EpochStats> epochs, String earlyStop) {
    }

    private final JavaSparkContext sc;
    private final TrainSettings settings;
    private final List<TrainingListener> listeners;

    public ParameterAveragingTrainer(JavaSparkContext sc, TrainSettings settings, List<TrainingListener> listeners) {
        this.sc = sc;
        this.settings = settings;
        this.listeners = List.copyOf(listeners);
    }

    public ParameterAveragingTrainingMaster trainingMaster() {
        return new ParameterAveragingTrainingMaster.Builder(settings.batchSize())
                .batchSizePerWorker(settings.batchSize())
                .averagingFrequency(settings.averagingFrequency())
                .workerPrefetchNumBatches(settings.prefetchBatches())
                .rngSeed(settings.seed())
                // Export needs a shared filesystem for its temp files; Direct works on every cluster (STACK.md)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .build();
    }

    /**
     * Fits a many-to-one classifier.
     *
     * @param validator null to train without validation (all epochs run; the last epoch's parameters are kept)
     */
    public Result fitClassifier(MultiLayerConfiguration conf, JavaRDD<EncodedExample> train, long trainExamples,
                                int classes, Validator validator) {
        TrainingHistory history = new TrainingHistory();
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(history);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, trainingMaster());
        all.forEach(l -> l.onTrainingStart(settings.epochs(), trainExamples));

        long start = System.nanoTime();
        INDArray bestParams = null;
        double best = Double.NaN;
        int bestEpoch = 0;
        int epoch = 0;
        int sinceBest = 0;
        while (epoch < settings.epochs()) {
            epoch++;
            // dl4j-spark persists the batches itself (ParameterAveragingTrainingMaster.storageLevel)
            JavaRDD<DataSet> batches = shuffledBatches(train, epoch, classes);
            long t0 = System.nanoTime();
            spark.fit(batches);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double validation = Double.NaN;
            if (validator != null) {
                validation = validator.score(spark.getNetwork());
                boolean improved = Double.isNaN(best) || (validator.higherIsBetter() ? validation > best
                        : validation < best);
                if (improved) {
                    best = validation;
                    bestEpoch = epoch;
                    bestParams = spark.getNetwork().params().dup();
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
            } else {
                bestEpoch = epoch;
            }
            EpochStats stats = new EpochStats(epoch, spark.getScore(), trainExamples, seconds, validation,
                    validator == null ? null : validator.metricName());
            double elapsed = (System.nanoTime() - start) / 1e9;
            int planned = settings.epochs();
            all.forEach(l -> l.onEpochEnd(stats, planned, elapsed));
            if (validator != null && settings.patience() > 0 && sinceBest >= settings.patience()
                    && epoch < settings.epochs()) {
                int e = epoch;
                int b = bestEpoch;
                String reason = "no improvement of validation " + validator.metricName() + " for " + sinceBest
                        + " epochs";
                all.forEach(l -> l.onEarlyStop(e, b, reason));
                break;
            }
        }
        MultiLayerNetwork result = spark.getNetwork();
        if (bestParams != null) {
            result.setParams(bestParams);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int run = epoch;
        all.forEach(l -> l.onTrainingEnd(run, seconds));
        double fitSeconds = history.epochs().stream().mapToDouble(EpochStats::seconds).sum();
        double throughput = fitSeconds > 0 ? run * (double) trainExamples / fitSeconds : 0;
        return new Result(result, run, bestEpoch, best, seconds, throughput, history.epochs(), history.earlyStop());
    }

    /** This epoch's minibatches: all examples in a seeded random order, cut into {@code batchSize} groups. */
    JavaRDD<DataSet> shuffledBatches(JavaRDD<EncodedExample> train, int epoch, int classes) {
        long seed = settings.seed();
        int batchSize = settings.batchSize();
        return train.mapToPair(e -> new Tuple2<>(shuffleKey(seed, epoch, e.row()), e))
                .sortByKey(true, train.getNumPartitions())
                .values()
                .mapPartitions(it -> new Batches(it, batchSize, classes));
    }

    /** A well-mixed 64-bit key of (seed, epoch, row): SplitMix64 finalizer. */
    public static long shuffleKey(long seed, int epoch, long row) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + row * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Groups a partition's examples into minibatches lazily (memory bounded by one batch). */
    static final class Batches implements Iterator<DataSet> {
        private final Iterator<EncodedExample> source;
        private final int batchSize;
        private final int classes;

        Batches(Iterator<EncodedExample> source, int batchSize, int classes) {
            this.source = source;
            this.batchSize = batchSize;
            this.classes = classes;
        }

        @Override
        public boolean hasNext() {
            return source.hasNext();
        }

        @Override
        public DataSet next() {
            if (!source.hasNext()) {
                throw new NoSuchElementException();
            }
            List<EncodedExample> batch = new ArrayList<>(batchSize);
            while (source.hasNext() && batch.size() < batchSize) {
                batch.add(source.next());
            }
            return BatchAssembler.classification(batch, classes);
        }
    }
}
