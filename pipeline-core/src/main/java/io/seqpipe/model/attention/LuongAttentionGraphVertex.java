package io.seqpipe.model.attention;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * The computation of a {@link LuongAttentionVertex} in a graph: {@link MaskedAttention} forward and backward, with the
 * decoder (query) mask applied to the output and its gradient and the memory mask excluding padded encoder steps,
 * both read from the graph's input masks on every call. The backward pass recomputes the attention weights from the stored inputs, as DL4J's recurrent
 * layers recompute their forward pass.
 */
public class LuongAttentionGraphVertex extends BaseGraphVertex {
    private static final long serialVersionUID = 1L;
    private final boolean includeQuery;
    private final int decoderMaskIndex;
    private final int encoderMaskIndex;

    public LuongAttentionGraphVertex(ComputationGraph graph, String name, int vertexIndex, String decoderMaskInput,
                                     String encoderMaskInput, boolean includeQuery, DataType dataType) {
        super(graph, name, vertexIndex, null, null, dataType);
        this.includeQuery = includeQuery;
        this.decoderMaskIndex = inputIndex(graph, name, decoderMaskInput);
        this.encoderMaskIndex = inputIndex(graph, name, encoderMaskInput);
    }

    private static int inputIndex(ComputationGraph graph, String vertex, String input) {
        if (input == null) {
            return -1;
        }
        int i = graph.getConfiguration().getNetworkInputs().indexOf(input);
        if (i < 0) {
            throw new IllegalArgumentException("Luong attention '" + vertex + "': mask input '" + input
                    + "' is not a graph input " + graph.getConfiguration().getNetworkInputs());
        }
        return i;
    }

    private INDArray inputMask(int index) {
        INDArray[] masks = index < 0 ? null : graph.getInputMaskArrays();
        return masks == null || masks[index] == null ? null : masks[index].castTo(dataType);
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    private INDArray query() {
        return inputs[0].castTo(dataType);
    }

    private INDArray keys() {
        return inputs[1].castTo(dataType);
    }

    private INDArray values() {
        return inputs[inputs.length - 1].castTo(dataType);
    }

    private INDArray memoryMask() {
        return inputMask(encoderMaskIndex);
    }

    private INDArray queryMask() {
        return inputMask(decoderMaskIndex);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("Luong attention '" + vertexName + "': inputs not set");
        }
        INDArray q = query();
        MaskedAttention.Forward f = MaskedAttention.forward(q, keys(), values(), memoryMask());
        long dv = f.context().size(1);
        long width = dv + (includeQuery ? q.size(1) : 0);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{q.size(0), width, q.size(2)}, 'c');
        out.get(all(), interval(0, dv), all()).assign(f.context());
        if (includeQuery) {
            out.get(all(), interval(dv, width), all()).assign(q);
        }
        INDArray queryMask = queryMask();
        if (queryMask != null) {
            applyTimeMask(out, queryMask);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("Luong attention '" + vertexName + "': epsilon not set");
        }
        INDArray q = query();
        INDArray k = keys();
        INDArray v = values();
        INDArray eps = epsilon.castTo(dataType).dup('c');
        INDArray queryMask = queryMask();
        if (queryMask != null) {
            applyTimeMask(eps, queryMask);
        }
        long dv = v.size(1);
        MaskedAttention.Forward f = MaskedAttention.forward(q, k, v, memoryMask());
        INDArray dContext = eps.get(all(), interval(0, dv), all());
        MaskedAttention.Gradients g = MaskedAttention.backward(q, k, v, f.weights(), dContext);
        INDArray dq = g.queries();
        if (includeQuery) {
            dq.addi(eps.get(all(), interval(dv, dv + q.size(1)), all()));
        }
        INDArray[] out;
        if (inputs.length == 2) {
            out = new INDArray[]{dq, g.keys().addi(g.values())};
        } else {
            out = new INDArray[]{dq, g.keys(), g.values()};
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, out[i].castTo(inputs[i].dataType()));
        }
        return new Pair<>(null, out);
    }

    /** {@code ts [b, f, T]} *= {@code mask [b, T]}, broadcast over features. */
    private static void applyTimeMask(INDArray ts, INDArray mask) {
        ts.muli(mask.reshape(mask.size(0), 1, mask.size(1)).broadcast(ts.shape()));
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException("Luong attention has no parameters");
        }
    }

    /** The output's mask is the decoder mask. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        INDArray queryMask = maskArrays == null ? null : maskArrays[0];
        return new Pair<>(queryMask, queryMask == null ? currentMaskState : MaskState.Active);
    }

    @Override
    public String toString() {
        return "LuongAttentionGraphVertex(name=" + vertexName + ", includeQuery=" + includeQuery + ")";
    }
}
