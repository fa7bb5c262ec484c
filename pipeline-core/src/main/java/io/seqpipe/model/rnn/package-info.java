/**
 * Plumbing shared by SeqPipe's hand-written DL4J recurrent layers ({@link io.seqpipe.model.gru.Gru},
 * {@link io.seqpipe.model.lstm.Lstm}): instantiation, per-parameter constraints, the memory report, and the
 * single-precision step kernels' shared functions ({@link io.seqpipe.model.rnn.FloatKernels}).
 */
package io.seqpipe.model.rnn;
