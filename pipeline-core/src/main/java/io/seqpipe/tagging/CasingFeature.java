package io.seqpipe.tagging;

import java.util.List;

/**
 * The casing class of a word, a small categorical feature that helps NER and POS models once words are lower-cased or
 * unknown. The id is the ordinal; id 0 ({@link #PAD}) is reserved for padding positions. Rules, first match wins:
 * <ol>
 *   <li>{@link #NUMERIC}: only digits ({@code 1996}).</li>
 *   <li>{@link #HAS_DIGIT}: some digit ({@code 1996-08-22}, {@code F-16}, {@code 3.5}).</li>
 *   <li>{@link #PUNCT}: no letter and no digit ({@code ,}, {@code --}, {@code $}).</li>
 *   <li>{@link #LOWER}: letters, none upper-case ({@code the}, {@code don't}).</li>
 *   <li>{@link #UPPER}: letters, none lower-case, at least one upper-case ({@code EU}, {@code U.S.}, also one-letter
 *       {@code I} and {@code A}).</li>
 *   <li>{@link #TITLE}: first character upper-case, no other upper-case letter ({@code Peter}).</li>
 *   <li>{@link #MIXED}: upper- and lower-case letters otherwise ({@code iPhone}, {@code McDonald}).</li>
 *   <li>{@link #OTHER}: anything else (letters without case, such as CJK; the empty string).</li>
 * </ol>
 */
public enum CasingFeature {
    PAD, LOWER, UPPER, TITLE, MIXED, NUMERIC, HAS_DIGIT, PUNCT, OTHER;

    /** The number of classes including {@link #PAD}: the size of a one-hot or embedding input. */
    public static int size() {
        return values().length;
    }

    public int id() {
        return ordinal();
    }

    public static CasingFeature of(String token) {
        if (token.isEmpty()) {
            return OTHER;
        }
        int digits = 0;
        int letters = 0;
        int upper = 0;
        int lower = 0;
        int upperAfterFirst = 0;
        int[] cps = token.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (Character.isDigit(c)) {
                digits++;
            } else if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                    upper++;
                    if (i > 0) {
                        upperAfterFirst++;
                    }
                } else if (Character.isLowerCase(c)) {
                    lower++;
                }
            }
        }
        if (digits == cps.length) {
            return NUMERIC;
        }
        if (digits > 0) {
            return HAS_DIGIT;
        }
        if (letters == 0) {
            return PUNCT;
        }
        if (upper == 0 && lower > 0) {
            return LOWER;
        }
        if (lower == 0 && upper > 0) {
            return UPPER;
        }
        if (upper > 0 && upperAfterFirst == 0) {
            return TITLE;
        }
        return upper > 0 ? MIXED : OTHER;
    }

    /** The ids of a sentence's tokens. */
    public static int[] ids(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(tokens.get(i)).id();
        }
        return out;
    }
}
