/**
 * A linear-chain conditional random field output layer for the taggers ({@code model.output = crf}), with a
 * hand-written backward pass: the math ({@link io.seqpipe.model.crf.LinearChainCrf}: log-partition by the forward
 * algorithm, negative log-likelihood and its forward-backward gradient, Viterbi decoding), optional
 * {@link io.seqpipe.model.crf.TransitionConstraints} that forbid tag transitions, and the DL4J layer: configuration
 * {@link io.seqpipe.model.crf.CrfOutput}, parameters {@link io.seqpipe.model.crf.CrfParamInitializer}, computation
 * {@link io.seqpipe.model.crf.CrfOutputLayer}. The layer works in a {@code ComputationGraph} with masks, trains with
 * parameter averaging like any dense layer (plain parameters, no state) and serializes with the network. No Spark.
 */
package io.seqpipe.model.crf;
