package io.seqpipe.tasks;

import io.seqpipe.provenance.TrainingRun;

import java.util.Map;

/**
 * What {@code train} returns: the committed model, the run as its provenance records it ({@link TrainingRun}) and the
 * loss it ended with. Each task's summary adds its validation metric and the names its examples go by.
 */
public interface TrainReport extends ModelReport {
    /** How the model was trained, as written to the provenance's {@code training}. */
    TrainingRun training();

    /** The training loss of the last epoch. */
    double finalLoss();

    default int epochsRun() {
        return training().epochsRun();
    }

    default int bestEpoch() {
        return training().bestEpoch();
    }

    default long parameters() {
        return training().parameters();
    }

    default double seconds() {
        return training().seconds();
    }

    /** Why training stopped early, or null. */
    default String earlyStop() {
        return training().earlyStop();
    }

    /** The checkpoint this run continued from, or null. */
    default String resumedFrom() {
        return training().resumedFrom();
    }

    default int checkpointsWritten() {
        return training().checkpointsWritten();
    }

    /** Executor id@host → minibatches it fitted in this run. */
    default Map<String, Long> minibatchesByExecutor() {
        return training().executors();
    }

    /** {@code ", early stop <why>"} for a summary line, or "" when training ran all its epochs. */
    default String earlyStopSuffix() {
        return earlyStop() == null ? "" : ", early stop " + earlyStop();
    }
}
