package io.seqpipe.tasks;

import io.seqpipe.provenance.TrainingRun;

/**
 * What {@code train} returns: the committed model, the run as its provenance records it ({@link TrainingRun}) and the
 * loss it ended with. Each task's summary adds its validation metric and prints its own lines.
 */
public interface TrainReport extends ModelReport {
    /** How the model was trained, as written to the provenance's {@code training}. */
    TrainingRun training();

    /** The training loss of the last epoch. */
    double finalLoss();

    /** {@code ", early stop <why>"} for a summary line, or "" when training ran all its epochs. */
    default String earlyStopSuffix() {
        return training().earlyStop() == null ? "" : ", early stop " + training().earlyStop();
    }
}
