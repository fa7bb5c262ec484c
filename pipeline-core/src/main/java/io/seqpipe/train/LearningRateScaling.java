package io.seqpipe.train;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Map;

/**
 * The workers' learning rate as a function of their number (key {@code train.learningRateScaling}, exponent
 * {@code e}): {@code train.learningRate × k^e} for k workers. Averaging k workers' changes lowers the noise of each
 * round's update, which a larger step can use; {@code e = 0.5} is the square-root rule of large-batch training, 0 leaves
 * the rate alone. With one worker the rate is unchanged whatever {@code e}.
 */
public final class LearningRateScaling {
    private LearningRateScaling() {
    }

    /** {@code k^exponent} ({@code 1} for one worker). */
    public static double factor(double exponent, int workers) {
        return workers <= 1 ? 1 : Math.pow(workers, exponent);
    }

    /**
     * A copy of {@code conf} whose every layer's updater (and bias updater) with a learning rate has it multiplied by
     * {@code factor}; learning-rate schedules are not supported (SeqPipe's networks use a fixed rate) and are refused.
     * The configuration itself is not changed.
     */
    public static ComputationGraphConfiguration scaled(ComputationGraphConfiguration conf, double factor) {
        if (factor == 1) {
            return conf;
        }
        ComputationGraphConfiguration copy = conf.clone();
        for (Map.Entry<String, GraphVertex> v : copy.getVertices().entrySet()) {
            if (v.getValue() instanceof LayerVertex lv) {
                scale(lv.getLayerConf().getLayer(), factor, v.getKey());
            }
        }
        return copy;
    }

    private static void scale(Layer layer, double factor, String vertex) {
        if (layer instanceof BaseWrapperLayer wrapper) {
            scale(wrapper.getUnderlying(), factor, vertex);
            return;
        }
        if (layer instanceof BaseLayer base) {
            base.setIUpdater(scaled(base.getIUpdater(), factor, vertex));
            base.setBiasUpdater(scaled(base.getBiasUpdater(), factor, vertex));
        }
    }

    private static IUpdater scaled(IUpdater updater, double factor, String vertex) {
        if (updater == null || !updater.hasLearningRate()) {
            return updater;
        }
        IUpdater copy = updater.clone();
        double rate = updater.getLearningRate(0, 0);
        if (rate != updater.getLearningRate(1_000_000, 1000)) {
            throw new IllegalArgumentException("layer " + vertex + " has a learning-rate schedule; "
                    + "train.learningRateScaling needs a fixed rate (set it to 0)");
        }
        copy.setLrAndSchedule(rate * factor, null);
        return copy;
    }
}
