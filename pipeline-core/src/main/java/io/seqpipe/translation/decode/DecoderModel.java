package io.seqpipe.translation.decode;

import java.util.List;

/**
 * One step of an autoregressive decoder over a batch of partial hypotheses, whatever computes it (a DL4J graph run
 * step by step with stored state, or a test's hand-made table). The search calls {@link #step} once per output
 * position with every live hypothesis of every sentence in the batch, so the encoder runs once and each decoder step
 * is one batched call.
 *
 * @param <S> the decoder state of one hypothesis (e.g. recurrent state rows plus the index of its source sentence);
 *            immutable, since hypotheses that share a prefix share it
 */
public interface DecoderModel<S> {

    /** The next-token log-probabilities of one hypothesis and its state after consuming its last token. */
    record Step<S>(double[] logProbs, S state) {
    }

    /**
     * Feeds each hypothesis its last token ({@code <s>} at the first step) and returns, in the same order, the
     * log-probabilities of the next token over the whole target vocabulary and the state after that token.
     */
    List<Step<S>> step(List<S> states, int[] lastTokens);
}
