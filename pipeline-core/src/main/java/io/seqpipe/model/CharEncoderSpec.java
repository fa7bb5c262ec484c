package io.seqpipe.model;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.model.chars.CharacterEncoder;

import java.io.Serializable;

/**
 * The character-level word encoder of a tagger ({@code model.chars.*}): off ({@link Encoder#NONE}), or a character
 * embedding then a BiLSTM or a CNN over each word's characters ({@link CharacterEncoder}), whose output is
 * concatenated with the word's id channels.
 *
 * @param encoder       none | lstm | cnn
 * @param embedding     character embedding size
 * @param hidden        LSTM units per direction (output {@code 2 · hidden})
 * @param filters       CNN filters (the output width)
 * @param width         CNN filter width in characters
 * @param maxWordLength characters read of each word: its first {@code maxWordLength} code points
 * @param minCount      characters seen fewer times in the training split become {@code <unk>}
 * @param maxSize       most entries of the character vocabulary, including {@code <pad>} and {@code <unk>}
 */
public record CharEncoderSpec(Encoder encoder, int embedding, int hidden, int filters, int width, int maxWordLength,
                              int minCount, int maxSize) implements Serializable {
    /** {@code model.chars.encoder}. */
    public enum Encoder { NONE, LSTM, CNN }

    public CharEncoderSpec {
        ConfigReader.check(embedding >= 1, "model.chars.embedding", embedding, ">= 1");
        ConfigReader.check(hidden >= 1, "model.chars.hidden", hidden, ">= 1");
        ConfigReader.check(filters >= 1, "model.chars.filters", filters, ">= 1");
        ConfigReader.check(width >= 1 && width <= 15, "model.chars.width", width, "in [1, 15]");
        ConfigReader.check(maxWordLength >= 1 && maxWordLength <= 200, "model.chars.maxWordLength", maxWordLength,
                "in [1, 200]");
        ConfigReader.check(minCount >= 1, "model.chars.minCount", minCount, ">= 1");
        ConfigReader.check(maxSize >= 3, "model.chars.maxSize", maxSize, ">= 3 (<pad>, <unk> and one character)");
    }

    public static CharEncoderSpec from(ConfigReader r) {
        return new CharEncoderSpec(r.enumValue("model.chars.encoder", Encoder.class), r.integer("model.chars.embedding"),
                r.integer("model.chars.hidden"), r.integer("model.chars.filters"), r.integer("model.chars.width"),
                r.integer("model.chars.maxWordLength"), r.integer("model.chars.minCount"),
                r.integer("model.chars.maxSize"));
    }

    /** Whether the encoder is on. */
    public boolean enabled() {
        return encoder != Encoder.NONE;
    }

    /** The encoder's output width per word. */
    public int outputWidth() {
        return CharacterEncoder.outputWidth(kind(), hidden, filters);
    }

    /** The layer configuration over a character vocabulary of {@code vocabulary} entries. */
    public CharacterEncoder layer(int vocabulary) {
        if (!enabled()) {
            throw new IllegalStateException("model.chars.encoder = none has no layer");
        }
        return new CharacterEncoder.Builder().kind(kind()).nIn(vocabulary).charEmbedding(embedding).hidden(hidden)
                .filters(filters).width(width).build();
    }

    private CharacterEncoder.Kind kind() {
        return encoder == Encoder.CNN ? CharacterEncoder.Kind.CNN : CharacterEncoder.Kind.LSTM;
    }
}
