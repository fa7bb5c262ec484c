package io.seqpipe.train;

import io.seqpipe.config.ConfigReader;

import java.io.Serializable;

/**
 * How the per-epoch validation metric chooses the epoch whose parameters are kept and when training stops (config
 * keys {@code train.earlyStopping.*}, shared by every task; {@link EarlyStoppingPolicy} applies them).
 *
 * @param patience  stop after this many epochs without a better (smoothed) validation score; 0 = never stop early
 * @param minEpochs no epoch before this one is chosen as the best, and training never stops before it (1 = any epoch)
 * @param smoothing weight {@code a} of the exponential moving average {@code s[t] = a·s[t-1] + (1-a)·x[t]} of the raw
 *                  validation scores {@code x} that selection and stopping compare ({@code s[1] = x[1]}); 0 = the raw
 *                  scores. The kept parameters are those of the epoch with the best smoothed score.
 */
public record EarlyStopping(int patience, int minEpochs, double smoothing) implements Serializable {

    /** The largest smoothing weight accepted: at 0.99 the average already remembers about 100 epochs. */
    public static final double MAX_SMOOTHING = 0.99;

    public EarlyStopping {
        ConfigReader.check(patience >= 0, "train.earlyStopping.patience", patience, ">= 0");
        ConfigReader.check(minEpochs >= 1, "train.earlyStopping.minEpochs", minEpochs, ">= 1");
        ConfigReader.check(smoothing >= 0 && smoothing <= MAX_SMOOTHING, "train.earlyStopping.smoothing", smoothing,
                "in [0, " + MAX_SMOOTHING + "]");
    }

    /** Raw scores, any epoch may be the best: stops after {@code patience} epochs without improvement. */
    public static EarlyStopping patience(int patience) {
        return new EarlyStopping(patience, 1, 0);
    }

    /** Reads {@code train.earlyStopping.patience}, {@code .minEpochs} and {@code .smoothing}. */
    public static EarlyStopping from(ConfigReader r) {
        return new EarlyStopping(r.integer("train.earlyStopping.patience"),
                r.integer("train.earlyStopping.minEpochs"),
                r.number("train.earlyStopping.smoothing"));
    }

    /** Whether every epoch is a candidate and raw scores decide (selection as before these settings existed). */
    public boolean selectsOnRawScores() {
        return minEpochs == 1 && smoothing == 0;
    }

    /**
     * What a checkpoint must agree on for its best-so-far parameters to stay the right ones: empty when
     * {@link #selectsOnRawScores()}, so that checkpoints written before these settings existed stay resumable.
     * Patience is not part of it: it only decides when to stop, and may change between a run and its resume.
     */
    String fingerprint() {
        return selectsOnRawScores() ? "" : "|earlyStopping.minEpochs=" + minEpochs + "|earlyStopping.smoothing="
                + Double.toString(smoothing);
    }
}
