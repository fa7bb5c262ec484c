/**
 * Pure text processing: {@link io.seqpipe.text.WordTokenizer}, {@link io.seqpipe.text.Vocabulary} and its
 * {@link io.seqpipe.text.VocabularyBuilder}, {@link io.seqpipe.text.LabelIndex},
 * {@link io.seqpipe.text.SequencePadder}, and {@link io.seqpipe.text.TextEncoder} that chains them. No Spark here.
 */
package io.seqpipe.text;
