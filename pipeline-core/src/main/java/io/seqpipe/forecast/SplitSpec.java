package io.seqpipe.forecast;

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
 *   <li>{@link Mode#LAST}: test is the last {@code testSteps} steps of each series and validation the
 *       {@code validationSteps} steps before them, whatever the series' length and dates (the protocol of forecasting
 *       competitions such as M4, and what a panel of series that end at different times needs).</li>
 * </ul>
 * With {@code validationOrigins = n > 0} (key {@code split.validationOrigins}) the validation part is instead the
 * target span of the last {@code n} forecast origins before the test part ({@link SeriesSplit#withValidationOrigins}):
 * the test part stays where the rule above puts it, validation holds exactly {@code n} windows of {@code H} steps
 * (fewer only when the series has fewer origins before its test part), and training is everything before.
 */
public record SplitSpec(Mode mode, double trainFraction, double validationFraction, LocalDateTime validationStart,
                        LocalDateTime testStart, int validationOrigins, int validationSteps, int testSteps)
        implements Serializable {

    public enum Mode { FRACTION, TIMESTAMP, LAST }

    private static final double SLACK = 1e-9;

    public SplitSpec {
        if (mode == null) {
            throw new InvalidConfigException("split.mode must be fraction, timestamp or last");
        }
        ConfigReader.check(validationOrigins >= 0, "split.validationOrigins", validationOrigins, ">= 0");
        if (mode == Mode.LAST) {
            ConfigReader.check(testSteps >= 0, "split.testSteps", testSteps, ">= 0");
            ConfigReader.check(validationSteps >= 0, "split.validationSteps", validationSteps, ">= 0");
            if (validationSteps > 0 && validationOrigins > 0) {
                throw new InvalidConfigException("split.validationSteps must be 0 when split.validationOrigins is set"
                        + " (the origins place the validation part right before the test part), got "
                        + validationSteps);
            }
            if (testSteps == 0 && validationSteps == 0 && validationOrigins == 0) {
                throw new InvalidConfigException("split.testSteps or split.validationSteps must be > 0 when"
                        + " split.mode = last");
            }
        } else if (mode == Mode.FRACTION) {
            ConfigReader.check(trainFraction > 0 && trainFraction <= 1, "split.train", trainFraction, "in (0, 1]");
            ConfigReader.check(validationFraction >= 0 && validationFraction < 1, "split.validation",
                    validationFraction, "in [0, 1)");
            ConfigReader.check(trainFraction + validationFraction <= 1 + SLACK, "split.train + split.validation",
                    trainFraction + validationFraction, "<= 1 (test is the rest)");
        } else {
            if (validationStart == null && testStart == null && validationOrigins == 0) {
                throw new InvalidConfigException("split.validationStart or split.testStart must be set when"
                        + " split.mode = timestamp");
            }
            if (validationStart != null && validationOrigins > 0) {
                throw new InvalidConfigException("split.validationStart must be null when split.validationOrigins is"
                        + " set (the origins place the validation part right before split.testStart), got "
                        + validationStart);
            }
            if (validationStart != null && testStart != null && testStart.isBefore(validationStart)) {
                throw new InvalidConfigException("split.testStart (" + testStart + ") must not be before"
                        + " split.validationStart (" + validationStart + ")");
            }
        }
    }

    public static SplitSpec byFraction(double train, double validation) {
        return new SplitSpec(Mode.FRACTION, train, validation, null, null, 0, 0, 0);
    }

    /** The last {@code testSteps} steps of each series are test, the {@code validationSteps} before them validation. */
    public static SplitSpec byLastSteps(int validationSteps, int testSteps) {
        return new SplitSpec(Mode.LAST, Double.NaN, Double.NaN, null, null, 0, validationSteps, testSteps);
    }

    public static SplitSpec byTimestamp(LocalDateTime validationStart, LocalDateTime testStart) {
        return new SplitSpec(Mode.TIMESTAMP, Double.NaN, Double.NaN, validationStart, testStart, 0, 0, 0);
    }

    /** This rule with the validation part made of the last {@code origins} forecast origins before the test part. */
    public SplitSpec withValidationOrigins(int origins) {
        return new SplitSpec(mode, trainFraction, validationFraction, validationStart, testStart, origins,
                validationSteps, testSteps);
    }

    /**
     * Reads {@code <prefix>.mode}, {@code .train} and {@code .validation} (fractions), or {@code .validationStart} and
     * {@code .testStart}, written in the series' own timestamp format (e.g. {@code 1960-01} for {@code yyyy-MM}), and
     * {@code .validationSteps} and {@code .testSteps} (mode last), and {@code .validationOrigins}.
     */
    public static SplitSpec from(ConfigReader r, String prefix, TimestampFormat timestamps) {
        Mode mode = r.enumValue(prefix + ".mode", Mode.class);
        // declared (0) in the time-series defaults; optional here for configs built without them
        int origins = r.isSet(prefix + ".validationOrigins") ? r.integer(prefix + ".validationOrigins")
                : 0;
        // declared (0) in the time-series defaults and bounded whatever the mode; only mode = last reads them
        int validationSteps = r.isSet(prefix + ".validationSteps") ? r.integer(prefix + ".validationSteps") : 0;
        int testSteps = r.isSet(prefix + ".testSteps") ? r.integer(prefix + ".testSteps") : 0;
        ConfigReader.check(validationSteps >= 0, prefix + ".validationSteps", validationSteps, ">= 0");
        ConfigReader.check(testSteps >= 0, prefix + ".testSteps", testSteps, ">= 0");
        if (mode == Mode.FRACTION) {
            return new SplitSpec(Mode.FRACTION, r.number(prefix + ".train"),
                    r.number(prefix + ".validation"), null, null, origins, 0, 0);
        }
        if (mode == Mode.LAST) {
            return new SplitSpec(Mode.LAST, Double.NaN, Double.NaN, null, null, origins, validationSteps, testSteps);
        }
        if (timestamps.isNone()) {
            throw new InvalidConfigException(prefix + ".mode = timestamp needs timestamps, but series.timestampFormat"
                    + " = none; use " + prefix + ".mode = fraction");
        }
        return new SplitSpec(Mode.TIMESTAMP, Double.NaN, Double.NaN, boundary(r, prefix + ".validationStart",
                timestamps), boundary(r, prefix + ".testStart", timestamps), origins, 0, 0);
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

    /**
     * The boundaries of {@code series} cut into windows of {@code window}: with {@link #validationOrigins()} the
     * validation part is placed on that window grid.
     */
    public SeriesSplit split(TimeSeries series, WindowSpec window) {
        SeriesSplit split = boundaries(series);
        return validationOrigins == 0 ? split : split.withValidationOrigins(window, validationOrigins);
    }

    /**
     * The boundaries of {@code series} by the fraction or timestamp rule alone; a rule with validation origins needs
     * the window shape ({@link #split(TimeSeries, WindowSpec)}).
     */
    public SeriesSplit split(TimeSeries series) {
        if (validationOrigins > 0) {
            throw new IllegalStateException("split.validationOrigins = " + validationOrigins + " places the"
                    + " validation part on the window grid: split(series, window)");
        }
        return boundaries(series);
    }

    private SeriesSplit boundaries(TimeSeries series) {
        int n = series.length();
        if (mode == Mode.FRACTION) {
            int trainEnd = (int) Math.min(n, Math.round(n * trainFraction));
            int validationEnd = (int) Math.min(n, Math.round(n * (trainFraction + validationFraction)));
            return new SeriesSplit(series.key(), n, trainEnd, Math.max(trainEnd, validationEnd));
        }
        if (mode == Mode.LAST) {
            int testBegin = Math.max(0, n - testSteps);
            return new SeriesSplit(series.key(), n, Math.max(0, testBegin - validationSteps), testBegin);
        }
        int testBegin = testStart == null ? n : series.firstStepAtOrAfter(testStart);
        int validationBegin = validationStart == null ? testBegin : series.firstStepAtOrAfter(validationStart);
        return new SeriesSplit(series.key(), n, validationBegin, testBegin);
    }
}
