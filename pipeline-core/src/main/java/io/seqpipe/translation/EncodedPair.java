package io.seqpipe.translation;

import java.io.Serializable;

/**
 * A sentence pair as ids, unpadded (masks are built per minibatch by {@link TranslationBatch}).
 *
 * @param line          the pair's line number in its corpus
 * @param source        source token ids
 * @param decoderInput  {@code <s>} followed by the target ids (teacher forcing input)
 * @param decoderOutput the target ids followed by {@code </s>} (what each decoder step must predict)
 */
public record EncodedPair(long line, int[] source, int[] decoderInput, int[] decoderOutput) implements Serializable {
    public EncodedPair {
        if (decoderInput.length != decoderOutput.length) {
            throw new IllegalArgumentException("decoder input and output differ in length: " + decoderInput.length
                    + " vs " + decoderOutput.length);
        }
    }

    /** The number of target tokens (without {@code <s>}/{@code </s>}). */
    public int targetLength() {
        return decoderOutput.length - 1;
    }
}
