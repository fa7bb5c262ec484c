package io.seqpipe.model.chars;

import io.seqpipe.model.lstm.Lstm;
import io.seqpipe.model.lstm.LstmLayer;
import io.seqpipe.model.lstm.LstmParamInitializer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * Parameter layout of a {@link CharacterEncoder}, in this order in the layer's flattened vector:
 * <ul>
 *   <li>{@value #EMBEDDING_KEY}: the character embedding {@code [nIn, charEmbedding]} ('c' order; row 0, padding,
 *       is never read or trained);</li>
 *   <li>LSTM: the forward direction's {@link Lstm} parameters ({@code fW}, {@code fRW}, {@code fb}), then the backward
 *       direction's ({@code bW}, {@code bRW}, {@code bb}), each block laid out and initialized as
 *       {@link LstmParamInitializer} does;</li>
 *   <li>CNN: {@value #FILTER_KEY} {@code [width · charEmbedding, filters]} ('c' order; row {@code k · charEmbedding + e}
 *       is window position {@code k}, embedding component {@code e}) and {@value #BIAS_KEY} {@code [1, filters]}.</li>
 * </ul>
 */
public final class CharacterEncoderParams implements ParamInitializer {
    public static final String EMBEDDING_KEY = "E";
    public static final String FILTER_KEY = "W";
    public static final String BIAS_KEY = "b";
    /** Prefixes of the two LSTM directions' parameter keys. */
    public static final String FORWARD = "f";
    public static final String BACKWARD = "b";

    private static final CharacterEncoderParams INSTANCE = new CharacterEncoderParams();

    private CharacterEncoderParams() {
    }

    public static CharacterEncoderParams getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        CharacterEncoder c = (CharacterEncoder) layer;
        long embedding = c.getNIn() * c.getCharEmbedding();
        if (c.getKind() == CharacterEncoder.Kind.LSTM) {
            return embedding + 2 * LstmParamInitializer.getInstance().numParams(c.directionLstm());
        }
        return embedding + (long) c.getWidth() * c.getCharEmbedding() * c.getFilters() + c.getFilters();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>(weightKeys(layer));
        keys.addAll(biasKeys(layer));
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return ((CharacterEncoder) layer).getKind() == CharacterEncoder.Kind.LSTM
                ? List.of(EMBEDDING_KEY, FORWARD + "W", FORWARD + "RW", BACKWARD + "W", BACKWARD + "RW")
                : List.of(EMBEDDING_KEY, FILTER_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return ((CharacterEncoder) layer).getKind() == CharacterEncoder.Kind.LSTM
                ? List.of(FORWARD + "b", BACKWARD + "b") : List.of(BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return biasKeys(layer).contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        CharacterEncoder c = (CharacterEncoder) conf.getLayer();
        long expected = numParams(c);
        if (paramsView.length() != expected) {
            throw new IllegalStateException("CharacterEncoder '" + c.getLayerName() + "': expected a parameter view of"
                    + " length " + expected + ", got " + paramsView.length());
        }
        Map<String, INDArray> m = views(conf, paramsView, initializeParams);
        m.keySet().forEach(conf::addVariable);
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf, gradientView, false);
    }

    /** The parameter (or gradient) views in layout order; initializes them when asked. */
    private static Map<String, INDArray> views(NeuralNetConfiguration conf, INDArray flattened, boolean initialize) {
        CharacterEncoder c = (CharacterEncoder) conf.getLayer();
        INDArray flat = asRow(flattened);
        long v = c.getNIn();
        long e = c.getCharEmbedding();
        long end = v * e;
        Map<String, INDArray> m = new LinkedHashMap<>();
        INDArray embedding = segment(flat, 0, end);
        if (initialize) {
            m.put(EMBEDDING_KEY, c.getWeightInitFn().init(v, e, new long[]{v, e}, 'c', embedding));
        } else {
            m.put(EMBEDDING_KEY, embedding.reshape('c', v, e));
        }
        if (c.getKind() == CharacterEncoder.Kind.LSTM) {
            long n = LstmParamInitializer.getInstance().numParams(c.directionLstm());
            for (String prefix : List.of(FORWARD, BACKWARD)) {
                NeuralNetConfiguration inner = directionConf(conf);
                LstmParamInitializer.getInstance().init(inner, segment(flat, end, end + n), initialize)
                        .forEach((key, view) -> m.put(prefix + key, view));
                end += n;
            }
        } else {
            long rows = c.getWidth() * e;
            long filters = c.getFilters();
            INDArray w = segment(flat, end, end + rows * filters);
            m.put(FILTER_KEY, initialize ? c.getWeightInitFn().init(rows, filters, new long[]{rows, filters}, 'c', w)
                    : w.reshape('c', rows, filters));
            end += rows * filters;
            INDArray b = segment(flat, end, end + filters);
            if (initialize) {
                b.assign(c.getBiasInit());
            }
            m.put(BIAS_KEY, b);
        }
        return m;
    }

    /** The segment of the flattened vector holding one LSTM direction's parameters (or gradients). */
    static INDArray directionSegment(CharacterEncoder c, INDArray flattened, boolean forward) {
        long start = c.getNIn() * c.getCharEmbedding();
        long n = LstmParamInitializer.getInstance().numParams(c.directionLstm());
        if (!forward) {
            start += n;
        }
        return segment(asRow(flattened), start, start + n);
    }

    /** An LSTM direction's layer on its block of {@code paramsView} (parameters already initialized). */
    static LstmLayer direction(NeuralNetConfiguration conf, INDArray paramsView, boolean forward,
                               Collection<TrainingListener> listeners, int layerIndex, DataType dataType) {
        CharacterEncoder c = (CharacterEncoder) conf.getLayer();
        NeuralNetConfiguration inner = directionConf(conf);
        return (LstmLayer) inner.getLayer().instantiate(inner, listeners, layerIndex,
                directionSegment(c, paramsView, forward), false, dataType);
    }

    private static NeuralNetConfiguration directionConf(NeuralNetConfiguration conf) {
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(((CharacterEncoder) conf.getLayer()).directionLstm());
        return inner;
    }

    private static INDArray asRow(INDArray flattened) {
        return flattened.rank() == 2 ? flattened : flattened.reshape(1, flattened.length());
    }

    private static INDArray segment(INDArray row, long from, long to) {
        return row.get(interval(0, 0, true), interval(from, to));
    }
}
