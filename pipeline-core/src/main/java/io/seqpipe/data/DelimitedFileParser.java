package io.seqpipe.data;

import java.io.Serializable;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Parses one whole delimited file, read in order as raw physical lines, into {@link ParseOutcome}s numbered by their
 * 1-based first line: the header (line 1, when the format has one) and blank lines skipped, each line decoded
 * strictly, and with a quote character set, a quoted field that holds line breaks (RFC 4180) read as one record
 * that ends where its quote closes. A quote that is not closed before the end of the file, or within
 * {@link #MAX_RECORD_LINES} lines, rejects its opening line as {@code unbalanced_quote}, and reading resumes on the
 * line after it, so one stray quote costs one record. A multi-line record with undecodable bytes is one
 * {@code undecodable_bytes} reject. Every record is read once: read = written + rejected. Pure and serializable: it
 * runs on executors.
 */
public final class DelimitedFileParser implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The most physical lines one quoted record may span. */
    public static final int MAX_RECORD_LINES = 1000;

    private final DelimitedFormat format;
    private final DelimitedLineParser parser;
    private final int maxRecordLines;

    /** A physical line of a file: its 1-based number and its bytes without the {@code \n}. */
    public record RawLine(long number, byte[] bytes) {
    }

    public DelimitedFileParser(DelimitedFormat format, ColumnLayout layout) {
        this(format, layout, MAX_RECORD_LINES);
    }

    DelimitedFileParser(DelimitedFormat format, ColumnLayout layout, int maxRecordLines) {
        this.format = format;
        this.parser = new DelimitedLineParser(format, layout);
        this.maxRecordLines = maxRecordLines;
    }

    /** The records of the file {@code source}, whose lines come in order from line 1; lazy. */
    public Iterator<ParseOutcome> parse(String source, Iterator<RawLine> lines) {
        return new Records(source, lines);
    }

    /** A decoded line; {@code undecodable} is set (and {@code text} decoded lossily) when its bytes are invalid. */
    private record Line(long number, String text, Rejection undecodable) {
    }

    private final class Records implements Iterator<ParseOutcome> {
        private final String source;
        private final Iterator<RawLine> lines;
        private final Deque<Line> replay = new ArrayDeque<>();
        private final Charset charset = format.charsetValue();
        private ParseOutcome next;

        Records(String source, Iterator<RawLine> lines) {
            this.source = source;
            this.lines = lines;
            this.next = advance();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public ParseOutcome next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            ParseOutcome current = next;
            next = advance();
            return current;
        }

        private Line nextLine() {
            if (!replay.isEmpty()) {
                return replay.poll();
            }
            if (!lines.hasNext()) {
                return null;
            }
            RawLine raw = lines.next();
            try {
                String text = DelimitedLineParser.decodeStrictly(charset, raw.bytes(), raw.bytes().length);
                return new Line(raw.number(), DelimitedLineParser.stripLineEnd(text), null);
            } catch (CharacterCodingException e) {
                Rejection r = DelimitedLineParser.undecodable(source, raw.number(), charset, raw.bytes(),
                        raw.bytes().length, e);
                return new Line(raw.number(), DelimitedLineParser.stripLineEnd(r.line()), r);
            }
        }

        private ParseOutcome advance() {
            while (true) {
                Line first = nextLine();
                if (first == null) {
                    return null;
                }
                if ((format.header() && first.number() == 1) || first.text().isEmpty()) {
                    continue; // the header, or a blank line: not records
                }
                if (format.quote() == null
                        || !DelimitedLineParser.quoteOpenAfter(first.text(), false, format.delimiter(), format.quote())) {
                    return first.undecodable() != null ? ParseOutcome.rejected(first.undecodable())
                            : parser.parse(source, first.number(), first.text());
                }
                ParseOutcome multiLine = multiLine(first);
                if (multiLine != null) {
                    return multiLine;
                }
            }
        }

        /** A record whose quoted field continues after {@code first}, or null when its quote is never closed. */
        private ParseOutcome multiLine(Line first) {
            List<Line> taken = new ArrayList<>();
            taken.add(first);
            StringBuilder record = new StringBuilder(first.text());
            boolean undecodable = first.undecodable() != null;
            while (taken.size() < maxRecordLines) {
                Line more = nextLine();
                if (more == null) {
                    return unclosed(taken, "before the end of the file");
                }
                taken.add(more);
                record.append('\n').append(more.text());
                undecodable |= more.undecodable() != null;
                if (!DelimitedLineParser.quoteOpenAfter(more.text(), true, format.delimiter(), format.quote())) {
                    if (undecodable) {
                        return ParseOutcome.rejected(new Rejection(source, first.number(),
                                RejectReason.UNDECODABLE_BYTES, "bytes not valid " + charset.name() + " in the record"
                                + " of lines " + first.number() + "-" + more.number(), record.toString()));
                    }
                    return parser.parse(source, first.number(), record.toString());
                }
            }
            return unclosed(taken, "within " + maxRecordLines + " lines");
        }

        /** Rejects the opening line and puts the lines after it back to be read again. */
        private ParseOutcome unclosed(List<Line> taken, String where) {
            for (int i = taken.size() - 1; i >= 1; i--) {
                replay.addFirst(taken.get(i));
            }
            Line first = taken.get(0);
            return ParseOutcome.rejected(new Rejection(source, first.number(), RejectReason.UNBALANCED_QUOTE,
                    "quote " + format.quote() + " opened on line " + first.number() + " is not closed " + where,
                    first.text()));
        }
    }
}
