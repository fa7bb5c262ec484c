package io.seqpipe.forecast;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Comparator;

/**
 * One parsed time-series row, before cleaning. Rows of a key are grouped (on an executor, in any order) and handed
 * to {@link SeriesCleaner}, which restores the file order from {@code source} and {@code offset}.
 *
 * @param key        the series key, or {@link #SINGLE_SERIES_KEY} when the format has no key column
 * @param timestamp  null when the timestamp format is {@code none}
 * @param values     the value columns in configured order; {@link Double#NaN} marks a missing or non-numeric value
 *                   (kept only when the missing-value policy fills it)
 * @param categories the categorical columns' raw text (stripped), in configured order
 * @param source     the file the row came from
 * @param offset     the 1-based number of the row's line in that file
 */
public record SeriesRow(String key, LocalDateTime timestamp, double[] values, String[] categories, String source,
                        long offset) implements Serializable {

    /** The key of every row when the format has no key column: the whole input is one series. */
    public static final String SINGLE_SERIES_KEY = "*";

    /** File order: by source path, then by offset within it. */
    public static final Comparator<SeriesRow> FILE_ORDER =
            Comparator.comparing(SeriesRow::source).thenComparingLong(SeriesRow::offset);

    /** Where the row came from, for messages: {@code source:offset}. */
    public String location() {
        return source + " line " + offset;
    }
}
