package io.seqpipe.model.lstm;

import io.seqpipe.model.rnn.GatedParamInitializer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * Parameter layout of an {@link Lstm} layer: {@link GatedParamInitializer} with four gate blocks, output {@code o},
 * input {@code i}, forget {@code f}, candidate {@code g}. Weights are drawn as DL4J's {@code LSTM} draws them (same
 * fans, so the same distribution; the gate blocks are in another order, so not the same numbers); the forget gate's
 * biases start at {@link Lstm#getForgetGateBiasInit()}, the others at the bias init.
 */
public final class LstmParamInitializer extends GatedParamInitializer {
    /** Gate blocks, in column order. */
    public static final int OUTPUT_GATE = 0;
    /** @see #OUTPUT_GATE */
    public static final int INPUT_GATE = 1;
    /** @see #OUTPUT_GATE */
    public static final int FORGET_GATE = 2;
    /** @see #OUTPUT_GATE */
    public static final int CANDIDATE = 3;

    private static final LstmParamInitializer INSTANCE = new LstmParamInitializer();

    private LstmParamInitializer() {
        super(4);
    }

    /** The shared (stateless) instance. */
    public static LstmParamInitializer getInstance() {
        return INSTANCE;
    }

    /** As DL4J's LSTM initializes both matrices: {@code fanIn = nOut}, {@code fanOut = nIn + nOut}. */
    @Override
    protected long[] fans(BaseRecurrentLayer layer, boolean recurrent) {
        return new long[]{layer.getNOut(), layer.getNIn() + layer.getNOut()};
    }

    @Override
    protected void initializeBias(BaseRecurrentLayer layer, INDArray bias) {
        long nOut = layer.getNOut();
        bias.get(all(), interval(FORGET_GATE * nOut, (FORGET_GATE + 1) * nOut))
                .assign(((Lstm) layer).getForgetGateBiasInit());
    }
}
