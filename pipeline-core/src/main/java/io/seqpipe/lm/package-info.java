/**
 * The data side of language modelling, Spark-free: a corpus becomes a stream of units (characters as Unicode code
 * points, or words) with a boundary symbol between documents ({@link io.seqpipe.lm.UnitTokenizer}); the units are
 * counted ({@link io.seqpipe.lm.UnitCounts}, mergeable across partitions) into a vocabulary
 * ({@link io.seqpipe.lm.LmVocabulary}); the corpus is split into train, validation and test at unit offsets or
 * between whole documents ({@link io.seqpipe.lm.LmSplit}); a split's stream is cut into fixed-length training
 * sequences with next-unit targets and a mask of the targets each sequence counts
 * ({@link io.seqpipe.lm.SequenceCutter}), or, for evaluation with the recurrent state carried across, into
 * consecutive segments that tile it ({@link io.seqpipe.lm.Segments}). {@link io.seqpipe.lm.LmDataConfig} reads the
 * settings ({@code lm.*}, {@code input.*}, {@code vocabulary.*}, {@code tokenizer.*}, {@code split.*}). No Spark,
 * Hadoop or IO here: the Spark adapters sit on top.
 */
package io.seqpipe.lm;
