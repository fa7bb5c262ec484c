/**
 * {@code task = translation}: parallel corpora → encoder-decoder with Luong attention trained by parameter averaging →
 * greedy/beam decoding on the executors → corpus BLEU, chrF and perplexity from statistics summed over partitions.
 * The pure parts (tokenization, encoding, metrics, search) live in {@code io.seqpipe.translation}.
 */
package io.seqpipe.tasks.translation;
