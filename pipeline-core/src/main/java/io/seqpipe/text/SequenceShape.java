package io.seqpipe.text;

import io.seqpipe.config.ConfigReader;

import java.io.Serializable;

/**
 * Fixed-length sequences: {@code maxLength} steps, padding and truncation each at the start ({@link Side#PRE}) or the
 * end ({@link Side#POST}).
 */
public record SequenceShape(int maxLength, Side padding, Side truncation) implements Serializable {
    public enum Side { PRE, POST }

    public SequenceShape {
        ConfigReader.check(maxLength >= 1, "sequence.maxLength", maxLength, ">= 1");
        if (padding == null || truncation == null) {
            throw new IllegalArgumentException("sequence padding and truncation must be set");
        }
    }

    public static SequenceShape from(ConfigReader reader, String prefix) {
        return new SequenceShape(reader.integer(prefix + ".maxLength"),
                reader.enumValue(prefix + ".padding", Side.class),
                reader.enumValue(prefix + ".truncation", Side.class));
    }
}
