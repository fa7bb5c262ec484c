package io.seqpipe.model;

import java.io.Serializable;

/**
 * One per-token id feature of a multi-channel token input (the word, its casing class, a suffix, ...), each embedded
 * by its own table and concatenated.
 *
 * @param name       names the channel's vertices ({@code <name>_ids}, {@code <name>_embedding})
 * @param vocabulary ids in {@code [0, vocabulary)}
 * @param embedding  the channel's embedding size
 * @param frozen     keep the channel's embedding fixed in training (e.g. pretrained word vectors,
 *                   {@code model.embeddings.trainable = false})
 */
public record TokenChannel(String name, int vocabulary, int embedding, boolean frozen) implements Serializable {
    /** A trainable channel. */
    public TokenChannel(String name, int vocabulary, int embedding) {
        this(name, vocabulary, embedding, false);
    }

    /** This channel with its embedding frozen. */
    public TokenChannel asFrozen() {
        return new TokenChannel(name, vocabulary, embedding, true);
    }

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
