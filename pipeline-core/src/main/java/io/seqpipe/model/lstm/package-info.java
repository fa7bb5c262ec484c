/**
 * SeqPipe's LSTM layer for DL4J 1.0.0-M2.1, written for speed on small minibatches: the configuration
 * {@link io.seqpipe.model.lstm.Lstm}, the parameter layout {@link io.seqpipe.model.lstm.LstmParamInitializer} and the
 * computation {@link io.seqpipe.model.lstm.LstmLayer}. DL4J's own {@code LSTM} spends most of its time dispatching
 * small ND4J operations (about 30 per time step forward and 60 backward, each a few microseconds of overhead, plus
 * the whole forward pass again inside backpropagation); this layer does the input projection of all steps as one
 * matrix product, needs 8 operations per step forward and 7 backward, precomputes every gate derivative in a handful
 * of whole-sequence operations, and reuses the training forward pass in backpropagation. The equations are DL4J's
 * {@code LSTM} without peepholes (tested equal to it, parameter for parameter). It works in
 * {@code MultiLayerNetwork} and {@code ComputationGraph}, with features masks, any sequence length, {@code rnnTimeStep}
 * and truncated BPTT, and serializes like DL4J's own layers.
 */
package io.seqpipe.model.lstm;
