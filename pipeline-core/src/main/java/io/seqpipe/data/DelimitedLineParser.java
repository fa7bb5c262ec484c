package io.seqpipe.data;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the raw bytes of one line into a {@link ParseOutcome}: strict decoding in the configured charset, a trailing
 * {@code \r} and a leading byte-order mark removed, split into fields (quote-aware when a quote character is set),
 * the column count checked, and text/label/id picked out. Pure and serializable: it runs on executors.
 */
public final class DelimitedLineParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private final DelimitedFormat format;
    private final ColumnLayout layout;

    public DelimitedLineParser(DelimitedFormat format, ColumnLayout layout) {
        this.format = format;
        this.layout = layout;
    }

    public ParseOutcome parse(String source, long offset, byte[] bytes, int length) {
        String line;
        try {
            line = decodeStrictly(format.charsetValue(), bytes, length);
        } catch (CharacterCodingException e) {
            return ParseOutcome.rejected(undecodable(source, offset, format.charsetValue(), bytes, length, e));
        }
        return parse(source, offset, line);
    }

    /** Decodes {@code bytes[0, length)}, failing on malformed or unmappable input instead of replacing it. */
    public static String decodeStrictly(Charset charset, byte[] bytes, int length) throws CharacterCodingException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    }

    /** The {@code undecodable_bytes} rejection of bytes that {@link #decodeStrictly} refused. */
    public static Rejection undecodable(String source, long offset, Charset charset, byte[] bytes, int length,
                                        CharacterCodingException e) {
        return new Rejection(source, offset, RejectReason.UNDECODABLE_BYTES, "bytes not valid " + charset.name()
                + " (" + e.getClass().getSimpleName() + ")", new String(bytes, 0, length, charset));
    }

    public ParseOutcome parse(String source, long offset, String rawLine) {
        String line = stripLineEnd(rawLine);
        List<String> fields = split(line);
        if (fields == null) {
            return reject(source, offset, RejectReason.UNBALANCED_QUOTE, "quote " + format.quote() + " not closed", line);
        }
        if (layout.expectedColumns() >= 0 ? fields.size() != layout.expectedColumns() : fields.size() < layout.minColumns()) {
            String expected = layout.expectedColumns() >= 0 ? String.valueOf(layout.expectedColumns())
                    : "at least " + layout.minColumns();
            return reject(source, offset, RejectReason.WRONG_COLUMN_COUNT,
                    "expected " + expected + " columns, got " + fields.size(), line);
        }
        String text = fields.get(layout.text());
        if (text.isBlank()) {
            return reject(source, offset, RejectReason.EMPTY_TEXT, "text column is empty", line);
        }
        String label = null;
        if (layout.label() >= 0) {
            label = fields.get(layout.label()).strip();
            if (label.isEmpty()) {
                return reject(source, offset, RejectReason.EMPTY_LABEL, "label column is empty", line);
            }
        }
        String id = null;
        if (layout.id() >= 0) {
            id = fields.get(layout.id()).strip();
            if (id.isEmpty()) {
                return reject(source, offset, RejectReason.EMPTY_ID, "id column is empty", line);
            }
        }
        return ParseOutcome.ok(new TextRecord(source, offset, id, text, label));
    }

    /** Removes a trailing CR and a leading UTF-8 byte-order mark. */
    public static String stripLineEnd(String line) {
        String s = line;
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        if (s.endsWith("\r")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Splits on the delimiter; with a quote character, {@code "a,b"} is one field and {@code ""} inside is a quote. */
    public List<String> split(String line) {
        return split(line, format.delimiter(), format.quote());
    }

    /**
     * Splits {@code line} on {@code delimiter}; with a {@code quote} character (null for none), {@code "a,b"} is one
     * field and {@code ""} inside quotes is a literal quote. Returns null when a quoted field is not closed. The one
     * field splitter of SeqPipe: every delimited input (text or time series) uses it.
     */
    public static List<String> split(String line, String delimiter, Character quote) {
        List<String> out = new ArrayList<>();
        String d = delimiter;
        if (quote == null) {
            int from = 0;
            while (true) {
                int at = line.indexOf(d, from);
                if (at < 0) {
                    out.add(line.substring(from));
                    return out;
                }
                out.add(line.substring(from, at));
                from = at + d.length();
            }
        }
        char q = quote;
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == q) {
                    if (i + 1 < line.length() && line.charAt(i + 1) == q) {
                        field.append(q);
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                field.append(c);
                i++;
            } else if (c == q && field.length() == 0) {
                quoted = true;
                i++;
            } else if (line.startsWith(d, i)) {
                out.add(field.toString());
                field.setLength(0);
                i += d.length();
            } else {
                field.append(c);
                i++;
            }
        }
        if (quoted) {
            return null;
        }
        out.add(field.toString());
        return out;
    }

    /**
     * Whether a quoted field is still open at the end of {@code line}, by the rules of {@link #split}: a quote opens a
     * field only at its start, {@code ""} inside quotes is a literal quote. {@code insideQuotes}: whether the line
     * continues a quoted field opened on an earlier line (RFC 4180 fields may hold line breaks).
     */
    public static boolean quoteOpenAfter(String line, boolean insideQuotes, String delimiter, char quote) {
        boolean quoted = insideQuotes;
        boolean fieldStarted = insideQuotes;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == quote) {
                    if (i + 1 < line.length() && line.charAt(i + 1) == quote) {
                        fieldStarted = true;
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    fieldStarted = true;
                }
                i++;
            } else if (c == quote && !fieldStarted) {
                quoted = true;
                i++;
            } else if (line.startsWith(delimiter, i)) {
                fieldStarted = false;
                i += delimiter.length();
            } else {
                fieldStarted = true;
                i++;
            }
        }
        return quoted;
    }

    private static ParseOutcome reject(String source, long offset, RejectReason reason, String detail, String line) {
        return ParseOutcome.rejected(new Rejection(source, offset, reason, detail, line));
    }

}
