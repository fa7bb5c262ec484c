package io.seqpipe.forecast;

import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * How the timestamp text of a row becomes a zone-less {@link LocalDateTime}. Three kinds of spec:
 * <ul>
 *   <li>{@code iso}: ISO-8601 local date-times ({@code 2010-01-02T03:00}, a space instead of the {@code T} is
 *       accepted), dates ({@code 2010-01-02}), year-months ({@code 1949-01}), years ({@code 1985}) and ISO week dates
 *       ({@code 2020-W53}, {@code 2020-W53-4});</li>
 *   <li>{@code none}: the file has no timestamp; the row order within a series key is the time index;</li>
 *   <li>any other text is a {@link DateTimeFormatter} pattern such as {@code yyyy}, {@code yyyy-MM},
 *       {@code yyyy-'Q'Q}, {@code QQQ yyyy}, {@code YYYY-'W'ww}, {@code yyyy-MM-dd HH:mm} or {@code yyyy M d H}, read
 *       by {@link TimestampPattern}: parsing is strict ({@code 2010-02-30} is rejected, not clamped), week fields
 *       follow ISO-8601, and a timestamp is the start of the period it names (1985-Q2 is 1985-04-01, 2020-W53 is
 *       Monday 2020-12-28, 1985 is 1985-01-01). A pattern that cannot name one timestamp (no year, a 12-hour clock
 *       without am/pm, a calendar year with ISO weeks) is refused by {@link #of}.</li>
 * </ul>
 * Time zones and offsets are not interpreted. Serializable (the formatter is rebuilt on each executor).
 */
public final class TimestampFormat implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String ISO = "iso";
    public static final String NONE = "none";

    private final String spec;
    private transient TimestampPattern pattern;

    private TimestampFormat(String spec) {
        this.spec = spec;
    }

    /**
     * Validates {@code spec}; a bad pattern, or one that cannot name a unique timestamp, fails naming
     * {@code series.timestampFormat} and the reason.
     */
    public static TimestampFormat of(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidConfigException("series.timestampFormat must be iso, none or a java.time pattern such as"
                    + " yyyy-MM, got '" + spec + "'");
        }
        String normalized = spec.strip();
        String lower = normalized.toLowerCase(Locale.ROOT);
        if (lower.equals(ISO) || lower.equals(NONE)) {
            return new TimestampFormat(lower);
        }
        TimestampFormat format = new TimestampFormat(normalized);
        String problem;
        try {
            problem = format.pattern().indeterminacy();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("series.timestampFormat must be iso, none or a java.time pattern such as"
                    + " yyyy-MM, got '" + spec + "' (" + e.getMessage() + ")");
        }
        if (problem != null) {
            throw new InvalidConfigException("series.timestampFormat '" + normalized + "' does not name one"
                    + " timestamp: " + problem + ". Patterns that do: yyyy, yyyy-MM, yyyy-'Q'Q, YYYY-'W'ww,"
                    + " yyyy-MM-dd, yyyy-MM-dd HH:mm, or iso");
        }
        return format;
    }

    public String spec() {
        return spec;
    }

    /** True when the file has no timestamps and the row order is the time index. */
    public boolean isNone() {
        return spec.equals(NONE);
    }

    /**
     * Parses one timestamp.
     *
     * @throws DateTimeException when {@code text} does not match or names an impossible date (callers turn this
     *                           into a reject)
     * @throws IllegalStateException  for the {@code none} format, which has nothing to parse
     */
    public LocalDateTime parse(String text) {
        if (isNone()) {
            throw new IllegalStateException("timestamp format none has no timestamps to parse");
        }
        if (spec.equals(ISO)) {
            return parseIso(text);
        }
        return pattern().parse(text);
    }

    private static LocalDateTime parseIso(String text) {
        if (text.length() == 4) {
            return Year.parse(text).atDay(1).atStartOfDay();
        }
        if (text.length() == 7) {
            return YearMonth.parse(text).atDay(1).atStartOfDay();
        }
        if (text.length() > 5 && text.charAt(5) == 'W') {
            return IsoWeeks.PATTERN.parse(text);
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay();
        }
        String t = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        return LocalDateTime.parse(t);
    }

    /** The ISO week dates of {@code iso}, compiled on first use. */
    private static final class IsoWeeks {
        static final TimestampPattern PATTERN = TimestampPattern.compile("YYYY-'W'ww[-e]");
    }

    private TimestampPattern pattern() {
        if (pattern == null) {
            pattern = TimestampPattern.compile(spec);
        }
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimestampFormat other && other.spec.equals(spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec);
    }

    @Override
    public String toString() {
        return spec;
    }
}
