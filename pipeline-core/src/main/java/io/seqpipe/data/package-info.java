/**
 * Pure parsing of input files: {@link io.seqpipe.data.DelimitedFormat} describes a delimited file,
 * {@link io.seqpipe.data.DelimitedLineParser} turns one line's bytes into a {@link io.seqpipe.data.TextRecord} or a
 * {@link io.seqpipe.data.Rejection} with a {@link io.seqpipe.data.RejectReason}, and
 * {@link io.seqpipe.data.DelimitedFileParser} reads a whole file's lines in order into records (quoted fields that
 * span lines, numbered by their first line);
 * {@link io.seqpipe.data.ClassLayout} and {@link io.seqpipe.data.ClassTextParser} do the same for corpora labelled
 * by file or directory name, and {@link io.seqpipe.data.SeededSplit} assigns records to an exact seeded
 * train/validation/test or k-fold split. The Spark side that reads files is in {@code io.seqpipe.spark}.
 */
package io.seqpipe.data;
