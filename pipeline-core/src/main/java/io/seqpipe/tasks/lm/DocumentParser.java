package io.seqpipe.tasks.lm;

import io.seqpipe.data.DelimitedLineParser;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.lm.UnitTokenizer;

import java.io.Serializable;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns the raw bytes of a text corpus into {@link LmDocument}s: a line (one document per line) or a whole file (one
 * document per file). Decoding is strict in the configured charset: a line with undecodable bytes is rejected
 * ({@code undecodable_bytes}, with its file and 1-based line number), never replaced; in a whole file only that line
 * is left out. A leading byte-order mark is removed and a {@code \r\n} line end is read as {@code \n}. A document
 * that is blank or gives no units is rejected as {@code empty_text}. Pure and serializable: it runs on executors.
 */
public final class DocumentParser implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String charset;
    private final UnitTokenizer tokenizer;

    /** {@code tokenizer} decides whether a document has units. */
    public DocumentParser(String charset, UnitTokenizer tokenizer) {
        this.charset = charset;
        this.tokenizer = tokenizer;
    }

    /** One line, one document; {@code line} is its 1-based line number, bytes {@code [0, length)} without the \n. */
    public LmDocument parseLine(String source, long line, byte[] bytes, int length) {
        Charset cs = Charset.forName(charset);
        try {
            String text = DelimitedLineParser.stripLineEnd(DelimitedLineParser.decodeStrictly(cs, bytes, length));
            return document(source, line, text, List.of());
        } catch (CharacterCodingException e) {
            return new LmDocument(source, line, null,
                    List.of(DelimitedLineParser.undecodable(source, line, cs, bytes, length, e)));
        }
    }

    /** A whole file, one document (its line 0); its undecodable lines are rejected and left out. */
    public LmDocument parseFile(String source, byte[] bytes) {
        Charset cs = Charset.forName(charset);
        List<Rejection> rejections = new ArrayList<>();
        StringBuilder text = new StringBuilder(bytes.length);
        int from = 0;
        long lineNumber = 1;
        while (from < bytes.length) {
            int end = from;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            boolean newline = end < bytes.length;
            int length = end - from;
            if (length > 0 && bytes[end - 1] == '\r' && newline) {
                length--; // \r\n is read as \n
            }
            byte[] lineBytes = Arrays.copyOfRange(bytes, from, from + length);
            try {
                text.append(DelimitedLineParser.decodeStrictly(cs, lineBytes, length));
                if (newline) {
                    text.append('\n');
                }
            } catch (CharacterCodingException e) {
                rejections.add(DelimitedLineParser.undecodable(source, lineNumber, cs, lineBytes, length, e));
            }
            from = end + 1;
            lineNumber++;
        }
        String document = text.length() > 0 && text.charAt(0) == '\uFEFF' ? text.substring(1) : text.toString();
        return document(source, 0, document, rejections);
    }

    /**
     * A document already decoded (e.g. a DataFrame's cell), at {@code line}; rejected as {@code empty_text} when it
     * is blank or gives no units, as a line or a file would be.
     */
    public LmDocument parseText(String source, long line, String text) {
        return document(source, line, text, List.of());
    }

    private LmDocument document(String source, long line, String text, List<Rejection> rejections) {
        if (text.isBlank() || tokenizer.units(text).isEmpty()) {
            List<Rejection> all = new ArrayList<>(rejections);
            all.add(new Rejection(source, line, RejectReason.EMPTY_TEXT, text.isBlank()
                    ? "the document is blank" : "the document has no " + tokenizer.unit().name().toLowerCase(
                    Locale.ROOT) + " units", text));
            return new LmDocument(source, line, null, all);
        }
        return new LmDocument(source, line, text, rejections);
    }
}
