package io.seqpipe.train;

/**
 * Receives training progress on the driver. {@link ProgressLogger} logs it; {@link TrainingHistory} keeps it for the
 * model's provenance. Implementations must be cheap: they run between epochs.
 */
public interface TrainingListener {
    default void onTrainingStart(int epochs, long examplesPerEpoch) {
    }

    default void onEpochEnd(EpochStats stats, int epochsPlanned, double elapsedSeconds) {
    }

    default void onEarlyStop(int epoch, int bestEpoch, String reason) {
    }

    default void onTrainingEnd(int epochsRun, double seconds) {
    }
}
