package io.seqpipe.translation.decode;

/**
 * A decoded output.
 *
 * @param tokens   the generated token ids, without {@code </s>}
 * @param logProb  the sum of the log-probabilities of the generated tokens ({@code </s>} included when finished)
 * @param score    {@code logProb} length-normalized as the settings say: what hypotheses are ranked by
 * @param finished whether it ended with {@code </s>} (else it was cut at the maximum length)
 */
public record Hypothesis(int[] tokens, double logProb, double score, boolean finished) {
}
