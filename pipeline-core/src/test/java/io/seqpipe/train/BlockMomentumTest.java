package io.seqpipe.train;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.model.TokenChannel;
import io.seqpipe.tasks.tagging.TaggedExample;
import io.seqpipe.tasks.tagging.TaggingBatches;
import io.seqpipe.testing.TestSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Block-momentum model averaging ({@link BlockMomentum}, {@link AveragingScheme}): the update against numbers worked
 * out by hand, the config keys and their rule per worker count, and the trainer's wiring on real local Spark (the
 * network it returns is the driver's model {@code W}, built from the round's real average).
 */
class BlockMomentumTest {

    private static INDArray vector(double... v) {
        return Nd4j.createFromArray(v).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    private static void assertVector(double[] expected, INDArray actual, String what) {
        assertArrayEquals(expected, actual.toDoubleVector(), 1e-6, what);
    }

    @Test
    void threeRoundsWithNesterovLookAheadMatchTheHandComputedUpdate() {
        // m = 0.5, lr = 1.5, two parameters, W0 = (1, -2)
        AveragingScheme scheme = new AveragingScheme(AveragingScheme.Kind.BLOCK_MOMENTUM, 0.5, 1.5, true);
        BlockMomentum b = BlockMomentum.start(scheme, 4, vector(1, -2));
        // round 1 starts at W0; the workers' average is (1.2, -2.4): G = (0.2, -0.4), D = 1.5 G = (0.3, -0.6),
        // W = (1.3, -2.6); the next round starts at W + 0.5 D = (1.45, -2.9)
        INDArray s1 = b.apply(vector(1, -2), vector(1.2, -2.4));
        assertVector(new double[]{0.3, -0.6}, b.delta(), "D after round 1");
        assertVector(new double[]{1.3, -2.6}, b.model(), "W after round 1");
        assertVector(new double[]{1.45, -2.9}, s1, "start of round 2");
        // round 2: average (1.55, -2.7): G = (0.1, 0.2); D = 0.5 (0.3, -0.6) + 1.5 (0.1, 0.2) = (0.3, 0)
        // W = (1.6, -2.6); next start (1.75, -2.6)
        INDArray s2 = b.apply(s1, vector(1.55, -2.7));
        assertVector(new double[]{0.3, 0.0}, b.delta(), "D after round 2");
        assertVector(new double[]{1.6, -2.6}, b.model(), "W after round 2");
        assertVector(new double[]{1.75, -2.6}, s2, "start of round 3");
        // round 3: the workers did not move: G = 0; D = (0.15, 0), W = (1.75, -2.6), next start (1.825, -2.6)
        INDArray s3 = b.apply(s2, s2.dup());
        assertVector(new double[]{0.15, 0.0}, b.delta(), "D after round 3");
        assertVector(new double[]{1.75, -2.6}, b.model(), "W after round 3");
        assertVector(new double[]{1.825, -2.6}, s3, "start of round 4");
        assertNotEquals(System.identityHashCode(s3), System.identityHashCode(b.model()), "a new array");
    }

    @Test
    void withoutNesterovTheNextRoundStartsAtTheModelAndMomentumZeroIsPlainAveraging() {
        BlockMomentum classic = BlockMomentum.start(new AveragingScheme(AveragingScheme.Kind.BLOCK_MOMENTUM, 0.5, 1,
                false), 2, vector(0, 0));
        INDArray s1 = classic.apply(vector(0, 0), vector(1, 2));
        assertVector(new double[]{1, 2}, s1, "round 1: D = G");
        INDArray s2 = classic.apply(s1, vector(2, 2));
        // D = 0.5 (1, 2) + (1, 0) = (1.5, 1); W = (2.5, 3)
        assertVector(new double[]{2.5, 3}, s2, "classic block momentum");
        assertVector(new double[]{2.5, 3}, classic.model(), "W");

        BlockMomentum plain = BlockMomentum.start(new AveragingScheme(AveragingScheme.Kind.BLOCK_MOMENTUM, 0, 1, true),
                2, vector(0, 0));
        plain.apply(vector(0, 0), vector(1, 2));
        assertVector(new double[]{5, -1}, plain.apply(vector(1, 2), vector(5, -1)), "m = 0, lr = 1: the average");
    }

    @Test
    void theStateIsRestoredFromCopiesAndChecksLengths() {
        AveragingScheme scheme = AveragingScheme.blockMomentum(true);
        INDArray model = vector(1, 2, 3);
        INDArray delta = vector(0.5, 0, -0.5);
        BlockMomentum b = BlockMomentum.restore(scheme, 2, model, delta);
        b.apply(vector(1, 2, 3), vector(1, 2, 3));
        assertVector(new double[]{1, 2, 3}, model, "the caller's arrays are not changed");
        // m = 1 - 1/2: D = (0.25, 0, -0.25), W = (1.25, 2, 2.75)
        assertVector(new double[]{1.25, 2, 2.75}, b.model(), "W");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.apply(vector(1, 2), vector(1, 2)));
        assertEquals("expected 3 parameters, got 2 (start) and 2 (average)", e.getMessage());
    }

    @Test
    void theMomentumRuleIsOneMinusOneOverTheWorkers() {
        AveragingScheme auto = AveragingScheme.blockMomentum(true);
        assertEquals(0.0, auto.momentumFor(1));
        assertEquals(0.5, auto.momentumFor(2));
        assertEquals(0.75, auto.momentumFor(4));
        assertEquals(0.875, auto.momentumFor(8));
        assertFalse(auto.filters(1), "one worker: plain sequential training, no driver state");
        assertTrue(auto.filters(2));
        assertEquals("", auto.fingerprint(1));
        assertEquals("|averaging=blockMomentum|m=0.75|lr=1.0|nesterov=true", auto.fingerprint(4));
        assertEquals("blockMomentum (m=0.875, lr=1.0, Nesterov)", auto.describe(8));
        assertEquals("plain", AveragingScheme.plain().describe(8));
        assertEquals(0.0, AveragingScheme.plain().momentumFor(8));
    }

    @Test
    void theWorkersLearningRateIsScaledByKToTheExponentInEveryLayer() {
        assertEquals(1.0, LearningRateScaling.factor(0.2, 1));
        assertEquals(Math.pow(8, 0.2), LearningRateScaling.factor(0.2, 8), 1e-12);
        assertEquals(1.0, LearningRateScaling.factor(0, 8));
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.LSTM, 2, 5, true, 4, 0.0, ModelSpec.Pooling.MAX);
        ComputationGraphConfiguration conf = NetworkFactory.tokenTagger(spec,
                new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.003, 0, 0, 5),
                List.of(new TokenChannel("word", 20, 4), new TokenChannel("casing", 3, 2)), 3);
        ComputationGraphConfiguration scaled = LearningRateScaling.scaled(conf, 1.5);
        int layers = 0;
        for (var v : scaled.getVertices().entrySet()) {
            if (v.getValue() instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv) {
                var layer = lv.getLayerConf().getLayer();
                if (layer instanceof org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer w) {
                    layer = w.getUnderlying();
                }
                if (layer instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) {
                    assertEquals(0.0045, b.getIUpdater().getLearningRate(0, 0), 1e-12, v.getKey());
                    layers++;
                }
            }
        }
        assertTrue(layers >= 5, "embeddings, two LSTM layers per direction and the output: " + layers);
        ComputationGraph net = new ComputationGraph(scaled);
        net.init();
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            if (l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) {
                assertEquals(0.0045, b.getIUpdater().getLearningRate(0, 0), 1e-12, "network built from the copy");
            }
        }
        assertTrue(conf.toJson().contains("0.003") && !conf.toJson().contains("0.0045"), "the original is unchanged");
    }

    static AveragingScheme read(String... overrides) {
        return AveragingScheme.from(new ConfigReader(ConfigLayering.resolve(
                ConfigFactory.parseResources("io/seqpipe/tasks/ner.defaults.conf"), null, List.of(overrides))));
    }

    @Test
    void configKeysAreReadAndBadValuesNamed() {
        assertEquals(AveragingScheme.Kind.PLAIN, read("train.averaging=plain").kind());
        AveragingScheme fixed = read("train.averaging=blockMomentum", "train.blockMomentum=0.9",
                "train.blockLearningRate=0.8", "train.blockNesterov=false");
        assertEquals(new AveragingScheme(AveragingScheme.Kind.BLOCK_MOMENTUM, 0.9, 0.8, false), fixed);
        assertEquals(0.9, fixed.momentumFor(2));
        assertTrue(Double.isNaN(read("train.averaging=BlockMomentum", "train.blockMomentum=auto").blockMomentum()));
        assertEquals("train.averaging must be one of plain | blockMomentum, got 'bmuf'",
                assertThrows(InvalidConfigException.class, () -> read("train.averaging=bmuf")).getMessage());
        assertEquals("train.blockMomentum must be auto or a number in [0, 0.99], got 1", assertThrows(InvalidConfigException.class,
                () -> read("train.averaging=blockMomentum", "train.blockMomentum=1")).getMessage());
        assertEquals("train.blockMomentum must be auto or a number in [0, 0.99], got 'sometimes'", assertThrows(
                InvalidConfigException.class, () -> read("train.averaging=blockMomentum",
                        "train.blockMomentum=sometimes")).getMessage());
        assertEquals("train.blockLearningRate must be in (0, 10], got 0.0", assertThrows(
                InvalidConfigException.class, () -> read("train.averaging=blockMomentum",
                        "train.blockLearningRate=0")).getMessage());
    }

    /**
     * One averaging round of a tiny tagger on local[2] under block momentum with block learning rate 0.5: the network
     * the trainer returns is {@code W0 + 0.5 (A - W0)}, where {@code A} is the same round's average under plain
     * averaging (same seeds, same data, same start) and {@code W0} the initial parameters.
     */
    @Test
    @Tag("spark")
    void oneRoundOnSparkGivesTheHandComputedModel() {
        SparkSession spark = TestSpark.start("block-momentum");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.LSTM, 1, 5, false, 4, 0.0, ModelSpec.Pooling.MAX);
        ComputationGraphConfiguration conf = NetworkFactory.tokenTagger(spec,
                new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.05, 0, 0, 5),
                List.of(new TokenChannel("word", 20, 4)), 3);
        ComputationGraph initial = new ComputationGraph(conf);
        initial.init();
        INDArray w0 = initial.params().dup();
        Random r = new Random(9);
        List<TaggedExample> data = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int n = 2 + r.nextInt(5);
            int[] words = new int[n];
            int[] tags = new int[n];
            for (int t = 0; t < n; t++) {
                words[t] = 2 + r.nextInt(18);
                tags[t] = words[t] % 3;
            }
            data.add(new TaggedExample(i, new int[][]{words}, tags));
        }
        var rdd = sc.parallelize(data, 2);
        var format = TaggingBatches.format(3, 0);
        // 24 examples, batch 4, averaging every 3 minibatches, 2 workers: one round per epoch
        TrainSettings plainSettings = new TrainSettings(1, 4, 3, 0, 11, EarlyStopping.patience(0), 1, 1);
        List<RoundEnd> rounds = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onRoundEnd(RoundEnd round) {
                rounds.add(round);
            }
        };
        INDArray average = new ParameterAveragingTrainer(sc, plainSettings, List.of(recorder))
                .fit(conf, rdd, data.size(), format, null).network().params().dup();
        assertEquals(1, rounds.size());
        assertEquals(24, rounds.get(0).examples());
        assertFalse(average.equalsWithEps(w0, 1e-4), "the round moved the parameters");

        AveragingScheme half = new AveragingScheme(AveragingScheme.Kind.BLOCK_MOMENTUM, Double.NaN, 0.5, true);
        TrainSettings blockSettings = new TrainSettings(1, 4, 3, 0, 11, EarlyStopping.patience(0), 1, 1, half,
                0);
        List<double[]> seen = new ArrayList<>();
        TrainingListener model = new TrainingListener() {
            @Override
            public void onRoundEnd(RoundEnd round) {
                seen.add(round.withModel(net -> net.params().toDoubleVector()));
            }
        };
        INDArray filtered = new ParameterAveragingTrainer(sc, blockSettings, List.of(model))
                .fit(conf, rdd, data.size(), format, null).network().params();
        double[] expected = w0.add(average.sub(w0).mul(0.5)).toDoubleVector();
        assertArrayEquals(expected, filtered.toDoubleVector(), 1e-6, "W = W0 + 0.5 (A - W0)");
        assertArrayEquals(expected, seen.get(0), 1e-6, "listeners see W, not the look-ahead start");
        spark.stop();
    }

    /**
     * {@code train.learningRateDecay}: each epoch trains at the workers' rate × {@code 1 / (1 + d (e - 1))}. With SGD,
     * one minibatch per worker and one round per epoch, an epoch is one full-batch gradient step whatever the shuffle
     * (each worker's mean gradient over an equal half, averaged), so two epochs with {@code d = 1} must equal one epoch
     * at the rate followed by one epoch at half the rate, started from the first's parameters. The returned network's
     * configuration has the configured rate back.
     */
    @Test
    @Tag("spark")
    void learningRateDecayTrainsEachEpochAtItsRate() {
        TrainSettings two = new TrainSettings(2, 4, 1, 0, 11, EarlyStopping.patience(0), 1, 1,
                AveragingScheme.plain(), 0, 1.0);
        assertEquals(1.0, two.learningRateMultiplier(1));
        assertEquals(0.5, two.learningRateMultiplier(2));
        assertEquals(0.25, new TrainSettings(5, 4, 1, 0, 11, EarlyStopping.patience(0), 1, 1,
                AveragingScheme.plain(), 0, 0.75).learningRateMultiplier(5), 1e-12);
        assertEquals("train.learningRateDecay must be in [0, 10], got -0.1", assertThrows(
                InvalidConfigException.class, () -> new TrainSettings(2, 4, 1, 0, 11, EarlyStopping.patience(0), 1,
                        1, AveragingScheme.plain(), 0, -0.1)).getMessage());

        SparkSession spark = TestSpark.start("learning-rate-decay");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.LSTM, 1, 5, false, 4, 0.0, ModelSpec.Pooling.MAX);
        List<TokenChannel> channels = List.of(new TokenChannel("word", 20, 4));
        ComputationGraphConfiguration full = NetworkFactory.tokenTagger(spec,
                new OptimizerSpec(OptimizerSpec.Updater.SGD, 0.5, 0, 0, 5), channels, 3);
        ComputationGraphConfiguration half = NetworkFactory.tokenTagger(spec,
                new OptimizerSpec(OptimizerSpec.Updater.SGD, 0.25, 0, 0, 5), channels, 3);
        Random r = new Random(3);
        List<TaggedExample> data = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int[] words = new int[4];
            int[] tags = new int[4];
            for (int t = 0; t < 4; t++) {
                words[t] = 2 + r.nextInt(18);
                tags[t] = words[t] % 3;
            }
            data.add(new TaggedExample(i, new int[][]{words}, tags));
        }
        var rdd = sc.parallelize(data, 2);
        var format = TaggingBatches.format(3, 0);
        List<Double> ratesSeen = new ArrayList<>();
        TrainingListener rates = new TrainingListener() {
            @Override
            public void onRoundEnd(RoundEnd round) {
                ratesSeen.add(round.withModel(net -> LearningRateScaling.rates(net.getConfiguration())
                        .get("output")[0]));
            }
        };
        ParameterAveragingTrainer.Result decayed = new ParameterAveragingTrainer(sc, two, List.of(rates))
                .fit(full, rdd, data.size(), format, null);
        assertEquals(List.of(0.5, 0.25), ratesSeen, "the rate each epoch's round was trained with");
        assertEquals(0.5, LearningRateScaling.rates(decayed.network().getConfiguration()).get("output")[0],
                "the configured rate is back on the returned network");

        TrainSettings one = new TrainSettings(1, 4, 1, 0, 11, EarlyStopping.patience(0), 1, 1);
        INDArray first = new ParameterAveragingTrainer(sc, one, List.of())
                .fit(full, rdd, data.size(), format, null).network().params().dup();
        INDArray second = new ParameterAveragingTrainer(sc, one, List.of())
                .fit(half, rdd, data.size(), format, null, null, net -> net.setParams(first)).network().params();
        assertFalse(first.equalsWithEps(second, 1e-4), "the second epoch moved the parameters");
        assertArrayEquals(second.toDoubleVector(), decayed.network().params().toDoubleVector(), 1e-5,
                "epoch 2 at half the rate");
        INDArray fixed = new ParameterAveragingTrainer(sc, new TrainSettings(2, 4, 1, 0, 11,
                EarlyStopping.patience(0), 1, 1), List.of()).fit(full, rdd, data.size(), format, null).network().params();
        assertFalse(fixed.equalsWithEps(decayed.network().params(), 1e-4), "without decay epoch 2 differs");
        spark.stop();
    }
}
