package io.seqpipe.model.attention;

import io.seqpipe.model.MaskedTimeDistributed;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * Wires Luong attention (Luong, Pham and Manning 2015) into a graph: the score ({@link Score#DOT}
 * {@code h_t · h_s} or {@link Score#GENERAL} {@code h_tᵀ W_a h_s}), the {@link LuongAttentionVertex} that computes
 * the masked weights and context vectors, and optionally the attentional hidden state
 * {@code h̃_t = tanh(W_c [c_t; h_t])}. {@code W_a} and {@code W_c} are bias-free time-distributed dense layers, as in
 * the paper ({@link MaskedTimeDistributed}: DL4J's own wrapper misplaces masks).
 */
public final class LuongAttention {
    public enum Score { DOT, GENERAL }

    private LuongAttention() {
    }

    /**
     * The vertices added by {@link #add}.
     *
     * @param output the vertex to build on: {@code [batch, width, Td]}, masked like the decoder
     * @param width  its feature width
     */
    public record Wiring(String output, int width) {
    }

    /**
     * Adds attention named {@code name} over {@code encoderOutputs} for the decoder states {@code decoderStates}.
     *
     * @param decoderMaskInput  the graph input whose mask marks real decoder steps
     * @param encoderMaskInput  the graph input whose mask marks real source steps
     * @param attentionalWidth  the width of {@code tanh(W_c [c; h])}, or 0 for the plain {@code [c; h]}
     */
    public static Wiring add(ComputationGraphConfiguration.GraphBuilder g, String name, Score score,
                             String decoderStates, int decoderWidth, String encoderOutputs, int encoderWidth,
                             String decoderMaskInput, String encoderMaskInput, int attentionalWidth) {
        if (attentionalWidth < 0) {
            throw new IllegalArgumentException("attentional width must be >= 0, got " + attentionalWidth);
        }
        LuongAttentionVertex vertex = new LuongAttentionVertex(decoderMaskInput, encoderMaskInput, true);
        if (score == Score.DOT) {
            if (decoderWidth != encoderWidth) {
                throw new IllegalArgumentException("dot attention needs decoder width " + decoderWidth
                        + " = encoder width " + encoderWidth + "; use the general score");
            }
            g.addVertex(name, vertex, decoderStates, encoderOutputs);
        } else {
            String keys = name + "_keys";
            g.addLayer(keys, timeDistributedDense(encoderWidth, decoderWidth, Activation.IDENTITY), encoderOutputs);
            g.addVertex(name, vertex, decoderStates, keys, encoderOutputs);
        }
        int width = encoderWidth + decoderWidth;
        if (attentionalWidth == 0) {
            return new Wiring(name, width);
        }
        String hidden = name + "_hidden";
        g.addLayer(hidden, timeDistributedDense(width, attentionalWidth, Activation.TANH), name);
        return new Wiring(hidden, attentionalWidth);
    }

    /** A bias-free dense layer applied at every time step of an NCW time series. */
    static MaskedTimeDistributed timeDistributedDense(int nIn, int nOut, Activation activation) {
        return new MaskedTimeDistributed(new DenseLayer.Builder().nIn(nIn).nOut(nOut).hasBias(false).activation(activation)
                .build(), RNNFormat.NCW);
    }
}
