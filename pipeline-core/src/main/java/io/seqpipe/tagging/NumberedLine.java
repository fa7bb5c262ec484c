package io.seqpipe.tagging;

import java.io.Serializable;

/**
 * One line of a column file with its 1-based line number in that file.
 *
 * @param text        the line without its line end ({@code \r\n} or {@code \n}) and without a byte-order mark
 * @param undecodable whether the line's bytes were not valid UTF-8 ({@code text} then shows U+FFFD where they were);
 *                    such a line rejects its sentence
 */
public record NumberedLine(long number, String text, boolean undecodable) implements Serializable {

    public NumberedLine {
        if (number < 1) {
            throw new IllegalArgumentException("line numbers are 1-based, got " + number);
        }
        if (text == null) {
            throw new IllegalArgumentException("line " + number + " has no text");
        }
    }

    /** A line decoded without error. */
    public NumberedLine(long number, String text) {
        this(number, text, false);
    }
}
