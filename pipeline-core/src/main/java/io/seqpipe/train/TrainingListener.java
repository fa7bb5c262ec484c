package io.seqpipe.train;

/**
 * Receives training progress on the driver. {@link ProgressLogger} logs it; {@link TrainingHistory} keeps it for the
 * model's provenance. Implementations must be cheap unless they mean to cost time (a benchmark that validates every few
 * rounds): they run on the driver between rounds and epochs.
 */
public interface TrainingListener {
    default void onTrainingStart(int epochs, long examplesPerEpoch) {
    }

    /** Progress within an epoch: {@code seen} of {@code total} examples fitted so far, the current loss. */
    default void onProgress(int epoch, long seen, long total, double loss, double epochSeconds, double elapsedSeconds) {
    }

    /** After every averaging round (including an epoch's last, before its validation). */
    default void onRoundEnd(RoundEnd round) {
    }

    default void onEpochEnd(EpochStats stats, int epochsPlanned, double elapsedSeconds) {
    }

    default void onEarlyStop(int epoch, int bestEpoch, String reason) {
    }

    default void onTrainingEnd(int epochsRun, double seconds) {
    }

    /**
     * Asked after every round: a non-null reason ends training there (for example, a benchmark's target reached). The
     * round's epoch is then closed as if it had ended (validated when there is validation data) and the run returns.
     */
    default String stopRequested() {
        return null;
    }
}
