package io.seqpipe.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable token → id map. Id 0 is always {@value #PAD} (padding) and id 1 is {@value #UNK} (any token not in
 * the vocabulary); real tokens follow from id 2. Saved as one token per line, in id order.
 */
public final class Vocabulary implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String PAD = "<pad>";
    public static final String UNK = "<unk>";
    public static final int PAD_ID = 0;
    public static final int UNK_ID = 1;

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> tokens) {
        this.tokens = Collections.unmodifiableList(new ArrayList<>(tokens));
        Map<String, Integer> m = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            if (m.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate vocabulary token '" + tokens.get(i) + "' at id " + i);
            }
        }
        this.ids = m;
    }

    /** A vocabulary of the reserved tokens followed by {@code realTokens} in the given order. */
    public static Vocabulary of(List<String> realTokens) {
        List<String> all = new ArrayList<>(realTokens.size() + 2);
        all.add(PAD);
        all.add(UNK);
        all.addAll(realTokens);
        return new Vocabulary(all);
    }

    /**
     * A vocabulary of the reserved tokens, then {@code specials} (e.g. a decoder's {@code <s>} and {@code </s>}, which
     * get ids 2, 3, ...), then {@code realTokens}: {@value #PAD} = 0 and {@value #UNK} = 1 hold for every vocabulary.
     */
    public static Vocabulary withSpecials(List<String> specials, List<String> realTokens) {
        List<String> all = new ArrayList<>(specials.size() + realTokens.size() + 2);
        all.add(PAD);
        all.add(UNK);
        all.addAll(specials);
        all.addAll(realTokens);
        return new Vocabulary(all);
    }

    /** Reads back what {@link #toLines()} wrote; the first two lines must be the reserved tokens. */
    public static Vocabulary fromLines(List<String> lines) {
        if (lines.size() < 2 || !PAD.equals(lines.get(0)) || !UNK.equals(lines.get(1))) {
            throw new IllegalArgumentException("a vocabulary file must start with " + PAD + " and " + UNK);
        }
        return new Vocabulary(lines);
    }

    public List<String> toLines() {
        return tokens;
    }

    public int size() {
        return tokens.size();
    }

    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? UNK_ID : id;
    }

    public String token(int id) {
        return tokens.get(id);
    }

    public int[] encode(List<String> words) {
        int[] out = new int[words.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(words.get(i));
        }
        return out;
    }
}
