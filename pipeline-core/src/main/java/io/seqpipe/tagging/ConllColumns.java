package io.seqpipe.tagging;

import java.util.List;

/**
 * Tagged sentences as CoNLL columns: one token per line, fields separated by single spaces, {@code token predicted}
 * or, with gold tags, {@code token gold predicted} (the column order {@code conlleval.pl} reads), and a blank line
 * after each sentence. Tokens and tags hold no whitespace (tokenizers split on it).
 */
public final class ConllColumns {
    private ConllColumns() {
    }

    /**
     * One sentence's lines, each ending in a line break except the last: a writer that ends every record with a line
     * break then leaves the blank line that closes the sentence.
     *
     * @param gold the gold tags, or null when the input had none
     */
    public static String block(List<String> tokens, List<String> predicted, List<String> gold) {
        if (predicted.size() != tokens.size() || (gold != null && gold.size() != tokens.size())) {
            throw new IllegalArgumentException("a sentence of " + tokens.size() + " tokens has " + predicted.size()
                    + " predicted" + (gold == null ? "" : " and " + gold.size() + " gold") + " tags");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            out.append(tokens.get(i)).append(' ');
            if (gold != null) {
                out.append(gold.get(i)).append(' ');
            }
            out.append(predicted.get(i)).append('\n');
        }
        return out.toString();
    }
}
