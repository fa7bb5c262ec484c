package io.seqpipe.model;

import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Reverses each sequence of a time series {@code [batch, features, T]} within its mask (the real steps of row
 * {@code i}, in reverse order, land on that row's real steps; padded steps are 0), the mask being that of network
 * input {@code maskArrayInputName}: the same function as DL4J's {@link ReverseTimeSeriesVertex}, which it replaces in
 * SeqPipe's bidirectional stacks. DL4J's copies one {@code [features]} vector per example and step with two indexing
 * operations each (3,200 small ND4J operations for a batch of 32 sequences of 50 steps, four times per training
 * iteration of a bidirectional layer: a fifth of the reference tagger's training time). This one reads the mask once
 * on the host, computes the permutation of the {@code batch × T} steps and applies it with one row gather from a
 * time-major copy; padded steps are then zeroed by the mask, and the result is returned as a {@code [batch, features,
 * T]} view of the time-major rows (DL4J's layers and SeqPipe's accept any strides). (ND4J's {@code reverse_sequence} operation, which would do
 * it in one step for masks of real steps followed by padding, measured slower on these layouts.) The reversal is its
 * own inverse, so backpropagation applies the same permutation to the gradient.
 */
public class MaskedReverseVertex extends ReverseTimeSeriesVertex {
    private static final long serialVersionUID = 1L;

    /** Reverses within the mask of network input {@code maskArrayInputName} (null: reverse whole sequences). */
    public MaskedReverseVertex(@JsonProperty("maskArrayInputName") String maskArrayInputName) {
        super(maskArrayInputName);
    }

    @Override
    public MaskedReverseVertex clone() {
        return new MaskedReverseVertex(getMaskArrayInputName());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskedReverseVertex && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + MaskedReverseVertex.class.hashCode();
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.impl.rnn.ReverseTimeSeriesVertex instantiate(
            ComputationGraph graph, String name, int idx, INDArray paramsView, boolean initializeParams,
            DataType networkDatatype) {
        return new Impl(graph, name, idx, getMaskArrayInputName(), networkDatatype);
    }

    /**
     * For each of the {@code T·batch} time-major positions {@code t·batch + i}, the position its value comes from:
     * row {@code i}'s {@code k}-th real step takes its {@code (n - 1 - k)}-th, {@code n} being the row's real-step
     * count; padded positions map to themselves (and are zeroed by the mask afterwards).
     *
     * @param mask {@code [batch][T]}, non-zero = real step; null: every step is real
     */
    static int[] reversedPositions(float[][] mask, int batch, int steps) {
        int[] source = new int[batch * steps];
        int[] real = new int[steps];
        for (int i = 0; i < batch; i++) {
            int n = 0;
            for (int t = 0; t < steps; t++) {
                source[t * batch + i] = t * batch + i;
                if (mask == null || mask[i][t] != 0f) {
                    real[n++] = t;
                }
            }
            for (int k = 0; k < n; k++) {
                source[real[k] * batch + i] = real[n - 1 - k] * batch + i;
            }
        }
        return source;
    }

    /** The computation. */
    static final class Impl extends org.deeplearning4j.nn.graph.vertex.impl.rnn.ReverseTimeSeriesVertex {
        private final int maskInput;

        Impl(ComputationGraph graph, String name, int vertexIndex, String maskInputName, DataType dataType) {
            super(graph, name, vertexIndex, maskInputName, dataType);
            this.maskInput = maskInputName == null ? -1
                    : graph.getConfiguration().getNetworkInputs().indexOf(maskInputName);
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
            return reverse(inputs[0], workspaceMgr, ArrayType.ACTIVATIONS);
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
            return new Pair<>(null, new INDArray[]{reverse(epsilon, workspaceMgr, ArrayType.ACTIVATION_GRAD)});
        }

        private INDArray mask() {
            INDArray[] masks = graph.getInputMaskArrays();
            return maskInput < 0 || masks == null ? null : masks[maskInput];
        }

        private INDArray reverse(INDArray in, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
            long batch = in.size(0);
            long features = in.size(1);
            long steps = in.size(2);
            INDArray mask = mask();
            float[][] m = mask == null ? null : mask.castTo(DataType.FLOAT).toFloatMatrix();
            int[] source = reversedPositions(m, (int) batch, (int) steps);
            INDArray timeMajor = in.permute(2, 0, 1).dup('c').reshape('c', steps * batch, features);
            INDArray reversed = workspaceMgr.createUninitialized(type, in.dataType(),
                    new long[]{steps * batch, features}, 'c');
            Nd4j.pullRows(timeMajor, reversed, 1, source);
            if (mask != null) {
                reversed.muliColumnVector(mask.castTo(in.dataType()).transpose().dup('c').reshape(steps * batch, 1));
            }
            // [batch, features, T] as a view of the time-major rows: consumers take any strides
            INDArray out = reversed.reshape('c', steps, batch, features).permute(1, 2, 0);
            return out;
        }
    }
}
