package io.seqpipe.timeseries;

import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Objects;

/**
 * How the timestamp text of a row becomes a zone-less {@link LocalDateTime}. Three kinds of spec:
 * <ul>
 *   <li>{@code iso}: ISO-8601 local date-times ({@code 2010-01-02T03:00}, a space instead of the {@code T} is
 *       accepted), dates ({@code 2010-01-02}) and year-months ({@code 1949-01});</li>
 *   <li>{@code none}: the file has no timestamp; the row order within a series key is the time index;</li>
 *   <li>any other text is a {@link DateTimeFormatter} pattern such as {@code yyyy-MM}, {@code yyyy-MM-dd HH:mm} or
 *       {@code yyyy M d H}. Parsing is strict ({@code 2010-02-30} is rejected, not clamped); fields the pattern lacks
 *       default to the start of the period (day 1, month 1, midnight).</li>
 * </ul>
 * Time zones and offsets are not interpreted. Serializable (the formatter is rebuilt on each executor).
 */
public final class TimestampFormat implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String ISO = "iso";
    public static final String NONE = "none";

    private final String spec;
    private transient DateTimeFormatter formatter;

    private TimestampFormat(String spec) {
        this.spec = spec;
    }

    /** Validates {@code spec}; a bad pattern fails naming {@code series.timestampFormat} and the reason. */
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
        try {
            format.formatter();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("series.timestampFormat must be iso, none or a java.time pattern such as"
                    + " yyyy-MM, got '" + spec + "' (" + e.getMessage() + ")");
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
        TemporalAccessor parsed = formatter().parse(text);
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) {
            date = parsed.isSupported(ChronoField.MONTH_OF_YEAR) ? YearMonth.from(parsed).atDay(1)
                    : Year.from(parsed).atDay(1);
        }
        LocalTime time = parsed.query(TemporalQueries.localTime());
        return date.atTime(time == null ? LocalTime.MIDNIGHT : time);
    }

    private static LocalDateTime parseIso(String text) {
        if (text.length() == 7) {
            return YearMonth.parse(text).atDay(1).atStartOfDay();
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay();
        }
        String t = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        return LocalDateTime.parse(t);
    }

    private DateTimeFormatter formatter() {
        if (formatter == null) {
            // ERA defaults to CE so that year-of-era patterns (yyyy) resolve under the STRICT resolver
            formatter = new DateTimeFormatterBuilder().appendPattern(spec).parseDefaulting(ChronoField.ERA, 1)
                    .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
        }
        return formatter;
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
