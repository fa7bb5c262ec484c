/**
 * SeqPipe's LSTM layer for DL4J 1.0.0-M2.1, written for speed on small minibatches: the configuration
 * {@link io.seqpipe.model.lstm.Lstm}, the parameter layout {@link io.seqpipe.model.lstm.LstmParamInitializer}, the
 * computation {@link io.seqpipe.model.lstm.LstmLayer} with its kept working arrays
 * {@link io.seqpipe.model.lstm.LstmBuffers}, and the single-precision elementwise kernels
 * {@link io.seqpipe.model.lstm.LstmKernels}. DL4J's own {@code LSTM} spends most of its time dispatching small ND4J
 * operations (about 30 per time step forward and 60 backward, each a few microseconds of overhead, plus the whole
 * forward pass again inside backpropagation); this layer does one matrix product per step forward (all gates and the
 * bias) and two backward, keeps every per-step operand contiguous, reuses the training forward pass in
 * backpropagation, and in single precision does a step's elementwise work in Java SIMD loops instead of ND4J
 * operations. The equations are DL4J's {@code LSTM} without peepholes (tested equal to it, parameter for parameter).
 * It works in {@code MultiLayerNetwork} and {@code ComputationGraph}, with features masks, any sequence length,
 * {@code rnnTimeStep} and truncated BPTT, and serializes like DL4J's own layers.
 */
package io.seqpipe.model.lstm;
