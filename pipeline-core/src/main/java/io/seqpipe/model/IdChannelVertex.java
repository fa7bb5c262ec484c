package io.seqpipe.model;

import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Selects one id channel ({@code [batch, 1, T]}) of a multi-channel token input ({@code [batch, channels, T]}) for
 * that channel's embedding layer. DL4J's {@link SubsetVertex} does the same forward but fails in backpropagation
 * when the layer above it returns no gradient for its input, which an embedding layer never does (ids have no
 * gradient). This vertex passes "no gradient" on instead; the masks pass through unchanged.
 */
public class IdChannelVertex extends SubsetVertex {
    private static final long serialVersionUID = 1L;

    /** Selects channel {@code channel}. */
    public IdChannelVertex(int channel) {
        this(channel, channel);
    }

    /** For JSON deserialization (and DL4J's inclusive range form). */
    public IdChannelVertex(@JsonProperty("from") int from, @JsonProperty("to") int to) {
        super(from, to);
        if (from != to) {
            throw new IllegalArgumentException("an id channel is a single channel, got " + from + ".." + to);
        }
    }

    @Override
    public IdChannelVertex clone() {
        return new IdChannelVertex(getFrom(), getTo());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdChannelVertex && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + IdChannelVertex.class.hashCode();
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                       INDArray paramsView, boolean initializeParams,
                                                                       DataType networkDatatype) {
        return new Impl(graph, name, idx, getFrom(), getTo(), networkDatatype);
    }

    /** The computation: DL4J's subset, tolerant of a missing gradient from above. */
    static final class Impl extends org.deeplearning4j.nn.graph.vertex.impl.SubsetVertex {
        Impl(ComputationGraph graph, String name, int vertexIndex, int from, int to, DataType dataType) {
            super(graph, name, vertexIndex, from, to, dataType);
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
            if (getEpsilon() == null) {
                return new Pair<>(null, new INDArray[]{null});
            }
            return super.doBackward(tbptt, workspaceMgr);
        }
    }
}
