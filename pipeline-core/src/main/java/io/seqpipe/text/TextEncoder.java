package io.seqpipe.text;

import java.io.Serializable;
import java.util.List;

/**
 * Raw text → padded token ids: tokenizer, vocabulary and padder together. The same encoder (saved with the model)
 * is used at prepare, evaluate and score time, so a model always sees text the way it was trained.
 */
public final class TextEncoder implements Serializable {
    private static final long serialVersionUID = 1L;
    private final WordTokenizer tokenizer;
    private final Vocabulary vocabulary;
    private final SequencePadder padder;

    public TextEncoder(TokenizerConfig tokenizer, Vocabulary vocabulary, SequenceShape shape) {
        this.tokenizer = new WordTokenizer(tokenizer);
        this.vocabulary = vocabulary;
        this.padder = new SequencePadder(shape);
    }

    public WordTokenizer tokenizer() {
        return tokenizer;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public SequenceShape shape() {
        return padder.shape();
    }

    /** Encodes {@code text}; an empty result ({@code length() == 0}) means the text had no tokens. */
    public PaddedSequence encode(String text) {
        List<String> words = tokenizer.tokenize(text);
        return padder.pad(vocabulary.encode(words));
    }
}
