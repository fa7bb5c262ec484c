package io.seqpipe.data;

import java.io.Serializable;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;

/**
 * Turns the raw bytes of a class-per-path corpus ({@link ClassLayout}) into {@link ParseOutcome}s: a line of a
 * file-per-class file, or a whole document of a directory-per-class folder, with the label taken from the file's
 * path. Strict decoding in the configured charset (undecodable bytes are rejected, never replaced), a leading
 * byte-order mark and the line end removed. Pure and serializable: it runs on executors.
 */
public final class ClassTextParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ClassLayout layout;
    private final String charset;

    public ClassTextParser(ClassLayout layout, String charset) {
        if (!layout.labelsFromPaths()) {
            throw new IllegalArgumentException("a " + layout.kind().code() + " corpus has no labels in its paths");
        }
        this.layout = layout;
        this.charset = charset;
    }

    /** One line (one text) of a file-per-class file; {@code offset} is its 1-based line number. */
    public ParseOutcome parseLine(String source, long offset, byte[] bytes, int length) {
        Charset cs = Charset.forName(charset);
        String text;
        try {
            text = DelimitedLineParser.stripLineEnd(DelimitedLineParser.decodeStrictly(cs, bytes, length));
        } catch (CharacterCodingException e) {
            return ParseOutcome.rejected(DelimitedLineParser.undecodable(source, offset, cs, bytes, length, e));
        }
        return record(source, offset, null, text);
    }

    /**
     * One document (a whole file) of a directory-per-class folder; its line breaks become spaces, and its id is
     * {@code <class directory>/<file name>}.
     */
    public ParseOutcome parseDocument(String source, byte[] bytes) {
        Charset cs = Charset.forName(charset);
        String text;
        try {
            text = DelimitedLineParser.stripLineEnd(DelimitedLineParser.decodeStrictly(cs, bytes, bytes.length));
        } catch (CharacterCodingException e) {
            return ParseOutcome.rejected(DelimitedLineParser.undecodable(source, 0, cs, bytes, bytes.length, e));
        }
        String flat = text.replaceAll("\\R", " ").strip();
        return record(source, 0, documentId(source), flat);
    }

    /** {@code <parent directory>/<file name>} of a path: stable when the corpus moves to another root. */
    public static String documentId(String source) {
        int slash = source.lastIndexOf('/');
        int parent = slash <= 0 ? -1 : source.lastIndexOf('/', slash - 1);
        return source.substring(parent + 1);
    }

    private ParseOutcome record(String source, long offset, String id, String text) {
        if (text.isBlank()) {
            return ParseOutcome.rejected(new Rejection(source, offset, RejectReason.EMPTY_TEXT, "text is empty", text));
        }
        String label = layout.labelOf(source);
        if (label == null) {
            // the reader checks every file's label before reading; this guards direct use
            return ParseOutcome.rejected(new Rejection(source, offset, RejectReason.EMPTY_LABEL,
                    "the path gives no label from " + layout.describeLabelSource(), text));
        }
        return ParseOutcome.ok(new TextRecord(source, offset, id, text, label));
    }
}
