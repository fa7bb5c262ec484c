package io.seqpipe.translation.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * sacreBLEU's 13a tokenizer. Expected token lists were derived by applying the four regular expressions of
 * sacreBLEU's {@code tokenizer_re.py} (and the unescaping of {@code tokenizer_13a.py}) step by step; each case says
 * which rule it exercises.
 */
class Tokenizer13aTest {
    private final Tokenizer13a tok = new Tokenizer13a();

    @Test
    void splitsAsciiSymbolsButKeepsApostrophesAndInWordHyphens() {
        assertEquals(List.of("Hello", ",", "world", "!"), tok.tokenize("Hello, world!"));
        assertEquals(List.of("Don't", "stop", "(", "now", ")", ".", ".", "."), tok.tokenize("Don't stop (now)..."));
        assertEquals(List.of("path", "/", "to", "\\", "file", "[", "x", "]", "{", "y", "}", "~", "z", "^", "_", "`",
                "|"), tok.tokenize("path/to\\file [x]{y}~z^_`|"));
    }

    @Test
    void periodsAndCommasStayInsideNumbersOnly() {
        // "3.50": '.' between digits stays; "0," and "k." are split because a non-digit is on one side
        assertEquals(List.of("It", "costs", "$", "3.50", ",", "ok", "."), tok.tokenize("It costs $3.50, ok."));
        // "x.5": '.' after a non-digit is split; "5.x": '.' before a non-digit is split
        assertEquals(List.of("a", ".", "b", ",", "c", "1,000.5", "x", ".", "5", "5", ".", "x"),
                tok.tokenize("a.b,c 1,000.5 x.5 5.x"));
        assertEquals(List.of("e", ".", "g", ".", "U", ".", "S", ".", "A", "."), tok.tokenize("e.g. U.S.A."));
    }

    @Test
    void dashIsSplitOnlyAfterADigit() {
        assertEquals(List.of("well-known", "1990", "-", "2000", "items"), tok.tokenize("well-known 1990-2000 items"));
    }

    @Test
    void unescapesEntitiesAndDropsSkipped() {
        assertEquals(List.of("\"", "quoted", "\"", "&", "AT", "&", "T", "end"),
                tok.tokenize("&quot;quoted&quot; &amp; AT&amp;T <skipped>end"));
    }

    @Test
    void noBreakSpacesSeparateTokensAsInPythonSplit() {
        assertEquals(List.of("Über", "alles", "ja", "!"), tok.tokenize("Über\u00A0alles\u202Fja!"));
    }
}
