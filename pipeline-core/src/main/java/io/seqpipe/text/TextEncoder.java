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
    /** The tokenizer without lower-casing, for {@link #keptTokens}. */
    private final WordTokenizer casedTokenizer;
    private final Vocabulary vocabulary;
    private final SequencePadder padder;

    public TextEncoder(TokenizerConfig tokenizer, Vocabulary vocabulary, SequenceShape shape) {
        this.tokenizer = new WordTokenizer(tokenizer);
        this.casedTokenizer = new WordTokenizer(new TokenizerConfig(tokenizer.mode(), false,
                tokenizer.normalization()));
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

    /**
     * The tokens of {@code text} that {@link #encode} keeps (at most {@code sequence.maxLength}, cut at the truncation
     * side), as written: split by the tokenizer without its lower-casing, so a character-level word encoder reads the
     * casing that the word vocabulary may drop. Should lower-casing change how the text splits (an unusual letter
     * might), the tokens as {@link #encode} reads them.
     */
    public List<String> keptTokens(String text) {
        List<String> words = tokenizer.tokenize(text);
        if (tokenizer.config().lowercase()) {
            List<String> cased = casedTokenizer.tokenize(text);
            if (cased.size() == words.size()) {
                words = cased;
            }
        }
        return padder.kept(words);
    }

    /** Encodes {@code text}; an empty result ({@code length() == 0}) means the text had no tokens. */
    public PaddedSequence encode(String text) {
        List<String> words = tokenizer.tokenize(text);
        return padder.pad(vocabulary.encode(words));
    }
}
