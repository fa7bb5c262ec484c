package io.seqpipe.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.layers.recurrent.TimeDistributedLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Collection;

/**
 * DL4J's {@link TimeDistributed} (a feed-forward layer applied at every time step) with its mask bug fixed. In
 * 1.0.0-M2.1 the wrapper flattens the activations {@code [b, f, T]} example-major (row {@code i·T + t}) but flattens
 * the mask {@code [b, T]} time-major (row {@code t·b + i}, {@code TimeSeriesUtils.reshapeTimeSeriesMaskToVector}), so
 * with a mask the wrapped layer zeroes the wrong rows: real steps of one example are zeroed and padded steps of
 * another kept (found by the attention tests: a sentence's keys changed with its batch's padding). Here the mask is
 * flattened in the activations' order. NCW only.
 */
public class MaskedTimeDistributed extends TimeDistributed {
    private static final long serialVersionUID = 1L;

    public MaskedTimeDistributed(@JsonProperty("underlying") org.deeplearning4j.nn.conf.layers.Layer underlying,
                                 @JsonProperty("rnnDataFormat") RNNFormat rnnDataFormat) {
        super(underlying, rnnDataFormat);
        if (rnnDataFormat != RNNFormat.NCW) {
            throw new IllegalArgumentException("MaskedTimeDistributed supports NCW time series only");
        }
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        TimeDistributedLayer wrapped = (TimeDistributedLayer) super.instantiate(conf, listeners, layerIndex,
                layerParamsView, initializeParams, networkDataType);
        return new Impl(wrapped.getUnderlying());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskedTimeDistributed && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + MaskedTimeDistributed.class.hashCode();
    }

    /** The wrapper with example-major mask flattening. */
    static final class Impl extends TimeDistributedLayer {
        private static final long serialVersionUID = 1L;

        Impl(Layer underlying) {
            super(underlying, RNNFormat.NCW);
        }

        private static INDArray flatten(INDArray mask) {
            return mask.dup('c').reshape('c', mask.size(0) * mask.size(1), 1);
        }

        @Override
        public void setMaskArray(INDArray maskArray) {
            underlying.setMaskArray(maskArray == null ? null : flatten(maskArray));
        }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                              int minibatchSize) {
            if (maskArray == null) {
                return underlying.feedForwardMaskArray(null, currentMaskState, minibatchSize);
            }
            Pair<INDArray, MaskState> p = underlying.feedForwardMaskArray(flatten(maskArray), currentMaskState,
                    minibatchSize);
            if (p == null || p.getFirst() == null) {
                return p;
            }
            p.setFirst(p.getFirst().reshape('c', maskArray.size(0), maskArray.size(1)));
            return p;
        }
    }
}
