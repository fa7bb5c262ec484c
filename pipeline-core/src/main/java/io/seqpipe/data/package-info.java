/**
 * Pure parsing of input files: {@link io.seqpipe.data.DelimitedFormat} describes a delimited file,
 * {@link io.seqpipe.data.DelimitedLineParser} turns one line's bytes into a {@link io.seqpipe.data.TextRecord} or a
 * {@link io.seqpipe.data.Rejection} with a {@link io.seqpipe.data.RejectReason}. The Spark side that reads files is in
 * {@code io.seqpipe.spark}.
 */
package io.seqpipe.data;
