package io.seqpipe.translation;

import java.io.Serializable;

/**
 * One source sentence and its translation, as read.
 *
 * @param origin the file(s) it came from
 * @param line   its 1-based line number there
 */
public record SentencePair(String source, String target, String origin, long line) implements Serializable {
}
