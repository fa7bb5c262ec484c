package io.seqpipe.eval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ROC curve of a binary classifier, from counts of positive and negative examples per score bin: mergeable, so
 * each partition fills one and the driver adds them, and its size does not grow with the data. Scores are
 * probabilities in [0, 1] cut into {@code bins} equal bins; every bin boundary is one threshold, so the curve is exact
 * for scores that fall into distinct bins and joins ties within a bin by a straight segment (as ties are joined on an
 * exact ROC curve).
 */
public final class RocCurve implements Serializable {
    /** The bins evaluate uses: thresholds 0.001 apart. */
    public static final int DEFAULT_BINS = 1000;

    private final long[] positives;
    private final long[] negatives;

    public RocCurve(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        positives = new long[bins];
        negatives = new long[bins];
    }

    /** Counts one example with the positive class's score {@code score}; a score outside [0, 1] is clamped. */
    public RocCurve add(double score, boolean positive) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score is NaN");
        }
        int bins = positives.length;
        int bin = (int) Math.min(bins - 1, Math.max(0, Math.floor(score * bins)));
        if (positive) {
            positives[bin]++;
        } else {
            negatives[bin]++;
        }
        return this;
    }

    /** Adds {@code other}'s counts into this one (same number of bins). */
    public RocCurve merge(RocCurve other) {
        if (other.positives.length != positives.length) {
            throw new IllegalArgumentException("cannot merge ROC counts of " + other.positives.length + " bins into "
                    + positives.length);
        }
        for (int i = 0; i < positives.length; i++) {
            positives[i] += other.positives[i];
            negatives[i] += other.negatives[i];
        }
        return this;
    }

    public long positives() {
        return Arrays.stream(positives).sum();
    }

    public long negatives() {
        return Arrays.stream(negatives).sum();
    }

    /** Whether both classes occur, so that the curve is defined. */
    public boolean defined() {
        return positives() > 0 && negatives() > 0;
    }

    /** One point of the curve: false and true positive rate when predicting positive for scores at or above a bin. */
    public record Point(double falsePositiveRate, double truePositiveRate) {
    }

    /**
     * The curve from (0, 0) to (1, 1), thresholds from the highest bin down; only the bins that hold examples add a
     * point. Empty when {@link #defined()} is false.
     */
    public List<Point> points() {
        if (!defined()) {
            return List.of();
        }
        double p = positives();
        double n = negatives();
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, 0));
        long tp = 0;
        long fp = 0;
        for (int bin = positives.length - 1; bin >= 0; bin--) {
            if (positives[bin] == 0 && negatives[bin] == 0) {
                continue;
            }
            tp += positives[bin];
            fp += negatives[bin];
            points.add(new Point(fp / n, tp / p));
        }
        return List.copyOf(points);
    }

    /** The area under {@link #points()} by the trapezoid rule; NaN when the curve is not defined. */
    public double area() {
        List<Point> pts = points();
        if (pts.isEmpty()) {
            return Double.NaN;
        }
        double area = 0;
        for (int i = 1; i < pts.size(); i++) {
            Point a = pts.get(i - 1);
            Point b = pts.get(i);
            area += (b.falsePositiveRate() - a.falsePositiveRate()) * (a.truePositiveRate() + b.truePositiveRate()) / 2;
        }
        return area;
    }
}
