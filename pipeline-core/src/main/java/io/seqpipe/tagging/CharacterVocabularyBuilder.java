package io.seqpipe.tagging;

import io.seqpipe.text.Vocabulary;
import io.seqpipe.text.VocabularyBuilder;

import java.util.HashMap;
import java.util.Map;

/**
 * Builds the character {@link Vocabulary} for {@link CharacterEncoder} from word counts (as
 * {@code io.seqpipe.spark.TokenCounts} returns them): each code point of a word counts as often as the word occurs;
 * characters seen at least {@code minCount} times are kept, most frequent first, ties by character, at most
 * {@code maxSize} ids including padding (0) and unknown (1). The choice is {@link VocabularyBuilder}'s, so word and
 * character vocabularies follow one rule.
 */
public final class CharacterVocabularyBuilder {
    private final VocabularyBuilder builder;

    public CharacterVocabularyBuilder(int minCount, int maxSize) {
        this.builder = new VocabularyBuilder(minCount, maxSize);
    }

    public Vocabulary build(Map<String, Long> tokenCounts) {
        return builder.build(characterCounts(tokenCounts));
    }

    /** How often each code point (as a one-character string) occurs, weighting each word by its count. */
    public static Map<String, Long> characterCounts(Map<String, Long> tokenCounts) {
        Map<String, Long> chars = new HashMap<>();
        for (Map.Entry<String, Long> e : tokenCounts.entrySet()) {
            long n = e.getValue();
            e.getKey().codePoints().forEach(cp -> chars.merge(Character.toString(cp), n, Long::sum));
        }
        return chars;
    }
}
