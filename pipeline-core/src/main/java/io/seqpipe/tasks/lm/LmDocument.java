package io.seqpipe.tasks.lm;

import io.seqpipe.data.Rejection;

import java.io.Serializable;
import java.util.List;

/**
 * One document of a language-model corpus as read: its file, its 1-based line for one document per line (0 for a
 * whole file), and its text; or none, when everything it had was rejected. {@code rejections} lists the lines (or
 * the whole document) left out, each with its reason.
 *
 * @param text null when there is no document to keep
 */
public record LmDocument(String source, long line, String text, List<Rejection> rejections) implements Serializable {
    public LmDocument {
        rejections = List.copyOf(rejections);
    }

    /** Whether there is a document to keep. */
    public boolean kept() {
        return text != null;
    }

    /**
     * The key that orders documents in reading order: by file path, then line ({@code \0} sorts before every
     * character, so a path that is a prefix of another comes first).
     */
    public String orderKey() {
        return source + '\u0000' + String.format("%019d", line);
    }
}
