package io.seqpipe.forecast;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A {@link DateTimeFormatter} pattern compiled for zone-less series timestamps, the pattern side of
 * {@link TimestampFormat}:
 * <ul>
 *   <li>the week letters {@code Y} (week-based year), {@code w} (week of week-based year) and numeric {@code e}/{@code c}
 *       (day of week) follow ISO-8601 rules (weeks start on Monday; week 1 holds the year's first Thursday) instead of
 *       a locale's;</li>
 *   <li>fields the pattern lacks default to the start of the period it names: a year to 1 January, a month to its 1st,
 *       a quarter ({@code Q}) to the 1st of its first month, an ISO week to its Monday, a day to midnight;</li>
 *   <li>{@link #indeterminacy()} says why a pattern cannot name one timestamp (no year, a 12-hour clock without
 *       am/pm, calendar year mixed with ISO weeks, a pattern that does not read back what it prints), or null.</li>
 * </ul>
 * Parsing is strict ({@code 2010-02-30} is an error, not clamped). Pure; not serializable (rebuilt from the pattern).
 */
final class TimestampPattern {
    /**
     * Instants that differ in every field, printed and read back by {@link #indeterminacy()}: a pattern that names
     * one timestamp gives back each probe's period start. All lie in 2000..2099 so that two-digit years
     * ({@code yy}, base 2000) pass; 2020-12-31 and 2021-01-03 both lie in ISO week 53 of 2020.
     */
    private static final ZonedDateTime[] PROBES = {
            probe(2003, 8, 17, 13, 47, 29, 123_456_789),
            probe(2016, 2, 29, 23, 5, 9, 500_000_000),
            probe(2020, 12, 31, 0, 0, 0, 0),
            probe(2021, 1, 3, 11, 59, 59, 0),
            probe(2038, 5, 4, 7, 30, 0, 0),
            probe(2099, 10, 1, 12, 0, 0, 0),
    };

    private final Set<Character> letters;
    private final DateTimeFormatter formatter;

    private TimestampPattern(Set<Character> letters, DateTimeFormatter formatter) {
        this.letters = letters;
        this.formatter = formatter;
    }

    /**
     * Compiles {@code pattern}.
     *
     * @throws IllegalArgumentException when it is not a valid pattern (an unknown letter, an open quote)
     */
    static TimestampPattern compile(String pattern) {
        Set<Character> letters = new HashSet<>();
        Set<Character> required = new HashSet<>();
        DateTimeFormatterBuilder builder = translate(pattern, letters, required);
        if (letters.contains('y')) {
            // ERA defaults to CE so that year-of-era patterns (yyyy) resolve under the STRICT resolver
            builder.parseDefaulting(ChronoField.ERA, 1);
        }
        if (letters.contains('Y') || letters.contains('w')) {
            builder.parseDefaulting(ChronoField.DAY_OF_WEEK, 1);
        } else if (!required.contains('d') && !required.contains('D')) {
            if (required.contains('M') || required.contains('L')) {
                builder.parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
            } else if (required.contains('Q') || required.contains('q')) {
                builder.parseDefaulting(IsoFields.DAY_OF_QUARTER, 1);
            } else {
                builder.parseDefaulting(ChronoField.MONTH_OF_YEAR, 1).parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
            }
        }
        return new TimestampPattern(Set.copyOf(letters),
                builder.toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT));
    }

    /**
     * Appends {@code pattern} to a builder, ISO week fields in place of the locale's. Collects the pattern letters
     * used ({@code letters}) and those outside optional sections ({@code required}).
     */
    private static DateTimeFormatterBuilder translate(String pattern, Set<Character> letters, Set<Character> required) {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder();
        StringBuilder segment = new StringBuilder();
        int optionalDepth = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int end = i + 1;
            if (c == '\'') {
                end = afterQuotedLiteral(pattern, i);
                segment.append(pattern, i, end);
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                while (end < pattern.length() && pattern.charAt(end) == c) {
                    end++;
                }
                int count = end - i;
                letters.add(c);
                if (optionalDepth == 0) {
                    required.add(c);
                }
                if (c == 'Y' || c == 'w' || ((c == 'e' || c == 'c') && count <= 2)) {
                    flush(builder, segment);
                    appendIsoWeekField(builder, c, count);
                } else {
                    segment.append(pattern, i, end);
                }
            } else {
                optionalDepth += c == '[' ? 1 : c == ']' && optionalDepth > 0 ? -1 : 0;
                segment.append(c);
            }
            i = end;
        }
        flush(builder, segment);
        return builder;
    }

    /** The index after the literal opened by the quote at {@code open} ({@code ''} inside is an escaped quote). */
    private static int afterQuotedLiteral(String pattern, int open) {
        int i = open + 1;
        while (i < pattern.length()) {
            if (pattern.charAt(i) == '\'') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '\'' && i > open + 1) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return pattern.length(); // unterminated: appendPattern reports it
    }

    private static void flush(DateTimeFormatterBuilder builder, StringBuilder segment) {
        if (segment.length() > 0) {
            builder.appendPattern(segment.toString());
            segment.setLength(0);
        }
    }

    /** The ISO counterparts of appendPattern's locale week fields, with the same widths. */
    private static void appendIsoWeekField(DateTimeFormatterBuilder builder, char letter, int count) {
        switch (letter) {
            case 'Y' -> {
                if (count == 2) {
                    builder.appendValueReduced(IsoFields.WEEK_BASED_YEAR, 2, 2, 2000);
                } else {
                    builder.appendValue(IsoFields.WEEK_BASED_YEAR, count, 19,
                            count < 4 ? SignStyle.NORMAL : SignStyle.EXCEEDS_PAD);
                }
            }
            case 'w' -> {
                if (count > 2) {
                    throw new IllegalArgumentException("Too many pattern letters: w");
                }
                builder.appendValue(IsoFields.WEEK_OF_WEEK_BASED_YEAR, count, 2, SignStyle.NOT_NEGATIVE);
            }
            default -> builder.appendValue(ChronoField.DAY_OF_WEEK, count); // e, c: 1 = Monday .. 7 = Sunday
        }
    }

    /**
     * Parses one timestamp; a time the text lacks is midnight.
     *
     * @throws DateTimeException when {@code text} does not match or names an impossible date
     */
    LocalDateTime parse(String text) {
        TemporalAccessor parsed = formatter.parse(text);
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) {
            throw new DateTimeException("'" + text + "' does not name a day");
        }
        LocalTime time = parsed.query(TemporalQueries.localTime());
        return date.atTime(time == null ? LocalTime.MIDNIGHT : time);
    }

    /**
     * Why this pattern cannot name one timestamp per text, or null when it can. Checks the fields first (for a
     * message that names them), then prints {@link #PROBES} and requires each to read back as the start of the period
     * it lies in, printing the same text again.
     */
    String indeterminacy() {
        String fields = fieldProblem();
        return fields != null ? fields : roundTripProblem();
    }

    private boolean has(char... any) {
        for (char c : any) {
            if (letters.contains(c)) {
                return true;
            }
        }
        return false;
    }

    private String fieldProblem() {
        if (has('W')) {
            return "W (week of month) follows a locale's week rules; use ISO weeks (YYYY-'W'ww) or calendar dates";
        }
        if (has('Y', 'w')) {
            if (has('y', 'u') && has('w')) {
                return "it mixes the calendar year (y or u) with the ISO week (w), which belongs to the week-based"
                        + " year (2021-01-03 lies in week 53 of 2020); use YYYY-'W'ww";
            }
            if (!has('w')) {
                return "YYYY is the ISO week-based year, which differs from the calendar year around 1 January; use"
                        + " yyyy for calendar years, or add the week: YYYY-'W'ww";
            }
            if (!has('Y')) {
                return "the ISO week (w) has no week-based year (Y); use YYYY-'W'ww";
            }
            if (has('M', 'L', 'Q', 'q', 'd', 'D', 'y', 'u')) {
                return "it mixes ISO week fields (Y, w) with calendar year, quarter, month or day fields";
            }
        } else {
            if (!has('y', 'u')) {
                return "it has no year (y or u), so the same text recurs every year";
            }
            if (has('d') && !has('M', 'L')) {
                return "it has a day of month (d) but no month (M)";
            }
            if (has('E', 'e', 'c') && !has('d', 'D')) {
                return "a day of week (E) without a day of month (d) or of year (D) names no single day";
            }
        }
        if (has('h', 'K') && !has('a')) {
            return "the 12-hour clock (h or K) has no am/pm marker (a), so 01:30 could be 01:30 or 13:30; use HH"
                    + " for the 24-hour clock, or add a";
        }
        if (has('m') && !has('H', 'k', 'h', 'K')) {
            return "it has minutes (m) but no hour (H)";
        }
        if (has('s') && !has('m')) {
            return "it has seconds (s) but no minutes (m)";
        }
        if (has('S', 'n') && !has('s')) {
            return "it has fractions of a second (S or n) but no seconds (s)";
        }
        return null;
    }

    private String roundTripProblem() {
        for (ZonedDateTime probe : PROBES) {
            LocalDateTime local = probe.toLocalDateTime();
            String text;
            try {
                text = formatter.format(probe);
            } catch (DateTimeException e) {
                return "it cannot print a timestamp (" + e.getMessage() + ")";
            }
            LocalDateTime back;
            String again;
            try {
                back = parse(text);
                again = formatter.format(back.atZone(probe.getZone()));
            } catch (DateTimeException e) {
                return "it cannot read back '" + text + "', the text it prints for " + local + " (" + e.getMessage()
                        + ")";
            }
            if (!again.equals(text) || back.isAfter(local)) {
                return "it prints " + local + " as '" + text + "' but reads that back as " + back;
            }
        }
        return null;
    }

    private static ZonedDateTime probe(int year, int month, int day, int hour, int minute, int second, int nano) {
        return ZonedDateTime.of(year, month, day, hour, minute, second, nano, ZoneOffset.UTC);
    }
}
