package io.seqpipe.forecast;

import java.io.Serializable;

/**
 * What the network sees of one target column in one window, after the series-level transforms and the scaler:
 * optional differences within the window ({@code differenceLag} steps apart), then the subtraction of the window's
 * level (its last or its mean lookback value). Inverted on every forecast: the level is added back, then the
 * differences are summed up from the window's own last lookback values. Pure; values are in scaled units.
 *
 * <p>With differencing, the first {@code differenceLag} lookback steps have no earlier value inside the window: their
 * network input is 0, and the level is taken over the other steps.
 *
 * @param level         what is subtracted from every input and label of the window
 * @param differenceLag the differencing lag (0: no differencing; 1: first differences; m: seasonal differences)
 */
public record WindowNormalization(Level level, int differenceLag) implements Serializable {

    /** The per-window level. */
    public enum Level {
        /** nothing is subtracted */
        NONE,
        /** the last (differenced) lookback value */
        LAST,
        /** the mean of the (differenced) lookback values */
        MEAN
    }

    public WindowNormalization {
        if (differenceLag < 0) {
            throw new IllegalArgumentException("differenceLag must be >= 0, got " + differenceLag);
        }
    }

    /** Whether the network sees the scaled values unchanged. */
    public boolean isIdentity() {
        return level == Level.NONE && differenceLag == 0;
    }

    /** The network inputs of a lookback of {@code L} values (same length). */
    public double[] inputs(double[] lookback) {
        double[] d = differenced(lookback);
        double base = level(d);
        for (int t = differenceLag; t < d.length; t++) {
            d[t] -= base;
        }
        return d;
    }

    /** The labels of the {@code H} values {@code future} following {@code lookback}. */
    public double[] labels(double[] lookback, double[] future) {
        double base = level(differenced(lookback));
        double[] out = new double[future.length];
        for (int h = 0; h < out.length; h++) {
            out[h] = future[h] - (differenceLag == 0 ? 0 : before(lookback, future, h)) - base;
        }
        return out;
    }

    /** The {@code H} values that network outputs (as {@link #labels}) stand for: the inverse of {@link #labels}. */
    public double[] invert(double[] lookback, double[] outputs) {
        double base = level(differenced(lookback));
        double[] out = new double[outputs.length];
        for (int h = 0; h < out.length; h++) {
            out[h] = outputs[h] + base + (differenceLag == 0 ? 0 : before(lookback, out, h));
        }
        return out;
    }

    /** The value {@code differenceLag} steps before future step {@code h}: in the lookback or earlier in future. */
    private double before(double[] lookback, double[] future, int h) {
        return h < differenceLag ? lookback[lookback.length - differenceLag + h] : future[h - differenceLag];
    }

    private double[] differenced(double[] lookback) {
        if (differenceLag >= lookback.length) {
            throw new IllegalArgumentException("a difference lag of " + differenceLag + " needs a lookback of more"
                    + " steps, got " + lookback.length);
        }
        double[] d = new double[lookback.length];
        for (int t = differenceLag; t < d.length; t++) {
            d[t] = differenceLag == 0 ? lookback[t] : lookback[t] - lookback[t - differenceLag];
        }
        return d;
    }

    private double level(double[] differenced) {
        switch (level) {
            case LAST:
                return differenced[differenced.length - 1];
            case MEAN:
                double sum = 0;
                for (int t = differenceLag; t < differenced.length; t++) {
                    sum += differenced[t];
                }
                return sum / (differenced.length - differenceLag);
            default:
                return 0;
        }
    }
}
