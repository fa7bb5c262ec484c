/**
 * The tasks SeqPipe runs ({@link io.seqpipe.tasks.Tasks}): each is a {@link io.seqpipe.tasks.Task} with four jobs
 * (prepare, train, evaluate, score) over its validated config; one subpackage per task family. Every task's
 * {@code train} is {@link io.seqpipe.tasks.TrainStep}, around what the task supplies as a
 * {@link io.seqpipe.tasks.TrainingRecipe} (its examples, network, minibatches, validator and model files); it returns a
 * {@link io.seqpipe.tasks.TrainReport}. What every task's
 * {@code score} shares: the prediction file formats ({@link io.seqpipe.tasks.PredictionFormat}) and their writer
 * ({@link io.seqpipe.tasks.PredictionFiles}).
 *
 * <p>Every task's {@code prepare} runs in {@link io.seqpipe.tasks.PrepareStep} (atomic output, resolved config,
 * rejects, {@code summary.json}, commit); tasks with labelled splits hand their reader, vocabularies and encoding to
 * {@link io.seqpipe.tasks.LabelledSplits}, which owns the splits, their counts and their frames. Rejects are counted
 * and listed one way, by {@link io.seqpipe.tasks.RejectsAccounting}. Every task's {@code evaluate} and {@code score}
 * run in {@link io.seqpipe.tasks.InferenceStep} (input check, model load, atomic output, rejects, {@code metrics.json}
 * and history or {@code summary.json}, commit) around the task's body. A task class is a
 * {@link io.seqpipe.tasks.StepTask}: its config record ({@link io.seqpipe.tasks.StepConfig}) and four job references.
 *
 * <p>What the tasks with a word embedding share (tagging and sentiment): pretrained vectors
 * ({@link io.seqpipe.tasks.PretrainedEmbeddings}, {@code model.embeddings.*}) and the character ids of a
 * character-level word encoder ({@link io.seqpipe.tasks.CharacterIds}, {@link io.seqpipe.tasks.CharacterColumn},
 * {@code model.chars.*}).
 */
package io.seqpipe.tasks;
