package io.seqpipe.data;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A delimited text file: one record per line (with a quote character, a quoted field may span lines), fields split by
 * {@code delimiter}, with or without a header line (a header line is expected at the start of <em>every</em> file of
 * a multi-file input, and names that file's columns). Columns are named (header) or 0-based indices (no header).
 *
 * @param delimiter   the field separator, one or more characters ({@code "\t"} for TSV)
 * @param header      whether each file starts with a header line
 * @param quote       the quote character, or {@code null} for none (TSV convention: no quoting)
 * @param charset     the file encoding; must be ASCII-compatible so lines split on {@code \n} bytes
 * @param textColumn  the column holding the text
 * @param labelColumn the column holding the label, or null (unlabelled corpora)
 * @param idColumn    the column holding a record id, or null (ids are then generated)
 */
public record DelimitedFormat(String delimiter, boolean header, Character quote, String charset,
                              String textColumn, String labelColumn, String idColumn) implements Serializable {

    public DelimitedFormat {
        if (delimiter == null || delimiter.isEmpty()) {
            throw new InvalidConfigException("input.delimiter must be a non-empty string");
        }
        if (textColumn == null || textColumn.isBlank()) {
            throw new InvalidConfigException("input.textColumn is required");
        }
        Charset cs;
        try {
            cs = Charset.forName(charset);
        } catch (RuntimeException e) {
            throw new InvalidConfigException("input.charset '" + charset + "' is not a charset this JVM knows");
        }
        byte[] nl = "\n\t,;|".getBytes(cs);
        if (!java.util.Arrays.equals(nl, "\n\t,;|".getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidConfigException("input.charset " + charset + " is not ASCII-compatible (lines are split on"
                    + " newline bytes); convert the file to UTF-8 first");
        }
        if (!header) {
            requireIndex("textColumn", textColumn);
            if (labelColumn != null) {
                requireIndex("labelColumn", labelColumn);
            }
            if (idColumn != null) {
                requireIndex("idColumn", idColumn);
            }
        }
    }

    private static void requireIndex(String key, String value) {
        if (!value.matches("\\d+")) {
            throw new InvalidConfigException("input." + key + " must be a 0-based column index when input.header = false,"
                    + " got '" + value + "'");
        }
    }

    /**
     * Reads a format section such as {@code input}. {@code needsLabel}: whether a label column is required.
     */
    public static DelimitedFormat from(ConfigReader r, String prefix, boolean needsLabel) {
        String quote = r.optionalString(prefix + ".quote");
        ConfigReader.check(quote == null || quote.length() == 1, prefix + ".quote", "'" + quote + "'",
                "a single character or empty");
        String label = r.optionalString(prefix + ".labelColumn");
        if (needsLabel && label == null) {
            throw new InvalidConfigException(prefix + ".labelColumn is required for labelled data");
        }
        return new DelimitedFormat(r.string(prefix + ".delimiter"), r.bool(prefix + ".header"),
                quote == null ? null : quote.charAt(0), r.string(prefix + ".charset"),
                r.string(prefix + ".textColumn"), needsLabel ? label : null, r.optionalString(prefix + ".idColumn"));
    }

    public Charset charsetValue() {
        return Charset.forName(charset);
    }
}
