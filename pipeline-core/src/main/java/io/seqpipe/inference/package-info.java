/**
 * Inference on executors: {@link io.seqpipe.inference.ModelBytes} (the serialized network that is broadcast once),
 * {@link io.seqpipe.inference.NetworkShape} (its layer sizes, checked on the driver against the model directory's
 * vocabularies and labels before anything is broadcast) and {@link io.seqpipe.inference.BatchedPredictor}, which
 * scores a partition in bounded-memory minibatches.
 */
package io.seqpipe.inference;
