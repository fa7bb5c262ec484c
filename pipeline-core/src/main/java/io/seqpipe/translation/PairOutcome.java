package io.seqpipe.translation;

import io.seqpipe.data.Rejection;

import java.io.Serializable;

/** Either a {@link SentencePair} or a {@link Rejection}; exactly one is non-null. */
public record PairOutcome(SentencePair pair, Rejection rejection) implements Serializable {
    public static PairOutcome ok(SentencePair pair) {
        return new PairOutcome(pair, null);
    }

    public static PairOutcome rejected(Rejection rejection) {
        return new PairOutcome(null, rejection);
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
