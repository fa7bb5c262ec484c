/**
 * Translation metrics, pure and mergeable: corpus BLEU ({@link io.seqpipe.translation.metrics.Bleu}: sacreBLEU 2.x's
 * default definition with its 13a tokenizer, or HuggingFace evaluate's "bleu" on pre-tokenized text) and chrF
 * ({@link io.seqpipe.translation.metrics.Chrf}: sacreBLEU's chrF2). Each sentence adds integer counts to
 * {@link io.seqpipe.translation.metrics.BleuStatistics} / {@link io.seqpipe.translation.metrics.ChrfStatistics}; Spark
 * partitions merge theirs, so the distributed score equals the single-machine score exactly.
 */
package io.seqpipe.translation.metrics;
