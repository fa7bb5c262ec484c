package io.seqpipe.model;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Turns token ids {@code [batch, 1, T]} into one-hot vectors {@code [batch, vocabulary, T]}, so that a network fed
 * one-hot tokens takes the same id input (and the same batches) as one with an embedding. It has no parameters; ids
 * get no gradient; the mask passes through. An id outside {@code [0, vocabulary)} is an error.
 */
public class OneHotVertex extends GraphVertex {
    private static final long serialVersionUID = 1L;

    private final int vocabulary;

    /** One-hot vectors of width {@code vocabulary}. */
    public OneHotVertex(@JsonProperty("vocabulary") int vocabulary) {
        if (vocabulary < 1) {
            throw new IllegalArgumentException("a one-hot vocabulary must be >= 1, got " + vocabulary);
        }
        this.vocabulary = vocabulary;
    }

    public int getVocabulary() {
        return vocabulary;
    }

    @Override
    public OneHotVertex clone() {
        return new OneHotVertex(vocabulary);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneHotVertex other && other.vocabulary == vocabulary;
    }

    @Override
    public int hashCode() {
        return 31 * OneHotVertex.class.hashCode() + vocabulary;
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                       INDArray paramsView, boolean initializeParams,
                                                                       DataType networkDatatype) {
        return new Impl(graph, name, idx, vocabulary, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        long steps = vertexInputs[0] instanceof InputType.InputTypeRecurrent r ? r.getTimeSeriesLength() : -1;
        return InputType.recurrent(vocabulary, steps);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        return new LayerMemoryReport.Builder(null, OneHotVertex.class, inputTypes[0], out).standardMemory(0, 0)
                .workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    /** The computation. */
    static final class Impl extends BaseGraphVertex {
        private final int vocabulary;

        Impl(ComputationGraph graph, String name, int vertexIndex, int vocabulary, DataType dataType) {
            super(graph, name, vertexIndex, null, null, dataType);
            this.vocabulary = vocabulary;
        }

        @Override
        public boolean hasLayer() {
            return false;
        }

        @Override
        public org.deeplearning4j.nn.api.Layer getLayer() {
            return null;
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
            INDArray ids = inputs[0];
            if (ids.rank() != 3 || ids.size(1) != 1) {
                throw new IllegalStateException("one-hot input must be token ids [batch, 1, T], got shape "
                        + java.util.Arrays.toString(ids.shape()));
            }
            int batch = (int) ids.size(0);
            int steps = (int) ids.size(2);
            double[] id = ids.reshape(batch, steps).castTo(DataType.DOUBLE).dup('c').data().asDouble();
            float[] hot = new float[batch * vocabulary * steps];
            for (int i = 0; i < batch; i++) {
                for (int t = 0; t < steps; t++) {
                    double v = id[i * steps + t];
                    if (v < 0 || v >= vocabulary || v != Math.rint(v)) {
                        throw new IllegalStateException("token id " + v + " at example " + i + ", step " + t
                                + " is outside the one-hot vocabulary [0, " + vocabulary + ")");
                    }
                    hot[(i * vocabulary + (int) v) * steps + t] = 1f;
                }
            }
            INDArray out = Nd4j.create(hot, new long[]{batch, vocabulary, steps}, 'c').castTo(dataType);
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, out);
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
            // ids have no gradient
            return new Pair<>(null, new INDArray[]{null});
        }

        @Override
        public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
            if (backpropGradientsViewArray != null) {
                throw new IllegalStateException("a one-hot vertex has no parameters");
            }
        }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                               int minibatchSize) {
            return new Pair<>(maskArrays == null ? null : maskArrays[0], currentMaskState);
        }

        @Override
        public String toString() {
            return "OneHotVertex(name=" + getVertexName() + ", vocabulary=" + vocabulary + ")";
        }
    }
}
