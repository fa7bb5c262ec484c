package io.seqpipe.model.crf;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Which tag transitions a {@link LinearChainCrf} may use: {@code allowed[i][j]} (tag {@code j} right after tag
 * {@code i}), {@code start[j]} (tag {@code j} first in a sentence) and {@code end[i]} (tag {@code i} last). A forbidden
 * transition scores {@code -∞}: no path through it has any probability and Viterbi never chooses it. Which
 * transitions a tag scheme forbids is decided by the caller (for SeqPipe's schemes:
 * {@code io.seqpipe.tagging.TagTransitions}). Immutable; the arrays are copied in and out.
 */
public final class TransitionConstraints implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean[][] allowed;
    private final boolean[] start;
    private final boolean[] end;

    private TransitionConstraints(boolean[][] allowed, boolean[] start, boolean[] end) {
        int k = start.length;
        if (k < 1 || end.length != k || allowed.length != k) {
            throw new IllegalArgumentException("constraints need K x K transitions and K start and end entries, got "
                    + allowed.length + ", " + start.length + ", " + end.length);
        }
        this.allowed = new boolean[k][];
        for (int i = 0; i < k; i++) {
            if (allowed[i].length != k) {
                throw new IllegalArgumentException("transition row " + i + " has " + allowed[i].length
                        + " entries, expected " + k);
            }
            this.allowed[i] = allowed[i].clone();
        }
        this.start = start.clone();
        this.end = end.clone();
    }

    /** Every transition allowed, for {@code tags} tags. */
    public static TransitionConstraints none(int tags) {
        boolean[][] all = new boolean[tags][tags];
        for (boolean[] row : all) {
            Arrays.fill(row, true);
        }
        boolean[] ones = new boolean[tags];
        Arrays.fill(ones, true);
        return new TransitionConstraints(all, ones, ones);
    }

    /** The given allowed transitions ({@code [from][to]}), first tags and last tags. */
    public static TransitionConstraints of(boolean[][] allowed, boolean[] start, boolean[] end) {
        return new TransitionConstraints(allowed, start, end);
    }

    /** The number of tags. */
    public int tags() {
        return start.length;
    }

    public boolean allowed(int from, int to) {
        return allowed[from][to];
    }

    public boolean allowedStart(int tag) {
        return start[tag];
    }

    public boolean allowedEnd(int tag) {
        return end[tag];
    }

    /** Whether nothing is forbidden. */
    public boolean isNone() {
        for (int i = 0; i < tags(); i++) {
            if (!start[i] || !end[i]) {
                return false;
            }
            for (boolean a : allowed[i]) {
                if (!a) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether every step of {@code tags[0..length)} is allowed: first tag, each transition, last tag. */
    public boolean permits(int[] tags, int length) {
        if (length == 0) {
            return true;
        }
        if (!start[tags[0]] || !end[tags[length - 1]]) {
            return false;
        }
        for (int t = 1; t < length; t++) {
            if (!allowed[tags[t - 1]][tags[t]]) {
                return false;
            }
        }
        return true;
    }

    /** The allowed transitions, {@code [from][to]} (a copy). */
    public boolean[][] allowedMatrix() {
        boolean[][] copy = new boolean[tags()][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = allowed[i].clone();
        }
        return copy;
    }

    public boolean[] allowedStarts() {
        return start.clone();
    }

    public boolean[] allowedEnds() {
        return end.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransitionConstraints c && Arrays.deepEquals(allowed, c.allowed)
                && Arrays.equals(start, c.start) && Arrays.equals(end, c.end);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.deepHashCode(allowed) + Arrays.hashCode(start)) + Arrays.hashCode(end);
    }
}
