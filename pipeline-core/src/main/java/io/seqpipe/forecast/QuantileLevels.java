package io.seqpipe.forecast;

import com.typesafe.config.ConfigValueType;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The quantile levels a probabilistic forecaster predicts ({@code model.quantiles}): sorted ascending, distinct, each
 * in (0, 1), with 0.5 among them, whose forecast is the point forecast every point metric reads. Empty: a point
 * forecaster. Symmetric pairs {@code (q, 1 - q)} form the central prediction intervals ({@link #intervals()}) whose
 * nominal coverage is {@code 1 - 2q}.
 *
 * @param levels the levels, ascending
 */
public record QuantileLevels(List<Double> levels) implements Serializable {
    /** The config key that lists the levels. */
    public static final String KEY = "model.quantiles";
    /** No quantiles: a point forecaster. */
    public static final QuantileLevels NONE = new QuantileLevels(List.of());
    /** Two levels closer than this are the same level (0.1 and 1 - 0.9 in binary floating point). */
    private static final double SAME = 1e-9;

    /** A central prediction interval: the forecasts at levels {@code lower} and {@code upper = 1 - lower}. */
    public record Interval(int lowerIndex, int upperIndex, double lower, double upper) implements Serializable {
        /** The fraction of actuals the interval should hold, {@code upper - lower}. */
        public double nominal() {
            return upper - lower;
        }

        /** Its name in metrics and reports, e.g. {@code 0.1-0.9}. */
        public String label() {
            return QuantileLevels.label(lower) + "-" + QuantileLevels.label(upper);
        }
    }

    public QuantileLevels {
        levels = List.copyOf(levels);
        for (int i = 0; i < levels.size(); i++) {
            double q = levels.get(i);
            check(q > 0 && q < 1, "list numbers in (0, 1)", q);
            check(i == 0 || q > levels.get(i - 1), "be sorted ascending without repeats", levels);
        }
        check(levels.isEmpty() || levels.stream().anyMatch(q -> Math.abs(q - 0.5) < SAME),
                "include 0.5 (the median quantile is the point forecast)", levels);
    }

    /**
     * The levels of {@value #KEY}: a list of numbers ({@code [0.1, 0.5, 0.9]}) or one comma-separated string
     * ({@code --set model.quantiles=0.1,0.5,0.9}); the empty list for a point forecaster.
     */
    public static QuantileLevels from(ConfigReader r) {
        List<String> raw = new ArrayList<>();
        if (r.config().hasPath(KEY) && r.config().getValue(KEY).valueType() == ConfigValueType.STRING) {
            for (String part : r.string(KEY).split(",")) {
                if (!part.isBlank()) {
                    raw.add(part.trim());
                }
            }
        } else {
            raw.addAll(r.stringList(KEY));
        }
        List<Double> levels = new ArrayList<>();
        for (String s : raw) {
            try {
                levels.add(Double.parseDouble(s));
            } catch (NumberFormatException e) {
                throw new InvalidConfigException(KEY + " must list numbers in (0, 1), got '" + s + "'");
            }
        }
        return new QuantileLevels(levels);
    }

    /** Levels of an array, for tests and the loss function. */
    public static QuantileLevels of(double... levels) {
        return new QuantileLevels(Arrays.stream(levels).boxed().toList());
    }

    public boolean isEmpty() {
        return levels.isEmpty();
    }

    /** Q, the number of levels. */
    public int count() {
        return levels.size();
    }

    public double level(int i) {
        return levels.get(i);
    }

    public double[] toArray() {
        return levels.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The index of 0.5, whose forecast is the point forecast. */
    public int medianIndex() {
        for (int i = 0; i < levels.size(); i++) {
            if (Math.abs(levels.get(i) - 0.5) < SAME) {
                return i;
            }
        }
        throw new IllegalStateException("no quantile levels");
    }

    /** The central intervals, widest first: each level {@code q < 0.5} whose partner {@code 1 - q} is listed. */
    public List<Interval> intervals() {
        List<Interval> out = new ArrayList<>();
        for (int lo = 0; lo < levels.size() && levels.get(lo) < 0.5 - SAME; lo++) {
            for (int hi = levels.size() - 1; hi > lo; hi--) {
                if (Math.abs(levels.get(lo) + levels.get(hi) - 1) < SAME) {
                    out.add(new Interval(lo, hi, levels.get(lo), levels.get(hi)));
                }
            }
        }
        return out;
    }

    /** The name of level {@code i} in metrics: its shortest decimal, e.g. {@code 0.1}, {@code 0.025}. */
    public String label(int i) {
        return label(levels.get(i));
    }

    static String label(double q) {
        return BigDecimal.valueOf(q).stripTrailingZeros().toPlainString();
    }

    /**
     * Sorts the quantile forecasts {@code [q][h][k]} of every step and target ascending, in place, so that they never
     * cross (a network's separate outputs need not be ordered); returns them.
     */
    public static double[][][] sortEach(double[][][] forecasts) {
        int q = forecasts.length;
        if (q < 2) {
            return forecasts;
        }
        double[] values = new double[q];
        for (int h = 0; h < forecasts[0].length; h++) {
            for (int k = 0; k < forecasts[0][h].length; k++) {
                for (int i = 0; i < q; i++) {
                    values[i] = forecasts[i][h][k];
                }
                Arrays.sort(values);
                for (int i = 0; i < q; i++) {
                    forecasts[i][h][k] = values[i];
                }
            }
        }
        return forecasts;
    }

    private static void check(boolean ok, String requirement, Object got) {
        if (!ok) {
            throw new InvalidConfigException(KEY + " must " + requirement + ", got " + got);
        }
    }
}
