package io.seqpipe.forecast;

import io.seqpipe.DecimalNumber;
import io.seqpipe.SeqPipeException;
import io.seqpipe.io.PrintSafe;
import io.seqpipe.data.DelimitedLineParser;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns one decoded line into a {@link SeriesRowOutcome}: trailing {@code \r} and leading byte-order mark removed,
 * fields split by {@link DelimitedLineParser#split(String, String, Character)}, the column count checked, then key,
 * timestamp, values and categories picked out. A value is a missing value (empty, {@code NA}, {@code N/A},
 * {@code #N/A}, {@code NaN}, {@code null}, {@code None}, {@code ?}; any case) or a finite {@link DecimalNumber}.
 * Rejects: {@code unbalanced_quote}, {@code wrong_column_count}, {@code empty_series_key}, {@code bad_timestamp},
 * {@code bad_number} (a value that is neither, e.g. {@code 12f}, {@code 0x1p4}, {@code 1_000}, {@code Infinity},
 * {@code abc}: never filled), and {@code non_numeric_value} for a missing value when the missing-value policy is
 * {@link CleaningConfig.MissingValues#REJECT REJECT}. Pure and serializable: it runs on executors.
 */
public final class SeriesRowParser implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The texts that mark a missing value besides an empty field, lower-cased. */
    public static final Set<String> MISSING_MARKERS = Set.of("na", "n/a", "#n/a", "nan", "null", "none", "?");
    private final SeriesCsvFormat format;
    private final CleaningConfig.MissingValues missingValues;
    private final int expectedColumns;
    private final int minColumns;
    private final int[] timestampIndex;
    private final int[] valueIndex;
    private final int keyIndex;
    private final int[] categoricalIndex;

    private SeriesRowParser(SeriesCsvFormat format, CleaningConfig.MissingValues missingValues, int expectedColumns,
                            int[] timestampIndex, int[] valueIndex, int keyIndex, int[] categoricalIndex) {
        this.format = format;
        this.missingValues = missingValues;
        this.expectedColumns = expectedColumns;
        this.timestampIndex = timestampIndex;
        this.valueIndex = valueIndex;
        this.keyIndex = keyIndex;
        this.categoricalIndex = categoricalIndex;
        int max = keyIndex;
        for (int[] group : new int[][]{timestampIndex, valueIndex, categoricalIndex}) {
            for (int i : group) {
                max = Math.max(max, i);
            }
        }
        this.minColumns = max + 1;
    }

    /**
     * A parser for files whose header is {@code header} (empty when the format has none). Column references are
     * header names, or 0-based indices when no header column has that name; a missing column fails naming it and
     * the header.
     *
     * @param source the file the header came from, for messages
     */
    public static SeriesRowParser create(SeriesCsvFormat format, List<String> header,
                                         CleaningConfig.MissingValues missingValues, String source) {
        return new SeriesRowParser(format, missingValues, format.header() ? header.size() : -1,
                resolve(format.timestampColumns(), header, source), resolve(format.valueColumns(), header, source),
                format.keyColumn() == null ? -1 : resolve(List.of(format.keyColumn()), header, source)[0],
                resolve(format.categoricalColumns(), header, source));
    }

    /** The header's column names: the line split like any other, each name stripped. */
    public static List<String> headerNames(SeriesCsvFormat format, String headerLine) {
        String line = DelimitedLineParser.stripLineEnd(headerLine);
        List<String> fields = DelimitedLineParser.split(line, format.delimiter(), format.quote());
        return fields == null ? List.of(line) : fields.stream().map(String::strip).toList();
    }

    private static int[] resolve(List<String> columns, List<String> header, String source) {
        int[] indices = new int[columns.size()];
        for (int i = 0; i < indices.length; i++) {
            String column = columns.get(i);
            int at = header.indexOf(column);
            if (at < 0 && column.matches("\\d+")) {
                at = Integer.parseInt(column);
                if (!header.isEmpty() && at >= header.size()) {
                    at = -1;
                }
            }
            if (at < 0) {
                throw new SeqPipeException("column '" + column + "' is not in the header of " + source
                        + "; the header has " + PrintSafe.excerpt(header.toString()));
            }
            indices[i] = at;
        }
        return indices;
    }

    public SeriesCsvFormat format() {
        return format;
    }

    public SeriesRowOutcome parse(String source, long offset, String rawLine) {
        String line = DelimitedLineParser.stripLineEnd(rawLine);
        List<String> fields = DelimitedLineParser.split(line, format.delimiter(), format.quote());
        if (fields == null) {
            return reject(source, offset, RejectReason.UNBALANCED_QUOTE, "quote " + format.quote() + " not closed", line);
        }
        if (expectedColumns >= 0 ? fields.size() != expectedColumns : fields.size() < minColumns) {
            String expected = expectedColumns >= 0 ? String.valueOf(expectedColumns) : "at least " + minColumns;
            return reject(source, offset, RejectReason.WRONG_COLUMN_COUNT,
                    "expected " + expected + " columns, got " + fields.size(), line);
        }
        return parseCells(source, offset, fields, line);
    }

    /**
     * Turns one row's cells into a {@link SeriesRowOutcome}, the columns picked out by the header this parser was
     * created with: a line's fields (strings, as {@link #parse} splits them) or a table's typed cells (a DataFrame
     * row's, in the order of that header). Besides text, read as a line's field is, a cell may be: for the key, any
     * value (its text; null is an empty key); for the one timestamp column, a {@link LocalDateTime},
     * {@link LocalDate}, {@link java.sql.Timestamp}, {@link java.sql.Date} or {@link Instant} (an instant read in
     * the JVM's time zone, as {@code java.sql.Timestamp} is), taken as it is whatever {@code timestampFormat} says
     * (null is a {@code bad_timestamp}); for a value, a {@link Number} ({@code NaN} and null are missing values,
     * an infinite one is a {@code bad_number}); for a category, any value (null is an empty category).
     *
     * @param line the row as rejects show it
     */
    public SeriesRowOutcome parseCells(String source, long offset, List<?> cells, String line) {
        String key = SeriesRow.SINGLE_SERIES_KEY;
        if (keyIndex >= 0) {
            key = text(cells.get(keyIndex));
            if (key.isEmpty()) {
                return reject(source, offset, RejectReason.EMPTY_SERIES_KEY, "series key column is empty", line);
            }
        }
        LocalDateTime timestamp = null;
        if (format.hasTimestamps()) {
            timestamp = temporal(timestampIndex.length == 1 ? cells.get(timestampIndex[0]) : null);
            if (timestamp == null) {
                StringBuilder text = new StringBuilder();
                for (int i : timestampIndex) {
                    text.append(text.length() == 0 ? "" : " ").append(text(cells.get(i)));
                }
                try {
                    timestamp = format.timestampFormat().parse(text.toString());
                } catch (DateTimeException e) {
                    return reject(source, offset, RejectReason.BAD_TIMESTAMP,
                            "'" + text + "' does not match timestamp format " + format.timestampFormat(), line);
                }
            }
        }
        double[] values = new double[valueIndex.length];
        for (int v = 0; v < values.length; v++) {
            Object cell = cells.get(valueIndex[v]);
            String text = cell instanceof Number n ? (Double.isNaN(n.doubleValue()) ? "NaN" : null) : text(cell);
            String column = format.valueColumns().get(v);
            if (text != null && isMissing(text)) {
                values[v] = Double.NaN;
                switch (missingValues) {
                    case REJECT:
                        return reject(source, offset, RejectReason.NON_NUMERIC_VALUE,
                                "column " + column + ": '" + text + "' is not a number", line);
                    case FAIL:
                        throw new SeqPipeException(source + " line " + offset + ": column " + column + " holds '"
                                + PrintSafe.excerpt(text) + "', not a number, and cleaning.missingValues = fail; set it to"
                                + " reject, ffill or interpolate to accept such rows");
                    default:
                        break;
                }
            } else {
                values[v] = text == null ? ((Number) cell).doubleValue() : DecimalNumber.parse(text);
                if (Double.isNaN(values[v]) || Double.isInfinite(values[v])) {
                    return reject(source, offset, RejectReason.BAD_NUMBER, "column " + column + ": '"
                            + (text == null ? cell : text) + "' is not a decimal number (sign, digits, fraction,"
                            + " exponent) nor a missing value", line);
                }
            }
        }
        String[] categories = new String[categoricalIndex.length];
        for (int c = 0; c < categories.length; c++) {
            categories[c] = text(cells.get(categoricalIndex[c]));
        }
        return SeriesRowOutcome.ok(new SeriesRow(key, timestamp, values, categories, source, offset));
    }

    /** A cell as text, stripped; null is empty. */
    private static String text(Object cell) {
        return cell == null ? "" : cell.toString().strip();
    }

    /** A typed timestamp cell as a zone-less date-time; null for text (parsed with the format) and null cells. */
    private static LocalDateTime temporal(Object cell) {
        if (cell instanceof LocalDateTime t) {
            return t;
        }
        if (cell instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (cell instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (cell instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay();
        }
        if (cell instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneId.systemDefault());
        }
        return null;
    }

    /**
     * Whether a value field (stripped) is a missing value: empty, or one of {@link #MISSING_MARKERS} in any case.
     * Anything else must be a finite {@link DecimalNumber}.
     */
    static boolean isMissing(String text) {
        return text.isEmpty() || MISSING_MARKERS.contains(text.toLowerCase(Locale.ROOT));
    }

    private static SeriesRowOutcome reject(String source, long offset, RejectReason reason, String detail, String line) {
        return SeriesRowOutcome.rejected(new Rejection(source, offset, reason, detail, line));
    }
}
