package io.seqpipe.train;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.LinkedHashMap;
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

    /**
     * The learning rate of every layer's updater and bias updater that has one, by vertex name ({@code [updater, bias
     * updater]}, NaN where none): what {@link #setRates} multiplies.
     */
    public static Map<String, double[]> rates(ComputationGraphConfiguration conf) {
        Map<String, double[]> rates = new LinkedHashMap<>();
        for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet()) {
            if (v.getValue() instanceof LayerVertex lv && baseLayer(lv.getLayerConf().getLayer()) instanceof BaseLayer b) {
                rates.put(v.getKey(), new double[]{rate(b.getIUpdater(), v.getKey()),
                        rate(b.getBiasUpdater(), v.getKey())});
            }
        }
        return rates;
    }

    /**
     * Sets, in place, each layer's learning rates to {@code rates} (from {@link #rates}) times {@code multiplier}: how
     * the trainer decays the rate between epochs (the workers build their networks from this configuration each
     * round; the updaters' state, e.g. Adam's moments, is kept).
     */
    public static void setRates(ComputationGraphConfiguration conf, Map<String, double[]> rates, double multiplier) {
        for (Map.Entry<String, double[]> e : rates.entrySet()) {
            GraphVertex v = conf.getVertices().get(e.getKey());
            if (v instanceof LayerVertex lv && baseLayer(lv.getLayerConf().getLayer()) instanceof BaseLayer b) {
                setRate(b.getIUpdater(), e.getValue()[0] * multiplier);
                setRate(b.getBiasUpdater(), e.getValue()[1] * multiplier);
            }
        }
    }

    private static Layer baseLayer(Layer layer) {
        return layer instanceof BaseWrapperLayer wrapper ? baseLayer(wrapper.getUnderlying()) : layer;
    }

    private static double rate(IUpdater updater, String vertex) {
        if (updater == null || !updater.hasLearningRate()) {
            return Double.NaN;
        }
        double rate = updater.getLearningRate(0, 0);
        if (rate != updater.getLearningRate(1_000_000, 1000)) {
            throw new IllegalArgumentException("layer " + vertex + " has a learning-rate schedule; "
                    + "train.learningRateDecay needs a fixed rate");
        }
        return rate;
    }

    private static void setRate(IUpdater updater, double rate) {
        if (updater != null && updater.hasLearningRate() && !Double.isNaN(rate)) {
            updater.setLrAndSchedule(rate, null);
        }
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
