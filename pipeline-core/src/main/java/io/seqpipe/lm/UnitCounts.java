package io.seqpipe.lm;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each unit occurs: a mergeable accumulator, so each Spark partition counts its own units and the driver
 * (or a reduce) sums them with {@link #merge}; the sum does not depend on how the corpus was partitioned or in which
 * order partitions merge. The boundary symbol is counted like any other unit (once per boundary in the stream).
 */
public final class UnitCounts implements Serializable {
    private static final long serialVersionUID = 1L;

    private final HashMap<String, Long> counts = new HashMap<>();

    /** Counts one occurrence of {@code unit}; returns this. */
    public UnitCounts add(String unit) {
        counts.merge(unit, 1L, Long::sum);
        return this;
    }

    /** Counts every unit of {@code units}; returns this. */
    public UnitCounts addAll(List<String> units) {
        for (String u : units) {
            add(u);
        }
        return this;
    }

    /** Adds {@code other}'s counts to this one's ({@code other} is unchanged); returns this. */
    public UnitCounts merge(UnitCounts other) {
        other.counts.forEach((unit, n) -> counts.merge(unit, n, Long::sum));
        return this;
    }

    public long count(String unit) {
        return counts.getOrDefault(unit, 0L);
    }

    /** The number of units counted, boundaries included. */
    public long total() {
        long total = 0;
        for (long n : counts.values()) {
            total += n;
        }
        return total;
    }

    /** Unit → count, read-only. */
    public Map<String, Long> asMap() {
        return Collections.unmodifiableMap(counts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitCounts other && counts.equals(other.counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return "UnitCounts" + counts;
    }
}
