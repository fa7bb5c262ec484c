package io.seqpipe.lm;

import java.io.Serializable;

/** The unit offsets {@code [start, end)} of a stream. */
public record UnitRange(long start, long end) implements Serializable {
    public UnitRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("a unit range needs 0 <= start <= end, got [" + start + ", " + end + ")");
        }
    }

    public long length() {
        return end - start;
    }

    public boolean contains(long offset) {
        return offset >= start && offset < end;
    }
}
