package io.seqpipe.model.rnn;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What SeqPipe's recurrent layer implementations share: they keep the features mask ({@code MultiLayerNetwork}
 * hands it to layers only through {@link #feedForwardMaskArray}; DL4J's LSTM drops it there) and pass it on
 * unchanged, as DL4J's recurrent layers do, and they recognize masks of real steps followed by padding, which need
 * no per-step masking.
 *
 * @param <C> the layer configuration
 */
public abstract class MaskedRecurrentLayer<C extends org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer>
        extends BaseRecurrentLayer<C> {
    private static final long serialVersionUID = 1L;

    protected MaskedRecurrentLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        setMaskArray(maskArray);
        return new Pair<>(maskArray, MaskState.Passthrough);
    }

    /** Each row's count of real steps if every row of {@code mask} ({@code [batch, T]}) is ones then zeros, else null. */
    public static long[] prefixLengths(INDArray mask) {
        long batch = mask.size(0);
        long steps = mask.size(1);
        float[] m = mask.castTo(DataType.FLOAT).dup('c').data().asFloat();
        long[] lengths = new long[(int) batch];
        for (int i = 0; i < batch; i++) {
            int len = 0;
            while (len < steps && m[(int) (i * steps + len)] != 0f) {
                len++;
            }
            for (long t = len; t < steps; t++) {
                if (m[(int) (i * steps + t)] != 0f) {
                    return null;
                }
            }
            lengths[i] = len;
        }
        return lengths;
    }
}
