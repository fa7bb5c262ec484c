/**
 * The tasks SeqPipe runs ({@link io.seqpipe.tasks.Tasks}): each is a {@link io.seqpipe.tasks.Task} with four jobs
 * (prepare, train, evaluate, score) over its validated config; one subpackage per task family. Every task's
 * {@code train} is {@link io.seqpipe.tasks.TrainStep}, around what the task supplies as a
 * {@link io.seqpipe.tasks.TrainingRecipe} (its examples, network, minibatches, validator and model files); it returns a
 * {@link io.seqpipe.tasks.TrainReport}. What every task's
 * {@code score} shares: the prediction file formats ({@link io.seqpipe.tasks.PredictionFormat}) and their writer
 * ({@link io.seqpipe.tasks.PredictionFiles}).
 */
package io.seqpipe.tasks;
