/**
 * Distributed training: {@link io.seqpipe.train.ParameterAveragingTrainer} fits DL4J networks with dl4j-spark's
 * parameter averaging, reshuffling each epoch with a seed, validating, early stopping and reporting progress to
 * {@link io.seqpipe.train.TrainingListener}s. {@link io.seqpipe.train.BatchAssembler} builds minibatches (pure).
 */
package io.seqpipe.train;
