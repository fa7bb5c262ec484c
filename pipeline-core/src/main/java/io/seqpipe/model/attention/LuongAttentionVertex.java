package io.seqpipe.model.attention;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Configuration of Luong-style attention for a DL4J {@code ComputationGraph}: for every decoder step, a context vector
 * as the attention-weighted average of the encoder's outputs, over real (unmasked) encoder steps only. The computation
 * ({@link MaskedAttention}) has a hand-written backward pass; DL4J's own {@code AttentionVertex} is SameDiff-based and
 * returns 2× gradients in 1.0.0-M2.1 (STACK.md).
 *
 * <p>Inputs, all {@code [batch, features, T]} with their features masks:
 * <ul>
 *   <li>two: decoder states {@code h_t} {@code [b, d, Td]} and encoder outputs {@code h_s} {@code [b, d, Ts]} (keys and
 *       values both): Luong's <b>dot</b> score {@code h_t · h_s};</li>
 *   <li>three: decoder states, keys {@code [b, d, Ts]}, values {@code [b, dv, Ts]}: Luong's <b>general</b> score
 *       {@code h_tᵀ W_a h_s} when the keys are {@code W_a h_s}, a bias-free time-distributed projection of the encoder
 *       outputs (a normal DL4J layer, so updaters, regularization and serialization treat {@code W_a} as any weight;
 *       {@link LuongAttention} wires it).</li>
 * </ul>
 * Masks are read from the graph inputs named by {@code decoderMaskInput} (the decoder's token input) and
 * {@code encoderMaskInput} (the source token input), as DL4J's {@code ReverseTimeSeriesVertex} reads its mask: masks
 * set per call on the graph's inputs cannot go stale between calls (DL4J does not clear vertex masks). A null name
 * means no mask on that side. Output: {@code [context; h_t]}, {@code [b, dv + d, Td]}
 * ({@code includeQuery}, default) or the context alone {@code [b, dv, Td]}; its mask is the decoder mask, and padded
 * decoder steps output 0. Luong's attentional state {@code tanh(W_c [c; h])} is a time-distributed dense tanh layer
 * on this output ({@link LuongAttention}). No parameters of its own.
 */
public class LuongAttentionVertex extends GraphVertex {
    private static final long serialVersionUID = 1L;
    private final String decoderMaskInput;
    private final String encoderMaskInput;
    private final boolean includeQuery;

    /**
     * @param decoderMaskInput the graph input whose features mask marks real decoder steps (null: none)
     * @param encoderMaskInput the graph input whose features mask marks real encoder steps (null: none)
     * @param includeQuery     whether the decoder state is concatenated after the context
     */
    public LuongAttentionVertex(@JsonProperty("decoderMaskInput") String decoderMaskInput,
                                @JsonProperty("encoderMaskInput") String encoderMaskInput,
                                @JsonProperty("includeQuery") boolean includeQuery) {
        this.decoderMaskInput = decoderMaskInput;
        this.encoderMaskInput = encoderMaskInput;
        this.includeQuery = includeQuery;
    }

    public String getDecoderMaskInput() {
        return decoderMaskInput;
    }

    public String getEncoderMaskInput() {
        return encoderMaskInput;
    }

    public boolean isIncludeQuery() {
        return includeQuery;
    }

    @Override
    public LuongAttentionVertex clone() {
        return new LuongAttentionVertex(decoderMaskInput, encoderMaskInput, includeQuery);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LuongAttentionVertex v && v.includeQuery == includeQuery
                && java.util.Objects.equals(v.decoderMaskInput, decoderMaskInput)
                && java.util.Objects.equals(v.encoderMaskInput, encoderMaskInput);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(LuongAttentionVertex.class, decoderMaskInput, encoderMaskInput, includeQuery);
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 3;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                       INDArray paramsView, boolean initializeParams,
                                                                       DataType networkDatatype) {
        return new LuongAttentionGraphVertex(graph, name, idx, decoderMaskInput, encoderMaskInput, includeQuery,
                networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        if (inputs.length < 2 || inputs.length > 3) {
            throw new InvalidInputTypeException("Luong attention takes 2 or 3 inputs, got " + inputs.length);
        }
        for (InputType t : inputs) {
            if (!(t instanceof InputType.InputTypeRecurrent)) {
                throw new InvalidInputTypeException("Luong attention inputs must be recurrent, got " + t);
            }
        }
        InputType.InputTypeRecurrent query = (InputType.InputTypeRecurrent) inputs[0];
        InputType.InputTypeRecurrent keys = (InputType.InputTypeRecurrent) inputs[1];
        InputType.InputTypeRecurrent values = (InputType.InputTypeRecurrent) inputs[inputs.length - 1];
        if (query.getSize() != keys.getSize()) {
            throw new InvalidInputTypeException("decoder states (" + query.getSize() + ") and keys (" + keys.getSize()
                    + ") must have the same width for the dot score");
        }
        long width = values.getSize() + (includeQuery ? query.getSize() : 0);
        return InputType.recurrent(width, query.getTimeSeriesLength(), query.getFormat());
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        return new LayerMemoryReport.Builder(null, LuongAttentionVertex.class, inputTypes[0], out)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public String toString() {
        return "LuongAttentionVertex(decoderMaskInput=" + decoderMaskInput + ", encoderMaskInput=" + encoderMaskInput
                + ", includeQuery=" + includeQuery + ")";
    }
}
