package io.seqpipe.train;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.Serializable;
import java.util.List;

/**
 * How the trainer turns a task's examples into DL4J minibatches. Each task has one (many-to-one classification,
 * per-token tagging, ...); the trainer itself knows nothing about what an example holds.
 *
 * @param <E> the task's example type (a record that Kryo can serialize; see {@code SeqPipeKryoRegistrator})
 */
public interface MinibatchFormat<E> extends Serializable {
    /** The example's stable row number: the seeded per-epoch shuffle is a function of (seed, epoch, row). */
    long row(E example);

    /** The example's length in steps, for length bucketing ({@link TrainSettings#lengthBucketPool()}). */
    default int length(E example) {
        return 0;
    }

    /**
     * A training minibatch: formats with randomness in training (e.g. word dropout) draw it from {@code seed}, which
     * the trainer derives from (seed, epoch, round, worker, batch), so a run is reproducible. Default: no randomness.
     */
    default DataSet trainingMinibatch(List<E> examples, long seed) {
        return minibatch(examples);
    }

    /** One minibatch of {@code examples}, with features and labels masks where the task has sequences. */
    DataSet minibatch(List<E> examples);

    /**
     * Whether this format's network has several inputs (e.g. an encoder-decoder's source and target): the trainer
     * then fits {@link #trainingMultiMinibatch} minibatches ({@code SparkComputationGraph.fitMultiDataSet}) instead
     * of {@link #trainingMinibatch} ones.
     */
    default boolean multiInput() {
        return false;
    }

    /** A training minibatch for a multi-input network ({@link #multiInput()}); seeded like {@link #trainingMinibatch}. */
    default MultiDataSet trainingMultiMinibatch(List<E> examples, long seed) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " builds single-input minibatches");
    }
}
