package io.seqpipe.tasks.lm;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A run of consecutive unit ids of one split's stream: offsets {@code [start, start + units.length)}. The pieces of a
 * split tile its stream (no gap, no overlap); a piece is at most one document (with the boundary before it).
 */
public record UnitPiece(String split, long start, int[] units) implements Serializable {
    public UnitPiece {
        if (start < 0) {
            throw new IllegalArgumentException("a piece starts at offset >= 0, got " + start);
        }
    }

    /** The offset after its last unit. */
    public long end() {
        return start + units.length;
    }

    /** The part of this piece inside {@code [from, to)}, or null when they do not meet. */
    public UnitPiece within(long from, long to) {
        long lo = Math.max(start, from);
        long hi = Math.min(end(), to);
        if (lo >= hi) {
            return null;
        }
        return lo == start && hi == end() ? this
                : new UnitPiece(split, lo, Arrays.copyOfRange(units, (int) (lo - start), (int) (hi - start)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitPiece p && split.equals(p.split) && start == p.start && Arrays.equals(units, p.units);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * split.hashCode() + Long.hashCode(start)) + Arrays.hashCode(units);
    }

    @Override
    public String toString() {
        return "UnitPiece[" + split + ", start=" + start + ", units=" + Arrays.toString(units) + "]";
    }
}
