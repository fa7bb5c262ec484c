package io.seqpipe.tagging;

import io.seqpipe.text.Vocabulary;

import java.io.Serializable;
import java.util.List;

/**
 * Turns a word into a fixed-length array of character ids for a character-level word encoder (CNN or BiLSTM over
 * characters). Characters are Unicode code points, looked up in a character {@link Vocabulary} (built by
 * {@link CharacterVocabularyBuilder}): id 0 = padding, 1 = unknown character. A word shorter than {@code maxChars}
 * is padded at the end with 0; a longer one keeps its first {@code ceil(maxChars / 2)} and last
 * {@code floor(maxChars / 2)} characters (prefix and suffix, where capitalisation and inflection are), dropping the
 * middle. Pure and serializable.
 */
public final class CharacterEncoder implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Vocabulary characters;
    private final int maxChars;

    public CharacterEncoder(Vocabulary characters, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be >= 1, got " + maxChars);
        }
        this.characters = characters;
        this.maxChars = maxChars;
    }

    public int maxChars() {
        return maxChars;
    }

    public Vocabulary characters() {
        return characters;
    }

    /** {@code maxChars} ids: the word's characters (prefix + suffix if too long), then 0s. */
    public int[] encode(String word) {
        int[] cps = word.codePoints().toArray();
        int[] out = new int[maxChars];
        if (cps.length <= maxChars) {
            for (int i = 0; i < cps.length; i++) {
                out[i] = id(cps[i]);
            }
            return out;
        }
        int head = (maxChars + 1) / 2;
        int tail = maxChars - head;
        for (int i = 0; i < head; i++) {
            out[i] = id(cps[i]);
        }
        for (int i = 0; i < tail; i++) {
            out[head + i] = id(cps[cps.length - tail + i]);
        }
        return out;
    }

    /** One row of {@link #encode} per token. */
    public int[][] encode(List<String> tokens) {
        int[][] out = new int[tokens.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = encode(tokens.get(i));
        }
        return out;
    }

    private int id(int codePoint) {
        return characters.id(Character.toString(codePoint));
    }
}
