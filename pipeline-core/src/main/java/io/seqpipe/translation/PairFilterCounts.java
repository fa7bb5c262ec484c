package io.seqpipe.translation;

import io.seqpipe.data.RejectReason;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;

/** How many pairs were kept and how many rejected for each reason. Mergeable across partitions. */
public final class PairFilterCounts implements Serializable {
    private static final long serialVersionUID = 1L;
    private long kept;
    private final EnumMap<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);

    public PairFilterCounts keep() {
        kept++;
        return this;
    }

    public PairFilterCounts reject(RejectReason reason) {
        rejected.merge(reason, 1L, Long::sum);
        return this;
    }

    public PairFilterCounts merge(PairFilterCounts other) {
        kept += other.kept;
        other.rejected.forEach((r, n) -> rejected.merge(r, n, Long::sum));
        return this;
    }

    public long kept() {
        return kept;
    }

    public long rejected(RejectReason reason) {
        return rejected.getOrDefault(reason, 0L);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Reject counts by reason code (e.g. {@code source_too_long}), for metrics and provenance. */
    public Map<String, Long> rejectedByReason() {
        Map<String, Long> m = new java.util.TreeMap<>();
        rejected.forEach((r, n) -> m.put(r.code(), n));
        return m;
    }

    @Override
    public String toString() {
        return "kept " + kept + ", rejected " + rejectedByReason();
    }
}
