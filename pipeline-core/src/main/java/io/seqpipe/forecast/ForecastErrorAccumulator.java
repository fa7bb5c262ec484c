package io.seqpipe.forecast;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums of forecast errors per horizon step, for one target column; mergeable, so each partition fills its own and
 * the driver adds them up. See {@link ForecastMetrics} for the definitions.
 */
public final class ForecastErrorAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long[] count;
    private final double[] squared;
    private final double[] absolute;
    private final double[] percentage;
    private final long[] percentageCount;
    private final long[] zeroActuals;
    private final double[] symmetric;
    private final double[] scaled;
    private final long[] scaledCount;
    private final long[] unscaled;

    public ForecastErrorAccumulator(int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        count = new long[horizon];
        squared = new double[horizon];
        absolute = new double[horizon];
        percentage = new double[horizon];
        percentageCount = new long[horizon];
        zeroActuals = new long[horizon];
        symmetric = new double[horizon];
        scaled = new double[horizon];
        scaledCount = new long[horizon];
        unscaled = new long[horizon];
    }

    public int horizon() {
        return count.length;
    }

    /**
     * Adds one pair at horizon step {@code step} (0-based). {@code maseScale}: the series' in-sample seasonal-naive
     * MAE; NaN or {@code <= 0} leaves the pair out of MASE (counted).
     */
    public ForecastErrorAccumulator add(int step, double actual, double forecast, double maseScale) {
        double error = forecast - actual;
        double abs = Math.abs(error);
        count[step]++;
        squared[step] += error * error;
        absolute[step] += abs;
        if (actual != 0) {
            percentage[step] += 100 * abs / Math.abs(actual);
            percentageCount[step]++;
        } else {
            zeroActuals[step]++;
        }
        double denominator = Math.abs(actual) + Math.abs(forecast);
        symmetric[step] += denominator == 0 ? 0 : 200 * abs / denominator;
        if (maseScale > 0) {
            scaled[step] += abs / maseScale;
            scaledCount[step]++;
        } else {
            unscaled[step]++;
        }
        return this;
    }

    /** Adds {@code other} into this and returns this. */
    public ForecastErrorAccumulator merge(ForecastErrorAccumulator other) {
        if (other.horizon() != horizon()) {
            throw new IllegalArgumentException("cannot merge horizon " + other.horizon() + " into " + horizon());
        }
        for (int h = 0; h < count.length; h++) {
            count[h] += other.count[h];
            squared[h] += other.squared[h];
            absolute[h] += other.absolute[h];
            percentage[h] += other.percentage[h];
            percentageCount[h] += other.percentageCount[h];
            zeroActuals[h] += other.zeroActuals[h];
            symmetric[h] += other.symmetric[h];
            scaled[h] += other.scaled[h];
            scaledCount[h] += other.scaledCount[h];
            unscaled[h] += other.unscaled[h];
        }
        return this;
    }

    /** Metrics of horizon step {@code step} (0-based). */
    public ForecastMetrics step(int step) {
        return metrics(step, step + 1);
    }

    /** Metrics over all steps (every pair weighs the same). */
    public ForecastMetrics overall() {
        return metrics(0, horizon());
    }

    public HorizonMetrics metrics() {
        List<ForecastMetrics> perStep = new ArrayList<>();
        for (int h = 0; h < horizon(); h++) {
            perStep.add(step(h));
        }
        return new HorizonMetrics(overall(), perStep);
    }

    private ForecastMetrics metrics(int from, int to) {
        long n = 0;
        long nPercentage = 0;
        long zeros = 0;
        long nScaled = 0;
        long skippedScaled = 0;
        double sq = 0;
        double abs = 0;
        double pct = 0;
        double sym = 0;
        double sc = 0;
        for (int h = from; h < to; h++) {
            n += count[h];
            sq += squared[h];
            abs += absolute[h];
            pct += percentage[h];
            nPercentage += percentageCount[h];
            zeros += zeroActuals[h];
            sym += symmetric[h];
            sc += scaled[h];
            nScaled += scaledCount[h];
            skippedScaled += unscaled[h];
        }
        return new ForecastMetrics(n, n == 0 ? Double.NaN : Math.sqrt(sq / n), mean(abs, n), mean(pct, nPercentage),
                zeros, mean(sym, n), mean(sc, nScaled), skippedScaled);
    }

    private static double mean(double sum, long n) {
        return n == 0 ? Double.NaN : sum / n;
    }
}
