package io.seqpipe.inference;

import java.io.Serializable;

/**
 * A prediction paired with the input it was made for ({@link BatchedPredictions} keeps them together through
 * batching, whatever order the batches run in).
 */
public record Prediction<I, P>(I input, P output) implements Serializable {
}
