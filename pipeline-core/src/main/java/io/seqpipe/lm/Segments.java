package io.seqpipe.lm;

import java.io.Serializable;
import java.util.List;

/**
 * A whole held-out stream of {@code n} units cut into consecutive segments of {@code steps} steps, without overlap
 * and in order, for evaluation with the recurrent state carried from one segment to the next: the network sees the
 * stream as if in one pass, and every target (offsets 1 to {@code n - 1}) is predicted once, with all the context
 * before it. Segment {@code j} reads offsets {@code [j * steps, j * steps + validSteps)} and predicts the next unit
 * of each; the last segment is shorter when {@code steps} does not divide {@code n - 1}, padded and masked
 * ({@link CutSequence#validSteps}). Every step of every segment is counted ({@link CutSequence#firstCountedStep} is
 * 0). These are {@link SequenceCutter}'s non-overlapping sequences, named for the evaluation that carries state.
 *
 * @param streamLength the stream's units, {@code n}
 * @param steps        steps per segment (the truncated-BPTT length, or any evaluation window), at least 1
 */
public record Segments(long streamLength, int steps) implements Serializable {
    public Segments {
        if (streamLength < 0 || steps < 1) {
            throw new IllegalArgumentException("segments need streamLength >= 0 and steps >= 1, got " + streamLength
                    + " and " + steps);
        }
    }

    private SequenceCutter cutter() {
        return SequenceCutter.nonOverlapping(steps);
    }

    /** How many segments: {@code ceil((n - 1) / steps)}, 0 for a stream of fewer than 2 units. */
    public long count() {
        return cutter().sequenceCount(streamLength);
    }

    /** The targets predicted (and counted) over all segments: {@code n - 1}, or 0. */
    public long targetCount() {
        return Math.max(0, streamLength - 1);
    }

    /** The stream offset of segment {@code index}'s first input. */
    public long start(long index) {
        return cutter().start(index);
    }

    /** Segment {@code index}'s real steps. */
    public int validSteps(long index) {
        return cutter().validSteps(index, streamLength);
    }

    /** Every segment of the stream, in order; {@code stream} must hold the {@code n} unit ids. */
    public List<CutSequence> cut(int[] stream) {
        if (stream.length != streamLength) {
            throw new IllegalArgumentException("the stream holds " + stream.length + " units, the segments describe "
                    + streamLength);
        }
        return cutter().cut(stream);
    }
}
