/**
 * Inference on executors: {@link io.seqpipe.inference.ModelBytes} (the serialized network that is broadcast once)
 * and {@link io.seqpipe.inference.BatchedPredictor}, which scores a partition in bounded-memory minibatches.
 */
package io.seqpipe.inference;
