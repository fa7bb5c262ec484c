package io.seqpipe.forecast;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The step of a regular series in calendar terms, e.g. {@code 1 MONTHS} or {@code 1 HOURS}. Steps are added with
 * {@link LocalDateTime#plus}, so monthly series should be stamped on a fixed day of the month such as the 1st (as
 * {@code yyyy-MM} timestamps are); month-end stamps (Jan 31, Feb 28, Mar 31) are not one calendar month apart.
 *
 * @param amount a positive number of units
 * @param unit   one of seconds, minutes, hours, days, weeks, months, years
 */
public record SeriesFrequency(long amount, ChronoUnit unit) implements Serializable {
    private static final Set<ChronoUnit> UNITS = EnumSet.of(ChronoUnit.SECONDS, ChronoUnit.MINUTES, ChronoUnit.HOURS,
            ChronoUnit.DAYS, ChronoUnit.WEEKS, ChronoUnit.MONTHS, ChronoUnit.YEARS);

    public SeriesFrequency {
        if (amount < 1 || unit == null || !UNITS.contains(unit)) {
            throw new IllegalArgumentException("a series frequency needs an amount >= 1 and a unit among " + UNITS
                    + ", got " + amount + " " + unit);
        }
    }

    /**
     * Parses {@code "1 month"}, {@code "2 hours"}, {@code "15 minutes"}, {@code "day"} (amount 1); {@code "1 quarter"}
     * is {@code 3 months}.
     */
    public static SeriesFrequency parse(String text) {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (parts.length < 1 || parts.length > 2) {
            throw new IllegalArgumentException("not a frequency: '" + text + "'");
        }
        long amount = 1;
        String unitName = parts[parts.length - 1];
        if (parts.length == 2) {
            try {
                amount = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a frequency: '" + text + "'", e);
            }
        }
        String plural = unitName.endsWith("s") ? unitName : unitName + "s";
        if (plural.equals("quarters")) {
            return new SeriesFrequency(Math.multiplyExact(amount, 3), ChronoUnit.MONTHS);
        }
        for (ChronoUnit u : UNITS) {
            if (u.name().toLowerCase(Locale.ROOT).equals(plural)) {
                return new SeriesFrequency(amount, u);
            }
        }
        throw new IllegalArgumentException("not a frequency: '" + text + "'");
    }

    /** The timestamp {@code steps} steps after {@code from}. */
    public LocalDateTime advance(LocalDateTime from, long steps) {
        return from.plus(Math.multiplyExact(amount, steps), unit);
    }

    /**
     * The step from {@code a} to a later {@code b} in the largest whole calendar unit: whole months (or years) when
     * {@code b} is {@code a} plus some months (a quarterly series steps by 3 months), else whole weeks, days, hours,
     * minutes or seconds.
     */
    public static SeriesFrequency between(LocalDateTime a, LocalDateTime b) {
        if (!b.isAfter(a)) {
            throw new IllegalArgumentException("a step needs a later timestamp: " + a + " -> " + b);
        }
        long months = ChronoUnit.MONTHS.between(a, b);
        if (months > 0 && a.plusMonths(months).equals(b)) {
            return months % 12 == 0 ? new SeriesFrequency(months / 12, ChronoUnit.YEARS)
                    : new SeriesFrequency(months, ChronoUnit.MONTHS);
        }
        long seconds = ChronoUnit.SECONDS.between(a, b);
        if (seconds == 0) {
            throw new IllegalArgumentException("steps shorter than a second are not supported: " + a + " -> " + b);
        }
        for (ChronoUnit u : new ChronoUnit[]{ChronoUnit.WEEKS, ChronoUnit.DAYS, ChronoUnit.HOURS,
                ChronoUnit.MINUTES}) {
            long unitSeconds = u.getDuration().getSeconds();
            if (seconds % unitSeconds == 0) {
                return new SeriesFrequency(seconds / unitSeconds, u);
            }
        }
        return new SeriesFrequency(seconds, ChronoUnit.SECONDS);
    }

    /**
     * The most common step between consecutive (sorted, distinct) timestamps; ties go to the shorter step. Null when
     * there are fewer than two timestamps.
     */
    public static SeriesFrequency mostCommonStep(LocalDateTime[] sorted) {
        Map<SeriesFrequency, Integer> counts = new HashMap<>();
        for (int i = 1; i < sorted.length; i++) {
            counts.merge(between(sorted[i - 1], sorted[i]), 1, Integer::sum);
        }
        SeriesFrequency best = null;
        int bestCount = 0;
        for (Map.Entry<SeriesFrequency, Integer> e : counts.entrySet()) {
            int c = e.getValue();
            if (c > bestCount || (c == bestCount && e.getKey().approximateSeconds() < best.approximateSeconds())) {
                best = e.getKey();
                bestCount = c;
            }
        }
        return best;
    }

    private double approximateSeconds() {
        return amount * (double) unit.getDuration().getSeconds();
    }

    /** E.g. {@code 1 month}, {@code 6 hours}. */
    public String describe() {
        String u = unit.name().toLowerCase(Locale.ROOT);
        return amount + " " + (amount == 1 ? u.substring(0, u.length() - 1) : u);
    }
}
