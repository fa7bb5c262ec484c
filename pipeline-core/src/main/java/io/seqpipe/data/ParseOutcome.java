package io.seqpipe.data;

import java.io.Serializable;

/** Either a {@link TextRecord} or a {@link Rejection}; exactly one is non-null. */
public record ParseOutcome(TextRecord record, Rejection rejection) implements Serializable {
    public static ParseOutcome ok(TextRecord record) {
        return new ParseOutcome(record, null);
    }

    public static ParseOutcome rejected(Rejection rejection) {
        return new ParseOutcome(null, rejection);
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
