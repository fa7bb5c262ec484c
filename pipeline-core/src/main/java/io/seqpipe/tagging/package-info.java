/**
 * Pure logic for sequence labelling (NER, POS tagging); no Spark here (the Spark reader is
 * {@code io.seqpipe.tasks.tagging.ColumnSentenceSource}).
 * <ul>
 *   <li>Reading column files: {@link io.seqpipe.tagging.ColumnFormat} (CoNLL-2003, CoNLL-U, token/tag columns),
 *       {@link io.seqpipe.tagging.SentenceBlockGrouper} (lines → {@link io.seqpipe.tagging.SentenceBlock}s) and
 *       {@link io.seqpipe.tagging.SentenceBlockParser} (block → {@link io.seqpipe.tagging.TaggedSentence} or
 *       rejections, as a {@link io.seqpipe.tagging.SentenceOutcome}). For these readers
 *       {@code Rejection.offset} is a 1-based line number. {@link io.seqpipe.tagging.SplitSentences} keeps line
 *       numbers and sentences exact when a file is read as several splits.</li>
 *   <li>Tag schemes: {@link io.seqpipe.tagging.TagScheme} (IOB1, IOB2, IOBES, NONE) and
 *       {@link io.seqpipe.tagging.TagSchemeConverter}.</li>
 *   <li>Evaluation: {@link io.seqpipe.tagging.ChunkCounts} (conlleval-exact, mergeable) and
 *       {@link io.seqpipe.tagging.EntityMetrics}; {@link io.seqpipe.tagging.TaggingAccuracy} for POS over a mergeable
 *       {@code io.seqpipe.eval.ConfusionMatrix}.</li>
 *   <li>Word features: {@link io.seqpipe.tagging.CasingFeature}.</li>
 * </ul>
 */
package io.seqpipe.tagging;
