package io.seqpipe.model;

import java.io.Serializable;

/**
 * One per-token id feature of a multi-channel token input (the word, its casing class, a suffix, ...), each embedded
 * by its own table and concatenated.
 *
 * @param name       names the channel's vertices ({@code <name>_ids}, {@code <name>_embedding})
 * @param vocabulary ids in {@code [0, vocabulary)}
 * @param embedding  the channel's embedding size
 */
public record TokenChannel(String name, int vocabulary, int embedding) implements Serializable {
    public TokenChannel {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("channel name must be [a-z][a-z0-9_]*, got '" + name + "'");
        }
        if (vocabulary < 1 || embedding < 1) {
            throw new IllegalArgumentException("channel " + name + ": vocabulary and embedding must be >= 1, got "
                    + vocabulary + " and " + embedding);
        }
    }
}
