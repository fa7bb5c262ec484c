/**
 * Inference, without Spark: the typed boundary between a task's records and its network
 * ({@link io.seqpipe.inference.InferenceAdapter}: inputs → {@link io.seqpipe.inference.NetworkInputs}, outputs →
 * one prediction per input), lazy bounded-memory prediction of a partition with each prediction paired with its input
 * ({@link io.seqpipe.inference.BatchedPredictions}, {@link io.seqpipe.inference.Batching},
 * {@link io.seqpipe.inference.Prediction}), {@link io.seqpipe.model.ModelBytes} (the serialized network that is
 * broadcast once) and {@link io.seqpipe.inference.NetworkShape} (its layer sizes, checked on the driver against the
 * model directory's vocabularies and labels before anything is broadcast). {@code io.seqpipe.spark.BroadcastModel}
 * runs an adapter over an RDD.
 */
package io.seqpipe.inference;
