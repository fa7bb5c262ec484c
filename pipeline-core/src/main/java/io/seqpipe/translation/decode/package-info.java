/**
 * Decoding for translation: greedy and beam search ({@link io.seqpipe.translation.decode.BeamSearch}, with beam size,
 * length normalization and maximum length from {@link io.seqpipe.translation.decode.SearchSettings}) over any
 * {@link io.seqpipe.translation.decode.DecoderModel}, one batched decoder step per output position. Pure.
 */
package io.seqpipe.translation.decode;
