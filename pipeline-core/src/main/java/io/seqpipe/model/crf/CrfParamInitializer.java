package io.seqpipe.model.crf;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * Parameter layout of a {@link CrfOutput} layer with {@code nIn} inputs and {@code K = nOut} tags, in the network's
 * flattened parameter (and gradient) vector, in this order:
 * <ol>
 *   <li>{@value #WEIGHT_KEY}: emission weights {@code W}, {@code [nIn, K]} ({@code 'f'}), the layer's weight init;</li>
 *   <li>{@value #BIAS_KEY}: emission bias {@code b}, {@code [1, K]}, the bias init;</li>
 *   <li>{@value #TRANSITIONS_KEY}: transition scores, {@code [K, K]} ({@code [from, to]}, {@code 'f'}), 0;</li>
 *   <li>{@value #START_KEY}: start scores {@code [1, K]}, 0;</li>
 *   <li>{@value #END_KEY}: end scores {@code [1, K]}, 0.</li>
 * </ol>
 * All are plain views (no state), so updaters, Spark parameter averaging and serialization treat them like any
 * dense layer's. Only {@code W} is a weight (L1/L2 apply to it); the rest count as biases.
 */
public final class CrfParamInitializer implements ParamInitializer {
    public static final String WEIGHT_KEY = DefaultParamInitializer.WEIGHT_KEY;
    public static final String BIAS_KEY = DefaultParamInitializer.BIAS_KEY;
    public static final String TRANSITIONS_KEY = "T";
    public static final String START_KEY = "start";
    public static final String END_KEY = "end";

    private static final CrfParamInitializer INSTANCE = new CrfParamInitializer();

    private CrfParamInitializer() {
    }

    /** The shared (stateless) instance. */
    public static CrfParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FeedForwardLayer c = (FeedForwardLayer) layer;
        long k = c.getNOut();
        return c.getNIn() * k + k + k * k + 2 * k;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(WEIGHT_KEY, BIAS_KEY, TRANSITIONS_KEY, START_KEY, END_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS_KEY, TRANSITIONS_KEY, START_KEY, END_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key) || TRANSITIONS_KEY.equals(key) || START_KEY.equals(key) || END_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FeedForwardLayer c = (FeedForwardLayer) conf.getLayer();
        long expected = numParams(c);
        if (paramsView.length() != expected) {
            throw new IllegalStateException("CrfOutput '" + c.getLayerName() + "': expected a parameter view of length "
                    + expected + ", got " + paramsView.length());
        }
        Map<String, INDArray> m = subsets(paramsView, c.getNIn(), c.getNOut());
        if (initializeParams) {
            INDArray flat = asRow(paramsView);
            long nIn = c.getNIn();
            long k = c.getNOut();
            m.put(WEIGHT_KEY, c.getWeightInitFn().init(nIn, k, new long[]{nIn, k}, 'f', segment(flat, 0, nIn * k)));
            m.get(BIAS_KEY).assign(c.getBiasInit());
            m.get(TRANSITIONS_KEY).assign(0);
            m.get(START_KEY).assign(0);
            m.get(END_KEY).assign(0);
        }
        for (String key : paramKeys(c)) {
            conf.addVariable(key);
        }
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        FeedForwardLayer c = (FeedForwardLayer) conf.getLayer();
        return subsets(gradientView, c.getNIn(), c.getNOut());
    }

    private static Map<String, INDArray> subsets(INDArray flattened, long nIn, long k) {
        INDArray flat = asRow(flattened);
        long w = nIn * k;
        long b = w + k;
        long t = b + k * k;
        long s = t + k;
        long e = s + k;
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(WEIGHT_KEY, segment(flat, 0, w).reshape('f', nIn, k));
        m.put(BIAS_KEY, segment(flat, w, b));
        m.put(TRANSITIONS_KEY, segment(flat, b, t).reshape('f', k, k));
        m.put(START_KEY, segment(flat, t, s));
        m.put(END_KEY, segment(flat, s, e));
        return m;
    }

    private static INDArray asRow(INDArray flattened) {
        return flattened.rank() == 2 ? flattened : flattened.reshape(1, flattened.length());
    }

    private static INDArray segment(INDArray row, long from, long to) {
        return row.get(interval(0, 0, true), interval(from, to));
    }
}
