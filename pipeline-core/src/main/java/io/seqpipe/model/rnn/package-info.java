/**
 * Plumbing shared by SeqPipe's hand-written DL4J recurrent layers ({@link io.seqpipe.model.gru.Gru},
 * {@link io.seqpipe.model.lstm.Lstm}): instantiation, per-parameter constraints and the memory report.
 */
package io.seqpipe.model.rnn;
