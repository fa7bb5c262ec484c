package io.seqpipe.data;

import java.io.Serializable;

/**
 * An input line that was not used, with why. Rejects are written, never dropped silently.
 *
 * @param source the file it came from
 * @param offset where in {@code source}: the byte offset of the line for one-record-per-line files
 *               ({@code io.seqpipe.data.DelimitedLineParser}); the <em>1-based line number</em> for the column files
 *               of {@code io.seqpipe.tagging} (CoNLL-2003, CoNLL-U, token/tag columns)
 * @param line the line as decoded (undecodable bytes replaced with U+FFFD), truncated to 1000 characters
 */
public record Rejection(String source, long offset, RejectReason reason, String detail, String line)
        implements Serializable {
    public static final int MAX_LINE_CHARS = 1000;

    public Rejection {
        if (line != null && line.length() > MAX_LINE_CHARS) {
            line = line.substring(0, MAX_LINE_CHARS);
        }
    }
}
