package io.seqpipe.tagging;

import java.io.Serializable;

/**
 * A labelled span of a sentence (an entity, or a syntactic chunk): tokens {@code start} (inclusive) to {@code end}
 * (exclusive), of {@code type} (e.g. {@code PER}).
 */
public record Chunk(String type, int start, int end) implements Serializable {

    public Chunk {
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("a chunk needs a type");
        }
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("chunk " + type + " needs 0 <= start < end, got [" + start + ", " + end
                    + ")");
        }
    }

    public int length() {
        return end - start;
    }
}
