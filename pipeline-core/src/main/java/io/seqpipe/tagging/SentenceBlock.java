package io.seqpipe.tagging;

import java.io.Serializable;
import java.util.List;

/**
 * The consecutive non-separator lines of one sentence, as found in a column file (CoNLL-U comments left out), before
 * parsing. {@link SentenceBlockParser} turns it into a {@link TaggedSentence} or rejections.
 *
 * @param source the file it came from
 * @param lines  at least one line, in increasing line-number order
 */
public record SentenceBlock(String source, List<NumberedLine> lines) implements Serializable {

    public SentenceBlock {
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("a sentence block of " + source + " needs at least one line");
        }
        lines = List.copyOf(lines);
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).number() <= lines.get(i - 1).number()) {
                throw new IllegalArgumentException("sentence block lines of " + source + " out of order: line "
                        + lines.get(i).number() + " after " + lines.get(i - 1).number());
            }
        }
    }

    /** The 1-based line number of the block's first line. */
    public long firstLine() {
        return lines.get(0).number();
    }
}
