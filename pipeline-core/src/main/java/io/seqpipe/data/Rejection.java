package io.seqpipe.data;

import java.io.Serializable;

/**
 * An input line that was not used, with why. Rejects are written, never dropped silently.
 *
 * @param source the file it came from
 * @param offset where in {@code source}: the <em>1-based line number</em> (of the record's first line) for delimited
 *               text, time series, class-per-path files and the column files of {@code io.seqpipe.tagging}; 0 for a
 *               whole document
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
