package io.seqpipe.translation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.seqpipe.translation.TranslationTokenizer.Language.DE;
import static io.seqpipe.translation.TranslationTokenizer.Language.EN;
import static io.seqpipe.translation.TranslationTokenizer.Language.FR;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TranslationTokenizerTest {
    @Test
    void englishLowerCasesSplitsPunctuationHyphensAndClitics() {
        TranslationTokenizer en = TranslationTokenizer.forLanguage(EN);
        assertEquals(List.of("two", "young", ",", "white", "males", "are", "outside", "."),
                en.tokenize("Two young, White males are outside."));
        assertEquals(List.of("i", "do", "n't", "know", "what", "it", "'s", "called", "!"),
                en.tokenize("I don't know what it's called!"));
        assertEquals(List.of("a", "well", "-", "known", "t", "-", "shirt", "costs", "3.50"),
                en.tokenize("A well-known T-shirt costs 3.50"));
        assertEquals(List.of("they", "'re", "here", "and", "we", "'ll", "go"), en.tokenize("They’re here and we'll go"));
    }

    @Test
    void germanHasNoCliticRulesButSplitsHyphensAndKeepsUmlauts() {
        TranslationTokenizer de = TranslationTokenizer.forLanguage(DE);
        assertEquals(List.of("zwei", "junge", "weiße", "männer", "sind", "im", "freien", "."),
                de.tokenize("Zwei junge weiße Männer sind im Freien."));
        assertEquals(List.of("ein", "t", "-", "shirt", "von", "geht's"), de.tokenize("Ein T-Shirt von geht's"));
    }

    /** Tatoeba's French puts U+202F / U+00A0 before "!" and "?": they separate tokens like a space. */
    @Test
    void frenchSplitsElisionsAndTreatsNoBreakSpacesAsSpace() {
        TranslationTokenizer fr = TranslationTokenizer.forLanguage(FR);
        assertEquals(List.of("va", "!"), fr.tokenize("Va\u202F!"));
        assertEquals(List.of("qu'", "est", "-", "ce", "que", "l'", "homme", "a", "dit", "?"),
                fr.tokenize("Qu'est-ce que l'homme a dit\u00A0?"));
        assertEquals(List.of("j'", "ai", "faim", "."), fr.tokenize("J’ai faim."));
    }

    @Test
    void caseCanBeKeptAndEmptyTextHasNoTokens() {
        TranslationTokenizer keep = new TranslationTokenizer(EN, false, false);
        assertEquals(List.of("A", "well-known", "Man", "."), keep.tokenize("A well-known Man."));
        assertEquals(List.of(), keep.tokenize("  \u00A0 "));
        assertEquals(List.of(), keep.tokenize(null));
    }
}
