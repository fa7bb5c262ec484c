package io.seqpipe.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Makes dropout reproducible under Spark: before each minibatch a worker fits, ND4J's random generator (per thread)
 * is seeded from the training seed and the minibatch's contents. Without it, dropout masks come from whatever state
 * the executor thread's generator was left in by earlier tasks, so two runs with the same seed differ.
 */
public final class MinibatchSeedHook implements TrainingHook {
    private static final long serialVersionUID = 1L;
    private final long seed;

    public MinibatchSeedHook(long seed) {
        this.seed = seed;
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        Nd4j.getRandom().setSeed(seedFor(minibatch.getFeatures(), minibatch.getLabels()));
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        Nd4j.getRandom().setSeed(seedFor(minibatch.getFeatures(0), minibatch.getLabels(0)));
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
    }

    long seedFor(INDArray features, INDArray labels) {
        long h = seed;
        h = h * 31 + Arrays.hashCode(features.shape());
        h = h * 31 + Arrays.hashCode(features.dup().data().asFloat());
        h = h * 31 + (labels == null ? 0 : Arrays.hashCode(labels.dup().data().asFloat()));
        return ParameterAveragingTrainer.shuffleKey(h, 0, 0);
    }
}
