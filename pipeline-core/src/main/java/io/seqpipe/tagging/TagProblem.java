package io.seqpipe.tagging;

import java.io.Serializable;

/**
 * A tag that is not valid in a {@link TagScheme}.
 *
 * @param position 0-based token position in the sentence
 * @param problem  what is wrong, e.g. {@code tag 'S-PER' is not O or B-/I-TYPE (IOB2)}
 */
public record TagProblem(int position, String tag, String problem) implements Serializable {
}
