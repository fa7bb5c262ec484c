package io.seqpipe.forecast;

import io.seqpipe.data.Rejection;

import java.io.Serializable;

/** Either a {@link SeriesRow} or a {@link Rejection}; exactly one is non-null. */
public record SeriesRowOutcome(SeriesRow row, Rejection rejection) implements Serializable {
    public static SeriesRowOutcome ok(SeriesRow row) {
        return new SeriesRowOutcome(row, null);
    }

    public static SeriesRowOutcome rejected(Rejection rejection) {
        return new SeriesRowOutcome(null, rejection);
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
