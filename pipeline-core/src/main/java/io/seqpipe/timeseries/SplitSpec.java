package io.seqpipe.timeseries;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * How each series is cut chronologically into train, validation and test (config section {@code split}); the same
 * rule is applied to every key.
 * <ul>
 *   <li>{@link Mode#FRACTION}: train is the first {@code round(n * trainFraction)} steps, validation ends at step
 *       {@code round(n * (trainFraction + validationFraction))}, test is the rest.</li>
 *   <li>{@link Mode#TIMESTAMP}: validation starts at the first step at or after {@code validationStart}, test at the
 *       first step at or after {@code testStart}; either may be null (that part is then empty).</li>
 * </ul>
 */
public record SplitSpec(Mode mode, double trainFraction, double validationFraction, LocalDateTime validationStart,
                        LocalDateTime testStart) implements Serializable {

    public enum Mode { FRACTION, TIMESTAMP }

    private static final double SLACK = 1e-9;

    public SplitSpec {
        if (mode == null) {
            throw new InvalidConfigException("split.mode must be fraction or timestamp");
        }
        if (mode == Mode.FRACTION) {
            ConfigReader.check(trainFraction > 0 && trainFraction <= 1, "split.train", trainFraction, "in (0, 1]");
            ConfigReader.check(validationFraction >= 0 && validationFraction < 1, "split.validation",
                    validationFraction, "in [0, 1)");
            ConfigReader.check(trainFraction + validationFraction <= 1 + SLACK, "split.train + split.validation",
                    trainFraction + validationFraction, "<= 1 (test is the rest)");
        } else {
            if (validationStart == null && testStart == null) {
                throw new InvalidConfigException("split.validationStart or split.testStart must be set when"
                        + " split.mode = timestamp");
            }
            if (validationStart != null && testStart != null && testStart.isBefore(validationStart)) {
                throw new InvalidConfigException("split.testStart (" + testStart + ") must not be before"
                        + " split.validationStart (" + validationStart + ")");
            }
        }
    }

    public static SplitSpec byFraction(double train, double validation) {
        return new SplitSpec(Mode.FRACTION, train, validation, null, null);
    }

    public static SplitSpec byTimestamp(LocalDateTime validationStart, LocalDateTime testStart) {
        return new SplitSpec(Mode.TIMESTAMP, Double.NaN, Double.NaN, validationStart, testStart);
    }

    /**
     * Reads {@code <prefix>.mode}, {@code .train} and {@code .validation} (fractions), or {@code .validationStart} and
     * {@code .testStart}, written in the series' own timestamp format (e.g. {@code 1960-01} for {@code yyyy-MM}).
     */
    public static SplitSpec from(ConfigReader r, String prefix, TimestampFormat timestamps) {
        Mode mode = r.enumValue(prefix + ".mode", Mode.class);
        if (mode == Mode.FRACTION) {
            return byFraction(r.doubleIn(prefix + ".train", 0, 1), r.doubleIn(prefix + ".validation", 0, 1));
        }
        if (timestamps.isNone()) {
            throw new InvalidConfigException(prefix + ".mode = timestamp needs timestamps, but series.timestampFormat"
                    + " = none; use " + prefix + ".mode = fraction");
        }
        return byTimestamp(boundary(r, prefix + ".validationStart", timestamps),
                boundary(r, prefix + ".testStart", timestamps));
    }

    private static LocalDateTime boundary(ConfigReader r, String key, TimestampFormat timestamps) {
        String text = r.optionalString(key);
        if (text == null) {
            return null;
        }
        try {
            return timestamps.parse(text.strip());
        } catch (DateTimeException e) {
            throw new InvalidConfigException(key + " must be a timestamp in the series format " + timestamps
                    + ", got '" + text + "'");
        }
    }

    /** The boundaries of {@code series}. */
    public SeriesSplit split(TimeSeries series) {
        int n = series.length();
        if (mode == Mode.FRACTION) {
            int trainEnd = (int) Math.min(n, Math.round(n * trainFraction));
            int validationEnd = (int) Math.min(n, Math.round(n * (trainFraction + validationFraction)));
            return new SeriesSplit(series.key(), n, trainEnd, Math.max(trainEnd, validationEnd));
        }
        int testBegin = testStart == null ? n : series.firstStepAtOrAfter(testStart);
        int validationBegin = validationStart == null ? testBegin : series.firstStepAtOrAfter(validationStart);
        return new SeriesSplit(series.key(), n, validationBegin, testBegin);
    }
}
