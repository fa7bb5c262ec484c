package io.seqpipe.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per epoch (loss, validation metric, examples/s, elapsed, ETA) and, within an epoch, a progress line
 * at most every {@code minSecondsBetween} seconds.
 */
public final class ProgressLogger implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressLogger.class);
    private final double minSecondsBetween;
    private int epochsPlanned;
    private double lastLine = Double.NEGATIVE_INFINITY;

    public ProgressLogger() {
        this(10);
    }

    public ProgressLogger(double minSecondsBetween) {
        this.minSecondsBetween = minSecondsBetween;
    }

    @Override
    public void onTrainingStart(int epochs, long examplesPerEpoch) {
        epochsPlanned = epochs;
        LOG.info("training: {} epochs of {} examples", epochs, examplesPerEpoch);
    }

    @Override
    public void onProgress(int epoch, long seen, long total, double loss, double epochSeconds, double elapsedSeconds) {
        if (elapsedSeconds - lastLine < minSecondsBetween) {
            return;
        }
        lastLine = elapsedSeconds;
        double rate = seen / Math.max(epochSeconds, 1e-9);
        double epochsDone = epoch - 1 + (double) seen / total;
        double eta = elapsedSeconds / epochsDone * (epochsPlanned - epochsDone);
        LOG.info("epoch {}/{}: {}/{} examples | loss {} | {} examples/s | elapsed {} | ETA {}", epoch, epochsPlanned,
                seen, total, String.format("%.4f", loss), String.format("%.1f", rate), duration(elapsedSeconds),
                duration(eta));
    }

    @Override
    public void onEpochEnd(EpochStats s, int epochsPlanned, double elapsedSeconds) {
        lastLine = elapsedSeconds;
        double eta = elapsedSeconds / s.epoch() * (epochsPlanned - s.epoch());
        LOG.info("epoch {}/{}: loss {} {} | {} examples/s | elapsed {} | ETA {}", s.epoch(), epochsPlanned,
                String.format("%.4f", s.loss()),
                Double.isNaN(s.validation()) ? "" : "| validation " + s.validationName() + " "
                        + String.format("%.4f", s.validation()),
                String.format("%.1f", s.examplesPerSecond()), duration(elapsedSeconds), duration(eta));
    }

    @Override
    public void onEarlyStop(int epoch, int bestEpoch, String reason) {
        LOG.info("early stop after epoch {}: {}; keeping epoch {}", epoch, reason, bestEpoch);
    }

    @Override
    public void onTrainingEnd(int epochsRun, double seconds) {
        LOG.info("training finished: {} epochs in {}", epochsRun, duration(seconds));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm%02ds", s / 3600, s % 3600 / 60, s % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
