/**
 * N-gram baselines that a language model's perplexity is reported against, fitted and evaluated on the same split,
 * with no Spark.
 *
 * <p>Units are ids in {@code [0, V)} (characters or words, after the task's vocabulary). {@link
 * io.seqpipe.lm.baseline.NgramCounts} counts unigrams and bigrams of the training part and is mergeable, so counts
 * from several partitions summed give the same models. From them: {@link io.seqpipe.lm.baseline.UniformModel},
 * {@link io.seqpipe.lm.baseline.AddOneUnigramModel} and {@link io.seqpipe.lm.baseline.AddOneBigramModel} (Laplace),
 * and {@link io.seqpipe.lm.baseline.KneserNeyBigramModel} (interpolated, absolute discount 0.75 by default);
 * {@link io.seqpipe.lm.baseline.NgramBaseline} names them for metrics.
 *
 * <p>{@link io.seqpipe.lm.baseline.NgramLanguageModel#crossEntropy(int[], int)} evaluates a held-out id stream in
 * nats per unit and perplexity ({@link io.seqpipe.lm.baseline.CrossEntropy}), predicting its first unit without
 * context unless the caller passes one (a boundary id, or the last unit before the held-out part).
 *
 * <p>On Tiny Shakespeare with nanoGPT's split (first 90 % of the characters train, last 10 % validation, the 65
 * characters as units) the validation cross-entropy is: uniform 4.174, unigram add-one 3.347, bigram add-one 2.482
 * and bigram Kneser–Ney (d = 0.75) 2.484 nats per character.
 */
package io.seqpipe.lm.baseline;
