package io.seqpipe.translation;

import io.seqpipe.text.TokenizerConfig;
import io.seqpipe.text.WordTokenizer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Language-aware word tokenization for one side of a parallel corpus, used at prepare time and again at scoring
 * time (hypotheses and references go through the same tokenizer, so BLEU compares the tokens the model was trained
 * on). Steps:
 * <ol>
 *   <li>NFC normalization; every Unicode space separator (the no-break spaces U+00A0 and U+202F that French Tatoeba
 *       puts before {@code ! ? : ;} included) and control whitespace becomes a plain space;</li>
 *   <li>optional lower-casing ({@link Locale#ROOT});</li>
 *   <li>{@link WordTokenizer} in {@code WORDS} mode: words (with inner apostrophes and hyphens), numbers, and each
 *       other symbol on its own; the typographic apostrophe U+2019 is read as {@code '}, so both spellings give one
 *       token;</li>
 *   <li>optionally, hyphens between letters become their own token ({@code well-known} → {@code well - known}), as
 *       spaCy's English and German tokenizers do;</li>
 *   <li>clitics by {@link Language}: English {@code n't} and {@code 's 're 've 'll 'd 'm} are split off
 *       ({@code don't} → {@code do n't}, {@code it's} → {@code it 's}); French elided articles and pronouns keep their
 *       apostrophe and are split off ({@code l'homme} → {@code l' homme}, {@code qu'il} → {@code qu' il}); German and
 *       {@link Language#OTHER} have no clitic rules.</li>
 * </ol>
 * This approximates spaCy's lower-cased tokens (the Multi30k anchors' scoring tokens) on ordinary sentences; exact
 * spaCy parity is not claimed.
 */
public final class TranslationTokenizer implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Language { EN, DE, FR, OTHER }

    private static final Pattern SPACES = Pattern.compile("[\\p{Z}\\s\\u0085]+");
    private static final Pattern LETTER_HYPHEN_LETTER = Pattern.compile("(?<=\\p{L})-(?=\\p{L})");
    private static final Pattern EN_NOT = Pattern.compile("(?i)(\\p{L}+)(n't)");
    private static final Pattern EN_SUFFIX = Pattern.compile("(?i)(\\p{L}+)('(?:s|re|ve|ll|d|m))");
    private static final Pattern FR_ELISION = Pattern.compile(
            "(?i)(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)(')(\\p{L}.*)");

    private final Language language;
    private final boolean lowercase;
    private final boolean splitHyphens;
    private final WordTokenizer words;

    public TranslationTokenizer(Language language, boolean lowercase, boolean splitHyphens) {
        if (language == null) {
            throw new IllegalArgumentException("tokenizer language must be set");
        }
        this.language = language;
        this.lowercase = lowercase;
        this.splitHyphens = splitHyphens;
        this.words = new WordTokenizer(new TokenizerConfig(TokenizerConfig.Mode.WORDS, lowercase,
                TokenizerConfig.Normalization.NFC));
    }

    /** Lower-cased, hyphens split, the language's clitic rules: the scoring tokenization of the translation task. */
    public static TranslationTokenizer forLanguage(Language language) {
        return new TranslationTokenizer(language, true, true);
    }

    public Language language() {
        return language;
    }

    public boolean lowercase() {
        return lowercase;
    }

    public boolean splitHyphens() {
        return splitHyphens;
    }

    public List<String> tokenize(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String token : words.tokenize(SPACES.matcher(text).replaceAll(" ").replace('\u2019', '\''))) {
            if (splitHyphens && token.indexOf('-') > 0) {
                for (String piece : splitKeeping(token)) {
                    addWithClitics(piece, out);
                }
            } else {
                addWithClitics(token, out);
            }
        }
        return out;
    }

    /** {@code a-b-c} → {@code a, -, b, -, c} where the hyphens sit between letters. */
    private static List<String> splitKeeping(String token) {
        List<String> pieces = new ArrayList<>();
        Matcher m = LETTER_HYPHEN_LETTER.matcher(token);
        int from = 0;
        while (m.find()) {
            pieces.add(token.substring(from, m.start()));
            pieces.add("-");
            from = m.end();
        }
        pieces.add(token.substring(from));
        return pieces;
    }

    private void addWithClitics(String token, List<String> out) {
        switch (language) {
            case EN -> {
                Matcher not = EN_NOT.matcher(token);
                Matcher suffix = EN_SUFFIX.matcher(token);
                if (not.matches()) {
                    out.add(not.group(1));
                    out.add(not.group(2));
                } else if (suffix.matches()) {
                    out.add(suffix.group(1));
                    out.add(suffix.group(2));
                } else {
                    out.add(token);
                }
            }
            case FR -> {
                Matcher m = FR_ELISION.matcher(token);
                if (m.matches()) {
                    out.add(m.group(1) + m.group(2));
                    addWithClitics(m.group(3), out);
                } else {
                    out.add(token);
                }
            }
            default -> out.add(token);
        }
    }

    @Override
    public String toString() {
        return "TranslationTokenizer{" + language + ", lowercase=" + lowercase + ", splitHyphens=" + splitHyphens + "}";
    }
}
