package io.seqpipe.train;

import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.model.TokenChannel;
import io.seqpipe.tasks.tagging.TaggedExample;
import io.seqpipe.tasks.tagging.TaggingBatches;
import io.seqpipe.testing.TestSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * What length bucketing may change and what it may not: a bucketed minibatch is padded only to its own longest
 * sentence, and must give the same loss and gradients as the same examples padded further (as they would be in an
 * unbucketed minibatch that also holds a long sentence); and across the averaging rounds of an epoch every sequence is
 * fitted exactly once. ({@link LengthBucketingTest} covers which examples share a minibatch and where it goes; this
 * covers the masks of the real tagging minibatches and a whole bucketed fit.)
 */
class BucketingEquivalenceTest {
    private static final List<TokenChannel> CHANNELS = List.of(new TokenChannel("word", 50, 6),
            new TokenChannel("casing", 3, 2));
    private static final int TAGS = 3;

    static TaggedExample example(Random r, long row, int length) {
        int[] words = new int[length];
        int[] casing = new int[length];
        int[] tags = new int[length];
        for (int t = 0; t < length; t++) {
            words[t] = 2 + r.nextInt(48);
            casing[t] = r.nextInt(3);
            tags[t] = t == 1 ? -1 : r.nextInt(TAGS); // one unknown tag: masked out of the loss as well
        }
        return new TaggedExample(row, new int[][]{words, casing}, tags);
    }

    static ComputationGraph tagger(ModelSpec.Cell cell) {
        ModelSpec spec = new ModelSpec(cell, 1, 7, true, 6, 0.0, ModelSpec.Pooling.MAX);
        ComputationGraph net = new ComputationGraph(NetworkFactory.tokenTagger(spec,
                new OptimizerSpec(OptimizerSpec.Updater.ADAM, 1e-3, 0, 0, 5), CHANNELS, TAGS));
        net.init();
        return net;
    }

    /** The same minibatch padded to {@code width} steps, with random word ids at the new (masked) steps. */
    static DataSet padTo(DataSet d, int width, Random r) {
        long n = d.getFeatures().size(0);
        long w = d.getFeatures().size(2);
        INDArray f = Nd4j.rand(d.getFeatures().dataType(), n, d.getFeatures().size(1), width).muli(3).castTo(
                d.getFeatures().dataType());
        f = Nd4j.createFromArray(floorAll(f));
        f.get(all(), all(), interval(0, w)).assign(d.getFeatures());
        INDArray fm = Nd4j.zeros(d.getFeaturesMaskArray().dataType(), n, width);
        fm.get(all(), interval(0, w)).assign(d.getFeaturesMaskArray());
        INDArray l = Nd4j.zeros(d.getLabels().dataType(), n, d.getLabels().size(1), width);
        l.get(all(), all(), interval(0, w)).assign(d.getLabels());
        // a "label" at a padded step must be ignored too
        l.get(all(), all(), interval(w, width)).assign(1);
        INDArray lm = Nd4j.zeros(d.getLabelsMaskArray().dataType(), n, width);
        lm.get(all(), interval(0, w)).assign(d.getLabelsMaskArray());
        return new DataSet(f, l, fm, lm);
    }

    private static float[][][] floorAll(INDArray a) {
        float[][][] out = new float[(int) a.size(0)][(int) a.size(1)][(int) a.size(2)];
        for (int i = 0; i < out.length; i++) {
            for (int c = 0; c < out[i].length; c++) {
                for (int t = 0; t < out[i][c].length; t++) {
                    out[i][c][t] = (float) Math.floor(a.getDouble(i, c, t)); // ids 0..2: valid in every channel
                }
            }
        }
        return out;
    }

    static double[] scoreAndGradient(ComputationGraph net, DataSet d, List<INDArray> gradientOut) {
        net.setInput(0, d.getFeatures());
        net.setLabel(0, d.getLabels());
        net.setLayerMaskArrays(new INDArray[]{d.getFeaturesMaskArray()}, new INDArray[]{d.getLabelsMaskArray()});
        net.computeGradientAndScore();
        gradientOut.add(net.gradient().gradient().dup());
        double score = net.score();
        net.clearLayerMaskArrays();
        return new double[]{score};
    }

    @ParameterizedTest
    @EnumSource(ModelSpec.Cell.class)
    void aBucketedMinibatchHasTheLossAndGradientsOfTheSameExamplesPaddedLonger(ModelSpec.Cell cell) {
        Random r = new Random(5);
        List<TaggedExample> bucket = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bucket.add(example(r, i, 4 + i)); // lengths 4..9: a bucket, padded to 9
        }
        ComputationGraph net = tagger(cell);
        DataSet own = TaggingBatches.labelled(bucket, TAGS);
        assertEquals(9, own.getFeatures().size(2));
        DataSet longer = padTo(own, 37, r);

        List<INDArray> gradients = new ArrayList<>();
        double ownScore = scoreAndGradient(net, own, gradients)[0];
        double longerScore = scoreAndGradient(net, longer, gradients)[0];
        assertEquals(ownScore, longerScore, 1e-5 * Math.abs(ownScore), cell + " loss");
        assertEquals(ownScore, net.score(own), 1e-5 * Math.abs(ownScore));
        assertEquals(ownScore, net.score(longer), 1e-5 * Math.abs(ownScore));
        assertTrue(gradients.get(0).norm2Number().doubleValue() > 0);
        assertTrue(gradients.get(0).equalsWithEps(gradients.get(1), 1e-5), cell + " gradients");
    }

    @ParameterizedTest
    @EnumSource(ModelSpec.Cell.class)
    void perExampleLossDoesNotDependOnWhichMinibatchAnExampleIsIn(ModelSpec.Cell cell) {
        Random r = new Random(9);
        List<TaggedExample> shortOnes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            shortOnes.add(example(r, i, 3 + i));
        }
        // unbucketed: the same short sentences share a minibatch with a long one and are padded to 45
        List<TaggedExample> mixed = new ArrayList<>(shortOnes);
        mixed.add(2, example(r, 99, 45));
        ComputationGraph net = tagger(cell);
        // (ComputationGraph.scoreExamples trips over a workspace bug in DL4J 1.0.0-M2.1 on this graph, so the
        // per-example loss is computed from the outputs: the sum over labelled steps of -log p(tag))
        double[] bucketed = exampleLosses(net, TaggingBatches.labelled(shortOnes, TAGS));
        double[] unbucketed = exampleLosses(net, TaggingBatches.labelled(mixed, TAGS));
        double sum = 0;
        for (int i = 0; i < shortOnes.size(); i++) {
            int j = i < 2 ? i : i + 1;
            double a = bucketed[i];
            assertEquals(a, unbucketed[j], 1e-5 * Math.abs(a), cell + " example " + i);
            sum += a;
        }
        // the minibatch loss is the mean of the per-example losses, so equal contents give equal loss
        assertEquals(sum / shortOnes.size(), net.score(TaggingBatches.labelled(shortOnes, TAGS)), 1e-5 * sum);
    }

    static double[] exampleLosses(ComputationGraph net, DataSet d) {
        INDArray p = net.output(false, new INDArray[]{d.getFeatures()}, new INDArray[]{d.getFeaturesMaskArray()})[0];
        double[] out = new double[(int) d.getFeatures().size(0)];
        for (int i = 0; i < out.length; i++) {
            for (int t = 0; t < p.size(2); t++) {
                if (d.getLabelsMaskArray().getDouble(i, t) != 0) {
                    for (int k = 0; k < TAGS; k++) {
                        out[i] -= d.getLabels().getDouble(i, k, t) * Math.log(p.getDouble(i, k, t));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Through the trainer's bucketed path with the real tagging format: across the rounds of an epoch every sentence
     * is in exactly one minibatch, each minibatch is as wide as its longest sentence, and the features and labels
     * masks mark exactly each sentence's own tokens (labels also leave out the unknown tag at step 1).
     */
    @Test
    void withBucketingEverySequenceIsInOneMinibatchPerEpochWithItsOwnMask() {
        SparkSession spark = TestSpark.start("bucketing-rounds");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Random r = new Random(3);
        List<TaggedExample> data = new ArrayList<>();
        for (int i = 0; i < 301; i++) {
            data.add(example(r, i, 2 + r.nextInt(59)));
        }
        Map<Integer, Integer> lengthCounts = new HashMap<>();
        data.forEach(e -> lengthCounts.merge(e.length(), 1, Integer::sum));
        // batch 4, averaging every 3: 24 examples per round over 2 workers -> 13 rounds; pools of 5 minibatches
        TrainSettings settings = new TrainSettings(2, 4, 3, 0, 17, EarlyStopping.patience(0), 1, 5);
        ParameterAveragingTrainer trainer = new ParameterAveragingTrainer(sc, settings, List.of());
        int workers = 2;
        int rounds = trainer.roundsPerEpoch(data.size(), workers);
        assertEquals(13, rounds);
        var padding = new ParameterAveragingTrainer.PaddingCounter(sc.sc().longAccumulator(),
                sc.sc().longAccumulator());
        var rdd = sc.parallelize(data, 3);
        var format = TaggingBatches.format(TAGS, 0);
        List<List<Integer>> orders = new ArrayList<>();
        for (int epoch = 1; epoch <= 2; epoch++) {
            Map<Integer, Integer> seen = new HashMap<>();
            List<Integer> order = new ArrayList<>();
            BucketedEpoch<TaggedExample> bucketed = trainer.bucketedEpoch(rdd, data.size(), format, epoch, rounds,
                    workers);
            try {
                for (int round = 0; round < rounds; round++) {
                    for (DataSet b : bucketed.round(round, format::trainingMinibatch, padding).collect()) {
                        int n = b.numExamples();
                        assertTrue(n <= 4);
                        INDArray fm = b.getFeaturesMaskArray();
                        INDArray lm = b.getLabelsMaskArray();
                        long width = b.getFeatures().size(2);
                        int longest = 0;
                        for (int i = 0; i < n; i++) {
                            int length = fm.getRow(i).sumNumber().intValue();
                            longest = Math.max(longest, length);
                            for (int t = 0; t < width; t++) {
                                assertEquals(t < length ? 1.0 : 0.0, fm.getDouble(i, t), "features mask");
                                assertEquals(t < length && t != 1 ? 1.0 : 0.0, lm.getDouble(i, t), "labels mask");
                            }
                            seen.merge(length, 1, Integer::sum);
                            order.add(length);
                        }
                        assertEquals(longest, width, "padded to its own longest sentence");
                    }
                }
            } finally {
                bucketed.release();
            }
            assertEquals(lengthCounts, seen, "epoch " + epoch + ": every sentence once (by length)");
            orders.add(order);
        }
        assertNotEquals(orders.get(0), orders.get(1), "each epoch reshuffles");
        long real = 2L * data.stream().mapToLong(TaggedExample::length).sum();
        assertEquals(real, padding.realSteps().value());
        assertTrue(padding.efficiency() > 0.85, "bucketed efficiency " + padding.efficiency());
    }

    /**
     * A whole fit, bucketed (pool 5) or not (pool 1): dl4j-spark's workers fit as many minibatches as planned,
     * {@code ceil(N / batchSize)} per epoch (a worker stops after {@code averagingFrequency} minibatches per round and
     * ignores the rest of its partition, so a worker given more than its share would fit fewer: the release that dealt
     * examples to workers by hash fitted 136 of these 150 minibatches' worth without bucketing).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 5})
    void aFitFitsEveryPlannedMinibatchOncePerEpochWithOrWithoutBucketing(int pool) {
        SparkSession spark = TestSpark.start("bucketing-fit");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Random r = new Random(4);
        List<TaggedExample> data = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            data.add(example(r, i, 2 + r.nextInt(30)));
        }
        TrainSettings settings = new TrainSettings(2, 4, 3, 0, 17, EarlyStopping.patience(0), 1, pool);
        ParameterAveragingTrainer trainer = new ParameterAveragingTrainer(sc, settings, List.of());
        ParameterAveragingTrainer.Result result = trainer.fit(tagger(ModelSpec.Cell.LSTM).getConfiguration(),
                sc.parallelize(data, 2), data.size(), TaggingBatches.format(TAGS, 0), null);
        assertEquals(2, result.epochsRun());
        long fitted = result.minibatchesByExecutor().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(2 * 38, fitted, "2 epochs × ceil(150 / 4) minibatches");
        if (pool > 1) {
            assertTrue(result.paddingEfficiency() > 0.85, "efficiency " + result.paddingEfficiency());
        } else {
            assertTrue(result.paddingEfficiency() < 0.7, "no bucketing: efficiency " + result.paddingEfficiency());
        }
        assertTrue(Double.isFinite(result.epochs().get(1).loss()));
    }
}
