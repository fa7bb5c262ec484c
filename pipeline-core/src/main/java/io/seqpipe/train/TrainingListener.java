package io.seqpipe.train;

/**
 * Receives training progress on the driver. {@link ProgressLogger} logs it; {@link TrainingHistory} keeps it for the
 * model's provenance. Implementations must be cheap: they run between epochs.
 */
public interface TrainingListener {
    default void onTrainingStart(int epochs, long examplesPerEpoch) {
    }

    /** Progress within an epoch: {@code seen} of {@code total} examples fitted so far, the current loss. */
    default void onProgress(int epoch, long seen, long total, double loss, double epochSeconds, double elapsedSeconds) {
    }

    default void onEpochEnd(EpochStats stats, int epochsPlanned, double elapsedSeconds) {
    }

    default void onEarlyStop(int epoch, int bestEpoch, String reason) {
    }

    default void onTrainingEnd(int epochsRun, double seconds) {
    }
}
