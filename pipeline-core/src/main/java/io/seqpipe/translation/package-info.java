/**
 * Pure building blocks of the translation task: reading parallel text ({@link io.seqpipe.translation.ParallelText}:
 * line-aligned file pairs, with a {@link io.seqpipe.translation.MisalignedCorpusException} naming both files and
 * counts, or tab-separated pairs), language-aware tokenization used at prepare and scoring time
 * ({@link io.seqpipe.translation.TranslationTokenizer}), source/target vocabularies with {@code <pad>}/{@code <unk>}/
 * {@code <s>}/{@code </s>} ({@link io.seqpipe.translation.TranslationVocabularies}), filtering and encoding of pairs
 * with counted rejects ({@link io.seqpipe.translation.PairEncoder}, {@link io.seqpipe.translation.PairFilterCounts})
 * and two-input minibatches with masks ({@link io.seqpipe.translation.TranslationBatch}). The Spark reader is
 * {@code io.seqpipe.tasks.translation.ParallelCorpusSource}; metrics are in {@code io.seqpipe.translation.metrics}.
 */
package io.seqpipe.translation;
