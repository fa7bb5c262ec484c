/**
 * Language modelling (task {@code lm}), the Spark side: {@link io.seqpipe.tasks.lm.PrepareLmData} reads a plain-text
 * corpus (or, with {@code split.by = files}, one corpus per split) ({@link io.seqpipe.tasks.lm.LmCorpus}: one document per file or per line, rejects with file and line),
 * builds the unit vocabulary from the training split's counts, places every unit at its offset in document order and
 * cuts each split into training sequences across partitions ({@link io.seqpipe.tasks.lm.DistributedCut}), equal to
 * one pass of {@link io.seqpipe.lm.SequenceCutter}. {@link io.seqpipe.tasks.lm.TrainLm} fits the language model on
 * those sequences ({@link io.seqpipe.tasks.lm.LmBatches}: one-hot next-unit targets, each target counted once) and
 * validates it by cross-entropy per target on the validation sequences. {@link io.seqpipe.tasks.lm.EvaluateLm} scores a
 * held-out stream with the state carried across segments, chunk by chunk, beside the n-gram baselines.
 * {@link io.seqpipe.tasks.lm.ScoreLm} continues prompts one unit at a time with the state carried, each unit drawn by
 * {@link io.seqpipe.lm.sampling.NextTokenSampler} from a per-prompt seeded stream; with {@code score.mode =
 * likelihood}, {@link io.seqpipe.tasks.lm.ScoreLmLikelihood} gives each document's log-likelihood and perplexity
 * instead. {@link io.seqpipe.tasks.lm.LmTask} registers the four steps as {@code task = lm}. Configured by
 * {@link io.seqpipe.tasks.lm.LmTaskConfig}. The Spark-free data logic it runs is in {@code io.seqpipe.lm}.
 */
package io.seqpipe.tasks.lm;
