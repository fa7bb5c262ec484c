package io.seqpipe.tagging;

import io.seqpipe.data.Rejection;

import java.io.Serializable;
import java.util.List;

/**
 * Either a {@link TaggedSentence} or the rejections that kept a sentence out (one per bad line; the whole sentence
 * is dropped, since the tags of a partial sentence would mislead). Exactly one side is present.
 */
public record SentenceOutcome(TaggedSentence sentence, List<Rejection> rejections) implements Serializable {

    public SentenceOutcome {
        rejections = rejections == null ? List.of() : List.copyOf(rejections);
        if ((sentence == null) == rejections.isEmpty()) {
            throw new IllegalArgumentException("a sentence outcome is either a sentence or at least one rejection");
        }
    }

    public static SentenceOutcome ok(TaggedSentence sentence) {
        return new SentenceOutcome(sentence, List.of());
    }

    public static SentenceOutcome rejected(List<Rejection> rejections) {
        return new SentenceOutcome(null, rejections);
    }

    public boolean isRejected() {
        return sentence == null;
    }
}
