package io.seqpipe.train;

import java.util.ArrayList;
import java.util.List;

/** Keeps every epoch's stats for the training summary and the model's provenance. */
public final class TrainingHistory implements TrainingListener {
    private final List<EpochStats> epochs = new ArrayList<>();
    private String earlyStop;

    @Override
    public void onEpochEnd(EpochStats stats, int epochsPlanned, double elapsedSeconds) {
        epochs.add(stats);
    }

    @Override
    public void onEarlyStop(int epoch, int bestEpoch, String reason) {
        earlyStop = "after epoch " + epoch + ": " + reason + "; kept epoch " + bestEpoch;
    }

    public List<EpochStats> epochs() {
        return List.copyOf(epochs);
    }

    /** Null when training ran all planned epochs. */
    public String earlyStop() {
        return earlyStop;
    }
}
