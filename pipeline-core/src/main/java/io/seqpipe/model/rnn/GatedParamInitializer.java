package io.seqpipe.model.rnn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * Parameter layout of a gated recurrent layer with {@code G} gate blocks inside the network's flattened parameter
 * (and gradient) vector:
 * <ol>
 *   <li>{@value #WEIGHT_KEY}: input weights {@code W}, {@code [nIn, G·nOut]};</li>
 *   <li>{@value #RECURRENT_WEIGHT_KEY}: recurrent weights {@code U}, {@code [nOut, G·nOut]};</li>
 *   <li>{@value #BIAS_KEY}: bias {@code b}, {@code [1, G·nOut]}.</li>
 * </ol>
 * Each is a view of the flattened vector ({@code 'f'} order, like DL4J's own recurrent layers), so the layer trains
 * in place and Spark parameter averaging, updaters and serialization see nothing special. Columns are the gate blocks,
 * {@code nOut} each, in the order the layer documents.
 *
 * <p>Initialization: {@code W} with the layer's weight init, {@code U} with {@code weightInitRecurrent} if set, else
 * the weight init, with the fans of {@link #fans} (by default per gate: {@code fanIn = nIn, fanOut = nOut} for
 * {@code W}, {@code fanIn = fanOut = nOut} for {@code U}); {@code b} with the bias init, then
 * {@link #initializeBias} for any gate-specific values.
 */
public abstract class GatedParamInitializer implements ParamInitializer {
    /** Input weights {@code W}. */
    public static final String WEIGHT_KEY = DefaultParamInitializer.WEIGHT_KEY;
    /** Recurrent weights {@code U} (the key DL4J's recurrent constraints and layers use). */
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    /** Bias {@code b}. */
    public static final String BIAS_KEY = DefaultParamInitializer.BIAS_KEY;

    private final int gates;

    protected GatedParamInitializer(int gates) {
        this.gates = gates;
    }

    /**
     * The (fanIn, fanOut) the weight init uses for {@code W} ({@code recurrent} false) or {@code U}: by default
     * {@code (nIn, nOut)} and {@code (nOut, nOut)}, per gate.
     */
    protected long[] fans(BaseRecurrentLayer layer, boolean recurrent) {
        return recurrent ? new long[]{layer.getNOut(), layer.getNOut()} : new long[]{layer.getNIn(), layer.getNOut()};
    }

    /** Sets gate-specific initial biases after all were set to the layer's bias init ({@code bias}: [1, G·nOut]). */
    protected void initializeBias(BaseRecurrentLayer layer, INDArray bias) {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        BaseRecurrentLayer c = (BaseRecurrentLayer) layer;
        long nIn = c.getNIn();
        long nOut = c.getNOut();
        return nIn * gates * nOut + nOut * gates * nOut + gates * nOut;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHT_KEY, RECURRENT_WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key) || RECURRENT_WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        BaseRecurrentLayer c = (BaseRecurrentLayer) conf.getLayer();
        long nIn = c.getNIn();
        long nOut = c.getNOut();
        long expected = numParams(c);
        if (paramsView.length() != expected) {
            throw new IllegalStateException(c.getClass().getSimpleName() + " '" + c.getLayerName()
                    + "': expected a parameter view of length " + expected + ", got " + paramsView.length());
        }
        Map<String, INDArray> m = subsets(paramsView, nIn, nOut);
        if (initializeParams) {
            IWeightInit recurrentInit = c.getWeightInitFnRecurrent() != null ? c.getWeightInitFnRecurrent()
                    : c.getWeightInitFn();
            INDArray flat = asRow(paramsView);
            long wEnd = nIn * gates * nOut;
            long uEnd = wEnd + nOut * gates * nOut;
            // init() fills the given row segment in 'f' order and returns it reshaped
            long[] wFans = fans(c, false);
            long[] uFans = fans(c, true);
            m.put(WEIGHT_KEY, c.getWeightInitFn().init(wFans[0], wFans[1], new long[]{nIn, gates * nOut}, 'f',
                    segment(flat, 0, wEnd)));
            m.put(RECURRENT_WEIGHT_KEY, recurrentInit.init(uFans[0], uFans[1], new long[]{nOut, gates * nOut}, 'f',
                    segment(flat, wEnd, uEnd)));
            m.get(BIAS_KEY).assign(c.getBiasInit());
            initializeBias(c, m.get(BIAS_KEY));
        }
        conf.addVariable(WEIGHT_KEY);
        conf.addVariable(RECURRENT_WEIGHT_KEY);
        conf.addVariable(BIAS_KEY);
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        BaseRecurrentLayer c = (BaseRecurrentLayer) conf.getLayer();
        return subsets(gradientView, c.getNIn(), c.getNOut());
    }

    /** Views of {@code W}, {@code U} and {@code b} in a flattened vector of this layer's length. */
    private Map<String, INDArray> subsets(INDArray flattened, long nIn, long nOut) {
        INDArray flat = asRow(flattened);
        long wEnd = nIn * gates * nOut;
        long uEnd = wEnd + nOut * gates * nOut;
        long bEnd = uEnd + gates * nOut;
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(WEIGHT_KEY, segment(flat, 0, wEnd).reshape('f', nIn, gates * nOut));
        m.put(RECURRENT_WEIGHT_KEY, segment(flat, wEnd, uEnd).reshape('f', nOut, gates * nOut));
        m.put(BIAS_KEY, segment(flat, uEnd, bEnd));
        return m;
    }

    private static INDArray asRow(INDArray flattened) {
        return flattened.rank() == 2 ? flattened : flattened.reshape(1, flattened.length());
    }

    /** Columns {@code [from, to)} of a row vector, as a {@code [1, to - from]} view. */
    private static INDArray segment(INDArray row, long from, long to) {
        return row.get(interval(0, 0, true), interval(from, to));
    }
}
