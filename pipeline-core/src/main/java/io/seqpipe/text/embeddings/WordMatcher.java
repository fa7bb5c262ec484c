package io.seqpipe.text.embeddings;

import java.io.Serializable;
import java.util.Locale;

/**
 * Which vocabulary entry a word of a vector file serves: its key, the file word normalized the way the vocabulary's
 * word forms are ({@code model.embeddings.lowercase}; digits mapped to {@code 0} when the task maps them,
 * e.g. the taggers' {@code features.digitsToZero}). Without lower-casing a vocabulary form takes the vector of the
 * file word spelled exactly like it.
 *
 * <p>Collisions: when several file words share a key ({@code Paris} and {@code paris} lower-cased), the file word
 * that already equals its key ({@code paris}) wins; otherwise the first in file order (word2vec and GloVe files list
 * frequent words first).
 *
 * @param lowercase    lower-case file words (locale-independent) before matching
 * @param digitsToZero map every digit {@code 1-9} of a file word to {@code 0} before matching
 */
public record WordMatcher(boolean lowercase, boolean digitsToZero) implements Serializable {

    /** The vocabulary form a file word serves. */
    public String key(String fileWord) {
        String key = lowercase ? fileWord.toLowerCase(Locale.ROOT) : fileWord;
        if (digitsToZero) {
            char[] chars = null;
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (c >= '1' && c <= '9') {
                    if (chars == null) {
                        chars = key.toCharArray();
                    }
                    chars[i] = '0';
                }
            }
            return chars == null ? key : new String(chars);
        }
        return key;
    }

    /** Whether a file word equals its key, so that it wins a collision. */
    public boolean exact(String fileWord) {
        return key(fileWord).equals(fileWord);
    }
}
