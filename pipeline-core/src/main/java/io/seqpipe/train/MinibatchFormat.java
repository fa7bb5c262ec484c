package io.seqpipe.train;

import org.nd4j.linalg.dataset.DataSet;

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

    /** One minibatch of {@code examples}, with features and labels masks where the task has sequences. */
    DataSet minibatch(List<E> examples);
}
