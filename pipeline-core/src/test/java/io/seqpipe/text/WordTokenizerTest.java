package io.seqpipe.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordTokenizerTest {
    static WordTokenizer tokenizer(TokenizerConfig.Mode mode, boolean lower, TokenizerConfig.Normalization n) {
        return new WordTokenizer(new TokenizerConfig(mode, lower, n));
    }

    @Test
    void whitespaceModeSplitsOnAnyWhitespaceOnly() {
        WordTokenizer t = tokenizer(TokenizerConfig.Mode.WHITESPACE, false, TokenizerConfig.Normalization.NONE);
        assertEquals(List.of("it", "'s", "a", "charming", "journey", "."),
                t.tokenize("  it 's a\tcharming\u00A0journey . "));
    }

    @Test
    void wordsModeSplitsPunctuationButKeepsInWordApostrophesHyphensAndNumbers() {
        WordTokenizer t = tokenizer(TokenizerConfig.Mode.WORDS, true, TokenizerConfig.Normalization.NFKC);
        assertEquals(List.of("don't", "miss", "it", ",", "it's", "a", "well-made", "film", "(", "3.5", "/", "5", ")",
                "!"), t.tokenize("Don't miss it, it's a well-made film (3.5/5)!"));
    }

    @Test
    void lowercasingIsLocaleIndependent() {
        WordTokenizer t = tokenizer(TokenizerConfig.Mode.WHITESPACE, true, TokenizerConfig.Normalization.NONE);
        assertEquals(List.of("title", "istanbul"), t.tokenize("TITLE ISTANBUL"));
    }

    @Test
    void nfkcFoldsCompatibilityCharacters() {
        WordTokenizer nfkc = tokenizer(TokenizerConfig.Mode.WHITESPACE, false, TokenizerConfig.Normalization.NFKC);
        WordTokenizer none = tokenizer(TokenizerConfig.Mode.WHITESPACE, false, TokenizerConfig.Normalization.NONE);
        // the "fi" ligature and full-width digits
        assertEquals(List.of("fine", "12"), nfkc.tokenize("\uFB01ne \uFF11\uFF12"));
        assertEquals(List.of("\uFB01ne", "\uFF11\uFF12"), none.tokenize("\uFB01ne \uFF11\uFF12"));
    }

    @Test
    void nfcComposesAccents() {
        WordTokenizer t = tokenizer(TokenizerConfig.Mode.WORDS, false, TokenizerConfig.Normalization.NFC);
        assertEquals(List.of("café"), t.tokenize("cafe\u0301"));
    }

    @Test
    void blankAndNullTextHaveNoTokens() {
        WordTokenizer t = tokenizer(TokenizerConfig.Mode.WORDS, true, TokenizerConfig.Normalization.NFKC);
        assertEquals(List.of(), t.tokenize("   \t "));
        assertEquals(List.of(), t.tokenize(null));
    }
}
