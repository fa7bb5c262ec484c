package io.seqpipe.model;

import io.seqpipe.model.crf.TransitionConstraints;

import java.io.Serializable;

/**
 * The per-step output layer of a {@link NetworkFactory#tokenTagger}: a softmax over the tags at every step
 * (DL4J's {@code RnnOutputLayer}, cross-entropy per token, argmax decoding) or a linear-chain CRF
 * ({@link io.seqpipe.model.crf.CrfOutput}: sentence-level NLL, Viterbi decoding), optionally with transitions
 * forbidden in training and decoding.
 *
 * @param output      the kind of output layer ({@code model.output})
 * @param constraints for {@link Output#CRF}: the forbidden transitions, or null for none; null for softmax
 */
public record TaggerHead(Output output, TransitionConstraints constraints) implements Serializable {

    /** {@code model.output}: softmax | crf. */
    public enum Output { SOFTMAX, CRF }

    public TaggerHead {
        if (output == Output.SOFTMAX && constraints != null) {
            throw new IllegalArgumentException("transition constraints need model.output = crf");
        }
    }

    /** The per-step softmax. */
    public static TaggerHead softmax() {
        return new TaggerHead(Output.SOFTMAX, null);
    }

    /** A CRF, with {@code constraints} (null: none). */
    public static TaggerHead crf(TransitionConstraints constraints) {
        return new TaggerHead(Output.CRF, constraints);
    }
}
