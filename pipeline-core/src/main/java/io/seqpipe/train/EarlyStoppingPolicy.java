package io.seqpipe.train;

import java.util.List;

/**
 * The early-stopping decisions of one training run, fed one validation score per epoch (pure; no Spark, no
 * network): whether the epoch just scored is the best so far (its parameters are then kept) and whether training
 * should stop.
 *
 * <ul>
 *   <li>Decisions compare the smoothed score ({@link EarlyStopping#smoothing()}: an exponential moving average over
 *       epochs, the raw score when 0). A NaN score (an epoch that could not be scored) leaves the average where it
 *       was; with smoothing 0 it is NaN itself and never beats a best.</li>
 *   <li>An epoch is the best when it is at least {@link EarlyStopping#minEpochs()} and either no best has a number
 *       yet or its smoothed score is strictly better than the best's. Ties keep the earlier epoch.</li>
 *   <li>Stop when a best exists and {@link EarlyStopping#patience()} epochs (patience &gt; 0) have passed without a
 *       new one; as no best exists before {@code minEpochs}, training never stops before then either.</li>
 * </ul>
 *
 * <p>The state is a function of the scores fed so far, so a resumed run rebuilds it with {@link #replay} from the
 * epoch history a checkpoint stores.
 */
public final class EarlyStoppingPolicy {

    /**
     * What one epoch's score decided.
     *
     * @param epoch    1-based epoch number
     * @param score    the raw validation score
     * @param smoothed the score the decisions compared
     * @param best     this epoch is the best so far: keep its parameters
     * @param stop     stop training after this epoch
     */
    public record Decision(int epoch, double score, double smoothed, boolean best, boolean stop) {
    }

    private final EarlyStopping settings;
    private final boolean higherIsBetter;
    private int epochs;
    private double smoothed = Double.NaN;
    private int bestEpoch;
    private double bestScore = Double.NaN;
    private double bestSmoothed = Double.NaN;
    private int sinceBest;

    public EarlyStoppingPolicy(EarlyStopping settings, boolean higherIsBetter) {
        this.settings = settings;
        this.higherIsBetter = higherIsBetter;
    }

    /** A policy that has been fed {@code scores}, epoch 1 first. */
    public static EarlyStoppingPolicy replay(EarlyStopping settings, boolean higherIsBetter, List<Double> scores) {
        EarlyStoppingPolicy policy = new EarlyStoppingPolicy(settings, higherIsBetter);
        scores.forEach(policy::observe);
        return policy;
    }

    /** Feeds the next epoch's validation score. */
    public Decision observe(double score) {
        epochs++;
        if (settings.smoothing() == 0 || Double.isNaN(smoothed)) {
            smoothed = score;
        } else if (!Double.isNaN(score)) {
            smoothed = settings.smoothing() * smoothed + (1 - settings.smoothing()) * score;
        }
        boolean best = epochs >= settings.minEpochs() && (Double.isNaN(bestSmoothed) || better(smoothed,
                bestSmoothed));
        if (best) {
            bestEpoch = epochs;
            bestScore = score;
            bestSmoothed = smoothed;
            sinceBest = 0;
        } else if (bestEpoch > 0) {
            sinceBest++;
        }
        return new Decision(epochs, score, smoothed, best, shouldStop());
    }

    private boolean better(double candidate, double incumbent) {
        return higherIsBetter ? candidate > incumbent : candidate < incumbent;
    }

    /** Whether training should stop now. */
    public boolean shouldStop() {
        return settings.patience() > 0 && bestEpoch > 0 && sinceBest >= settings.patience();
    }

    /** The epochs scored so far. */
    public int epochs() {
        return epochs;
    }

    /** The best epoch so far (1-based), or 0 while none has been chosen (before {@code minEpochs}). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best epoch's raw score (NaN while none has been chosen). */
    public double bestScore() {
        return bestScore;
    }

    /** The best epoch's smoothed score (NaN while none has been chosen). */
    public double bestSmoothed() {
        return bestSmoothed;
    }

    /** Epochs scored since the best one (0 while none has been chosen). */
    public int sinceBest() {
        return sinceBest;
    }

    /** The current smoothed score (NaN before the first score with a number). */
    public double smoothed() {
        return smoothed;
    }

    /** Why training stops, for the run's summary. */
    public String stopReason(String metricName) {
        String what = settings.smoothing() == 0 ? "validation " + metricName
                : "smoothed validation " + metricName + " (smoothing " + settings.smoothing() + ")";
        return "no improvement of " + what + " for " + sinceBest + " epochs";
    }
}
