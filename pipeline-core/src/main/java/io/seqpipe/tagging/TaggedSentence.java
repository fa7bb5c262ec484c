package io.seqpipe.tagging;

import java.io.Serializable;
import java.util.List;

/**
 * One sentence of a tagged corpus: tokens and their tags (NER tags in some {@link TagScheme}, or POS tags), with where
 * it came from.
 *
 * @param source    the file it came from
 * @param firstLine the 1-based line number of its first token line (CoNLL-U: of its first word, range or empty-node
 *                  line; comments before it are not counted)
 * @param tokens    at least one token, none empty
 * @param tags      one non-empty tag per token
 */
public record TaggedSentence(String source, long firstLine, List<String> tokens, List<String> tags)
        implements Serializable {

    public TaggedSentence {
        tokens = List.copyOf(tokens);
        tags = List.copyOf(tags);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("sentence at " + source + ":" + firstLine + " has no tokens");
        }
        if (tokens.size() != tags.size()) {
            throw new IllegalArgumentException("sentence at " + source + ":" + firstLine + " has " + tokens.size()
                    + " tokens but " + tags.size() + " tags");
        }
    }

    public int length() {
        return tokens.size();
    }

    /** The same sentence with other tags (e.g. after a {@link TagSchemeConverter}); the count must match. */
    public TaggedSentence withTags(List<String> newTags) {
        return new TaggedSentence(source, firstLine, tokens, newTags);
    }
}
