package io.seqpipe.forecast;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A delimited file of time-series rows (config section {@code series}). Columns are referred to by header name or,
 * as a fallback and always when there is no header, by 0-based index.
 *
 * @param delimiter          the field separator, one or more characters
 * @param quote              the quote character, or null for none
 * @param header             whether each file starts with a header line
 * @param timestampColumns   the column(s) holding the timestamp; several are joined with a single space before
 *                           parsing (pollution.csv: {@code [year, month, day, hour]} with format {@code yyyy M d H});
 *                           empty when {@code timestampFormat} is {@code none}
 * @param timestampFormat    see {@link TimestampFormat}
 * @param valueColumns       the numeric columns, in feature order (one for a univariate series)
 * @param keyColumn          the column naming the series a row belongs to, or null when the file is one series
 *                           ({@link SeriesRow#SINGLE_SERIES_KEY})
 * @param categoricalColumns text columns to one-hot encode (categories learned from the training part)
 */
public record SeriesCsvFormat(String delimiter, Character quote, boolean header, List<String> timestampColumns,
                              TimestampFormat timestampFormat, List<String> valueColumns, String keyColumn,
                              List<String> categoricalColumns) implements Serializable {

    public SeriesCsvFormat {
        if (delimiter == null || delimiter.isEmpty()) {
            throw new InvalidConfigException("series.delimiter must be a non-empty string");
        }
        if (timestampFormat == null) {
            throw new InvalidConfigException("series.timestampFormat is required");
        }
        timestampColumns = List.copyOf(timestampColumns);
        valueColumns = List.copyOf(valueColumns);
        categoricalColumns = List.copyOf(categoricalColumns);
        if (timestampFormat.isNone() != timestampColumns.isEmpty()) {
            throw new InvalidConfigException(timestampFormat.isNone()
                    ? "series.timestampColumns must be empty when series.timestampFormat = none, got " + timestampColumns
                    : "series.timestampColumns must name at least one column when series.timestampFormat = "
                    + timestampFormat + " (use none when the row order is the time index)");
        }
        if (valueColumns.isEmpty()) {
            throw new InvalidConfigException("series.valueColumns must name at least one numeric column");
        }
        List<String> used = new ArrayList<>(timestampColumns);
        used.addAll(valueColumns);
        used.addAll(categoricalColumns);
        if (keyColumn != null) {
            used.add(keyColumn);
        }
        Set<String> seen = new HashSet<>();
        for (String column : used) {
            if (column == null || column.isBlank()) {
                throw new InvalidConfigException("series column references must be non-empty, got " + used);
            }
            if (!seen.add(column)) {
                throw new InvalidConfigException("series column '" + column + "' is used more than once among"
                        + " timestampColumns, valueColumns, categoricalColumns and keyColumn");
            }
            if (!header && !column.matches("\\d+")) {
                throw new InvalidConfigException("series column '" + column + "' must be a 0-based column index when"
                        + " series.header = false");
            }
        }
    }

    /**
     * Reads {@code <prefix>.delimiter}, {@code .quote} (empty for none), {@code .header}, {@code .timestampColumns},
     * {@code .timestampFormat}, {@code .valueColumns}, {@code .keyColumn} (null for one series) and
     * {@code .categoricalColumns}.
     */
    public static SeriesCsvFormat from(ConfigReader r, String prefix) {
        String quote = r.optionalString(prefix + ".quote");
        ConfigReader.check(quote == null || quote.length() == 1, prefix + ".quote", "'" + quote + "'",
                "a single character or empty");
        return new SeriesCsvFormat(r.string(prefix + ".delimiter"), quote == null ? null : quote.charAt(0),
                r.bool(prefix + ".header"), r.stringList(prefix + ".timestampColumns"),
                TimestampFormat.of(r.string(prefix + ".timestampFormat")), r.stringList(prefix + ".valueColumns"),
                r.optionalString(prefix + ".keyColumn"), r.stringList(prefix + ".categoricalColumns"));
    }

    /**
     * This format reading the named columns of a table (a DataFrame's) instead: the key, timestamp and value columns
     * given, the categorical columns and the timestamp format kept.
     */
    public SeriesCsvFormat withColumns(String key, List<String> timestamps, List<String> values) {
        return new SeriesCsvFormat(delimiter, quote, true, timestamps, timestampFormat, values, key,
                categoricalColumns);
    }

    /** True when the rows carry timestamps (the format is not {@code none}). */
    public boolean hasTimestamps() {
        return !timestampFormat.isNone();
    }
}
