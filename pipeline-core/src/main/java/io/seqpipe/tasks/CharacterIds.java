package io.seqpipe.tasks;

import io.seqpipe.lm.LmVocabulary;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.text.VocabularyBuilder;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The characters of each token as ids, for the character-level word encoder of the tagger and the sentiment
 * classifier ({@code model.chars.*}), the same way at prepare, evaluate and score time. A character is a Unicode code
 * point of the token as written (casing kept, no lower-casing or digit mapping: the encoder sees what the word channel
 * may not). Only a token's first {@code maxWordLength} code points are read (longer tokens are truncated at the end);
 * characters outside the vocabulary are {@code <unk>} (1); {@code <pad>} (0) is never a character, so a word's ids end
 * where its padding starts. Pure; {@link CharacterColumn} is its Spark and file side.
 *
 * <p>The vocabulary is built from the training split's tokens (the characters read, each occurrence counted) by
 * {@link VocabularyBuilder}: characters seen at least {@code minCount} times, most frequent first, at most
 * {@code maxSize} entries with {@code <pad>} and {@code <unk>}. Saved as {@value #FILE}, one character per line in id
 * order, escaped as {@link LmVocabulary} escapes (a backslash {@code \\}, tab {@code \t}, control characters
 * {@code \}{@code uXXXX}).
 */
public final class CharacterIds implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The character vocabulary's file: in {@code paths.prepared}, and under {@code artifacts/} of a model. */
    public static final String FILE = "char-vocabulary.txt";

    private final Vocabulary vocabulary;
    private final int maxWordLength;

    public CharacterIds(Vocabulary vocabulary, int maxWordLength) {
        if (maxWordLength < 1) {
            throw new IllegalArgumentException("maxWordLength must be >= 1, got " + maxWordLength);
        }
        this.vocabulary = vocabulary;
        this.maxWordLength = maxWordLength;
    }

    /** The vocabulary of characters counted in training ({@link #characters} of each token). */
    public static CharacterIds build(Map<String, Long> counts, int minCount, int maxSize, int maxWordLength) {
        return new CharacterIds(new VocabularyBuilder(minCount, maxSize).build(counts), maxWordLength);
    }

    /** Reads back what {@link #toLines} wrote; fails naming the line of a bad escape. */
    public static CharacterIds fromLines(List<String> lines, int maxWordLength) {
        List<String> entries = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            entries.add(LmVocabulary.unescape(lines.get(i), i + 1));
        }
        return new CharacterIds(Vocabulary.fromLines(entries), maxWordLength);
    }

    /** One escaped character per line, in id order. */
    public List<String> toLines() {
        List<String> lines = new ArrayList<>(vocabulary.size());
        vocabulary.toLines().forEach(c -> lines.add(LmVocabulary.escape(c)));
        return lines;
    }

    /** The characters of {@code token} that are read: its first {@code maxWordLength} code points. */
    public static List<String> characters(String token, int maxWordLength) {
        List<String> out = new ArrayList<>(Math.min(token.length(), maxWordLength));
        int i = 0;
        while (i < token.length() && out.size() < maxWordLength) {
            int cp = token.codePointAt(i);
            out.add(new String(Character.toChars(cp)));
            i += Character.charCount(cp);
        }
        return out;
    }

    /** A token's character ids (at most {@code maxWordLength}). */
    public int[] encode(String token) {
        List<String> chars = characters(token, maxWordLength);
        int[] ids = new int[chars.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary.id(chars.get(i));
        }
        return ids;
    }

    /** {@code [token][character]} ids of a sentence. */
    public int[][] encode(List<String> tokens) {
        int[][] out = new int[tokens.size()][];
        for (int t = 0; t < out.length; t++) {
            out[t] = encode(tokens.get(t));
        }
        return out;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public int size() {
        return vocabulary.size();
    }

    public int maxWordLength() {
        return maxWordLength;
    }
}
