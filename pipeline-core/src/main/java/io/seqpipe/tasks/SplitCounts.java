package io.seqpipe.tasks;

import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to the lines of one input: read = written + rejected, rejected broken down by reason.
 */
public record SplitCounts(String path, long read, long written, long rejected, Map<String, Long> rejectedByReason) {

    /** From outcome counts keyed by {@value #WRITTEN} or a reject reason code. */
    public static SplitCounts of(String path, Map<String, Long> outcomes) {
        long written = outcomes.getOrDefault(WRITTEN, 0L);
        Map<String, Long> reasons = new TreeMap<>(outcomes);
        reasons.remove(WRITTEN);
        long rejected = reasons.values().stream().mapToLong(Long::longValue).sum();
        return new SplitCounts(path, written + rejected, written, rejected, reasons);
    }

    public static final String WRITTEN = "written";

    /** One line for the job summary, e.g. {@code train: read 10, written 8, rejected 2 (empty_text 1, ...)}. */
    public String describe(String split) {
        StringBuilder sb = new StringBuilder(split + ": read " + read + ", written " + written + ", rejected " + rejected);
        if (!rejectedByReason.isEmpty()) {
            sb.append(" (");
            rejectedByReason.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ")
                    .append(k).append(' ').append(v));
            sb.append(')');
        }
        return sb.toString();
    }
}
