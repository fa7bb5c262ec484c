package io.seqpipe.lm;

import java.io.Serializable;

/**
 * A held-out stream of {@code n} units cut into chunks for evaluation with carried state: chunk {@code c} predicts the
 * targets at offsets {@code c * length + 1} to {@code min((c + 1) * length, n - 1)}, reading the units
 * {@code [c * length, min((c + 1) * length, n - 1)]} (its first unit is context only). The chunks cover every target
 * {@code 1 .. n - 1} once. Each chunk starts from a zero recurrent state and is read in consecutive
 * {@link Segments} of {@code segmentLength} steps with the state carried from one segment to the next, so a chunk's
 * value depends on its units alone: the chunk, not the partition, is the unit of distribution.
 *
 * @param streamLength  the stream's units, {@code n}
 * @param length        targets per chunk (the last may have fewer), at least 1
 * @param segmentLength steps per segment within a chunk, at least 1
 */
public record StreamChunks(long streamLength, int length, int segmentLength) implements Serializable {
    public StreamChunks {
        if (streamLength < 0 || length < 1 || segmentLength < 1) {
            throw new IllegalArgumentException("chunks need streamLength >= 0, length >= 1 and segmentLength >= 1,"
                    + " got " + streamLength + ", " + length + " and " + segmentLength);
        }
    }

    /** How many chunks: {@code ceil((n - 1) / length)}, 0 for a stream of fewer than 2 units. */
    public long count() {
        return streamLength < 2 ? 0 : (streamLength - 1 + length - 1) / length;
    }

    /** The targets over all chunks: {@code n - 1}, or 0. */
    public long targetCount() {
        return Math.max(0, streamLength - 1);
    }

    /** The offset of chunk {@code index}'s first unit (its context, read but not predicted). */
    public long start(long index) {
        checkIndex(index);
        return index * length;
    }

    /** The offset after chunk {@code index}'s last unit: its units are {@code [start, end)}. */
    public long end(long index) {
        checkIndex(index);
        return Math.min((index + 1) * length, streamLength - 1) + 1;
    }

    /** The first chunk that reads offset {@code offset}, or {@code count()} when none does. */
    public long firstChunkReading(long offset) {
        // chunk c reads [c * length, c * length + length]
        long c = offset == 0 ? 0 : (offset - 1) / length;
        return Math.min(c, count());
    }

    /** The segments of a chunk's units ({@code end - start} of them, the first one context only). */
    public Segments segments(long index) {
        return new Segments(end(index) - start(index), segmentLength);
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= count()) {
            throw new IllegalArgumentException("chunk " + index + " is outside [0, " + count() + ")");
        }
    }
}
