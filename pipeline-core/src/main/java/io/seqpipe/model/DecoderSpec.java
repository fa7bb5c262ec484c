package io.seqpipe.model;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.model.attention.LuongAttention;

import java.io.Serializable;

/**
 * The decoder of an encoder-decoder model ({@link NetworkFactory#encoderDecoder}): {@code layers} unidirectional
 * recurrent layers of the encoder's cell over the target embeddings, then Luong attention over the encoder outputs.
 *
 * @param layers           stacked decoder layers, 1..4
 * @param hidden           units per decoder layer (for the {@code dot} score it must equal the encoder's output width)
 * @param embedding        target embedding size
 * @param score            Luong's attention score: {@code dot} or {@code general}
 * @param attentionalWidth the width of the attentional state {@code tanh(W_c [c_t; h_t])} fed to the softmax
 */
public record DecoderSpec(int layers, int hidden, int embedding, LuongAttention.Score score, int attentionalWidth)
        implements Serializable {
    public DecoderSpec {
        ConfigReader.check(layers >= 1 && layers <= 4, "decoder.layers", layers, "in [1, 4]");
        ConfigReader.check(hidden >= 1, "decoder.hidden", hidden, ">= 1");
        ConfigReader.check(embedding >= 1, "decoder.embedding", embedding, ">= 1");
        ConfigReader.check(attentionalWidth >= 1, "decoder.attentionalWidth", attentionalWidth, ">= 1");
    }

    public static DecoderSpec from(ConfigReader r) {
        return new DecoderSpec(r.integer("decoder.layers"), r.integer("decoder.hidden"),
                r.integer("decoder.embedding"), r.enumValue("decoder.attention", LuongAttention.Score.class),
                r.integer("decoder.attentionalWidth"));
    }
}
