package io.seqpipe.lm;

/** What one unit of a language model is ({@code lm.unit}). */
public enum LmUnit {
    /** A Unicode character: one code point (a surrogate pair is one unit), line breaks included. */
    CHAR,
    /** A word, as {@link io.seqpipe.text.WordTokenizer} splits the text. */
    WORD
}
