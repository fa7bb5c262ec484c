package io.seqpipe.text;

import io.seqpipe.config.ConfigReader;

import java.io.Serializable;
import java.text.Normalizer;

/**
 * How raw text becomes word tokens.
 *
 * @param mode          {@link Mode#WHITESPACE} splits on Unicode whitespace only (for pre-tokenized corpora such as
 *                      SST-2); {@link Mode#WORDS} also splits punctuation off words, keeping in-word apostrophes,
 *                      hyphens and decimal points
 * @param lowercase     lower-case every token (locale-independent)
 * @param normalization Unicode normalization applied before splitting
 */
public record TokenizerConfig(Mode mode, boolean lowercase, Normalization normalization) implements Serializable {

    public enum Mode { WHITESPACE, WORDS }

    public enum Normalization {
        NONE(null), NFC(Normalizer.Form.NFC), NFKC(Normalizer.Form.NFKC);

        final Normalizer.Form form;

        Normalization(Normalizer.Form form) {
            this.form = form;
        }
    }

    public TokenizerConfig {
        if (mode == null || normalization == null) {
            throw new IllegalArgumentException("tokenizer mode and normalization must be set");
        }
    }

    /** Reads {@code <prefix>.mode}, {@code .lowercase}, {@code .normalization}. */
    public static TokenizerConfig from(ConfigReader reader, String prefix) {
        return new TokenizerConfig(reader.enumValue(prefix + ".mode", Mode.class),
                reader.bool(prefix + ".lowercase"),
                reader.enumValue(prefix + ".normalization", Normalization.class));
    }
}
