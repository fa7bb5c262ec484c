package io.seqpipe.text.embeddings;

import java.io.Serializable;
import java.util.Locale;

/**
 * Which vocabulary word forms a word of a vector file serves, and which form it becomes when it joins the vocabulary.
 * A file word serves every vocabulary form with the same {@link #key}: the word itself, lower-cased with
 * {@code model.embeddings.lowercase} (locale-independent), with every digit {@code 1-9} mapped to {@code 0} when the
 * vocabulary's forms are (the taggers' {@code features.digitsToZero}). Without lower-casing a form takes only the
 * vector of the file word spelled like it.
 *
 * <p>Collisions: when several file words serve one form ({@code Paris} and {@code paris} lower-cased), the one spelled
 * exactly like the form wins; otherwise the first in file order (word2vec and GloVe files list frequent words first).
 *
 * @param lowercase      match lower-cased ({@code model.embeddings.lowercase})
 * @param lowercaseForms whether the vocabulary's forms are lower-cased (the taggers' {@code features.lowercase})
 * @param digitsToZero   whether the vocabulary's forms map digits to {@code 0}
 */
public record WordMatcher(boolean lowercase, boolean lowercaseForms, boolean digitsToZero) implements Serializable {

    /** What a file word and a vocabulary form are matched by. */
    public String key(String word) {
        return digits(lowercase ? word.toLowerCase(Locale.ROOT) : word);
    }

    /** The vocabulary form of a file word, as the vocabulary's own forms are made. */
    public String form(String fileWord) {
        return digits(lowercaseForms ? fileWord.toLowerCase(Locale.ROOT) : fileWord);
    }

    private String digits(String s) {
        if (!digitsToZero) {
            return s;
        }
        char[] chars = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '1' && c <= '9') {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = '0';
            }
        }
        return chars == null ? s : new String(chars);
    }
}
