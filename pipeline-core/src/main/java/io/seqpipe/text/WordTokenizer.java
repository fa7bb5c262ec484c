package io.seqpipe.text;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits text into word tokens as its {@link TokenizerConfig} says. Pure, thread-safe and serializable. */
public final class WordTokenizer implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A word with inner apostrophes/hyphens, a number with inner decimal separators, or any single other symbol. */
    private static final Pattern WORD = Pattern.compile(
            "\\p{L}[\\p{L}\\p{M}\\p{N}]*(?:['’\\-][\\p{L}\\p{M}\\p{N}]+)*"
                    + "|\\p{N}+(?:[.,]\\p{N}+)*"
                    + "|[^\\s\\p{L}\\p{N}]");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2000-\\u200B\\u3000]+");

    private final TokenizerConfig config;

    public WordTokenizer(TokenizerConfig config) {
        this.config = config;
    }

    public TokenizerConfig config() {
        return config;
    }

    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        String s = config.normalization().form == null ? text : Normalizer.normalize(text, config.normalization().form);
        if (config.lowercase()) {
            s = s.toLowerCase(Locale.ROOT);
        }
        if (config.mode() == TokenizerConfig.Mode.WHITESPACE) {
            for (String t : WHITESPACE.split(s.strip())) {
                if (!t.isEmpty()) {
                    tokens.add(t);
                }
            }
        } else {
            Matcher m = WORD.matcher(s);
            while (m.find()) {
                tokens.add(m.group());
            }
        }
        return tokens;
    }
}
