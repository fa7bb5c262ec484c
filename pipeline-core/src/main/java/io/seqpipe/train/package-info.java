/**
 * Distributed training: {@link io.seqpipe.train.ParameterAveragingTrainer} fits DL4J networks with dl4j-spark's
 * parameter averaging, reshuffling each epoch with a seed, validating, early stopping and reporting progress to
 * {@link io.seqpipe.train.TrainingListener}s; {@link io.seqpipe.train.EarlyStoppingPolicy} decides (pure) which epoch
 * is kept and when to stop. {@link io.seqpipe.train.CheckpointStore} writes and finds checkpoints
 * ({@link io.seqpipe.train.TrainingCheckpoint}) so that a lost driver can be resumed;
 * {@link io.seqpipe.train.ExecutorParticipation} counts the minibatches each executor fitted.
 * {@link io.seqpipe.train.BatchAssembler} builds minibatches (pure). After each averaging round the driver combines the
 * workers' parameters as {@link io.seqpipe.train.AveragingScheme} says: plain averaging, or block momentum
 * ({@link io.seqpipe.train.BlockMomentum}, pure); {@link io.seqpipe.train.LearningRateScaling} sets the workers'
 * learning rate by their number.
 */
package io.seqpipe.train;
