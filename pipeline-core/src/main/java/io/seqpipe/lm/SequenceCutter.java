package io.seqpipe.lm;

import io.seqpipe.text.Vocabulary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a stream of {@code n} unit ids (one split's text) into training sequences of {@code length} input steps with
 * their next-unit targets ({@link CutSequence}). Sequence {@code k} starts at offset {@code k * stride}; its targets
 * are the offsets {@code k * stride + 1} to {@code min(k * stride + length, n - 1)}.
 *
 * <p><b>Every target once.</b> Offsets 1 to {@code n - 1} are targets (offset 0 never is: nothing precedes it).
 * Sequences are cut until the last target is covered, so there are {@code ceil(max(0, n - 1 - length) / stride) + 1}
 * of them for {@code n >= 2} ({@link #sequenceCount}), and none for a shorter stream. With {@code stride = length}
 * (the default) they do not overlap and each target is in exactly one. With {@code stride < length} each sequence
 * after the first repeats the last {@code length - stride} targets of the one before; it still predicts them (with
 * more context) but counts only the new ones: {@link CutSequence#firstCountedStep} is {@code length - stride} for
 * every sequence but the first, so the counted targets of all sequences are each target exactly once. A stride above
 * the length would skip targets and is refused.
 *
 * <p><b>The last sequence</b> is kept, not dropped, when the stream does not fill it: its steps past the stream's
 * end are padded ({@code <pad>} = 0) and masked ({@link CutSequence#validSteps}). Dropping it would lose up to
 * {@code length - 1} targets per stream, all of them for a stream shorter than one sequence.
 *
 * <p><b>In partitions.</b> A sequence is owned by the partition holding its start offset. A partition that owns the
 * starts {@code [ownedStart, ownedEnd)} and also holds the {@link #carryOver} = {@code length} units after them
 * ({@link #unitsNeeded}) cuts exactly the sequences one pass over the whole stream cuts there
 * ({@link #cut(int[], long, long, long, long)}), whatever the boundaries; {@link #partitions} chooses boundaries at
 * sequence starts that share the sequences out evenly.
 */
public final class SequenceCutter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int length;
    private final int stride;

    /**
     * @param length input steps per sequence, at least 1
     * @param stride units between consecutive starts, in [1, length]
     */
    public SequenceCutter(int length, int stride) {
        if (length < 1) {
            throw new IllegalArgumentException("sequence length must be >= 1, got " + length);
        }
        if (stride < 1 || stride > length) {
            throw new IllegalArgumentException("stride must be in [1, sequence length " + length + "], got " + stride);
        }
        this.length = length;
        this.stride = stride;
    }

    /** Non-overlapping sequences: {@code stride = length}. */
    public static SequenceCutter nonOverlapping(int length) {
        return new SequenceCutter(length, length);
    }

    public int length() {
        return length;
    }

    public int stride() {
        return stride;
    }

    /** How many sequences a stream of {@code n} units gives. */
    public long sequenceCount(long n) {
        if (n < 2) {
            return 0;
        }
        long beyondFirst = Math.max(0, n - 1 - length);
        return (beyondFirst + stride - 1) / stride + 1;
    }

    /** The stream offset of sequence {@code index}'s first input. */
    public long start(long index) {
        return index * stride;
    }

    /** Sequence {@code index}'s real steps in a stream of {@code n} units. */
    public int validSteps(long index, long n) {
        return (int) Math.min(length, n - 1 - start(index));
    }

    /** Sequence {@code index}'s first counted step: 0 for the first, {@code length - stride} for the others. */
    public int firstCountedStep(long index) {
        return index == 0 ? 0 : length - stride;
    }

    /** Units a partition holds past the end of the starts it owns: the targets of its last sequences. */
    public int carryOver() {
        return length;
    }

    /** The units a partition owning the starts {@code [ownedStart, ownedEnd)} must hold, of a stream of {@code n}. */
    public UnitRange unitsNeeded(long ownedStart, long ownedEnd, long n) {
        return new UnitRange(Math.min(ownedStart, n), Math.min(Math.max(ownedStart, ownedEnd) + carryOver(), n));
    }

    /** The indices {@code [first, end)} of the sequences starting in {@code [ownedStart, ownedEnd)}. */
    public long[] ownedSequences(long ownedStart, long ownedEnd, long n) {
        long count = sequenceCount(n);
        long first = Math.min(count, (ownedStart + stride - 1) / stride);
        long end = Math.min(count, Math.max(first, (ownedEnd + stride - 1) / stride));
        return new long[] {first, end};
    }

    /**
     * Owned ranges for {@code count} partitions of a stream of {@code n} units, cut at sequence starts: partition
     * {@code p} owns the starts of sequences {@code [p * m / count, (p + 1) * m / count)}, {@code m} the sequence
     * count, so the sequences are shared out within one of each other; the ranges tile {@code [0, n)}. Each
     * partition then reads {@link #unitsNeeded} and cuts its own.
     */
    public List<UnitRange> partitions(long n, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + count);
        }
        long m = sequenceCount(n);
        List<UnitRange> out = new ArrayList<>(count);
        long from = 0;
        for (int p = 1; p <= count; p++) {
            long to = p == count ? n : Math.min(n, start(p * m / count));
            out.add(new UnitRange(from, Math.max(from, to)));
            from = Math.max(from, to);
        }
        return out;
    }

    /** Cuts a whole stream in one pass. */
    public List<CutSequence> cut(int[] stream) {
        return cut(stream, 0, stream.length, 0, stream.length);
    }

    /**
     * Cuts the sequences starting in {@code [ownedStart, ownedEnd)} of a stream of {@code n} units, of which
     * {@code units} holds the offsets {@code [unitsStart, unitsStart + units.length)}; they must cover
     * {@link #unitsNeeded}.
     */
    public List<CutSequence> cut(int[] units, long unitsStart, long n, long ownedStart, long ownedEnd) {
        UnitRange needed = unitsNeeded(ownedStart, ownedEnd, n);
        long[] owned = ownedSequences(ownedStart, ownedEnd, n);
        if (owned[1] > owned[0] && (unitsStart > start(owned[0])
                || unitsStart + units.length < Math.min(start(owned[1] - 1) + length + 1, n))) {
            throw new IllegalArgumentException("units [" + unitsStart + ", " + (unitsStart + units.length)
                    + ") do not cover [" + needed.start() + ", " + needed.end() + ") that the sequences starting in ["
                    + ownedStart + ", " + ownedEnd + ") need");
        }
        List<CutSequence> out = new ArrayList<>((int) (owned[1] - owned[0]));
        for (long k = owned[0]; k < owned[1]; k++) {
            long start = start(k);
            int valid = validSteps(k, n);
            int[] inputs = new int[length];
            int[] targets = new int[length];
            int from = (int) (start - unitsStart);
            for (int t = 0; t < valid; t++) {
                inputs[t] = units[from + t];
                targets[t] = units[from + t + 1];
            }
            if (valid < length) {
                Arrays.fill(inputs, valid, length, Vocabulary.PAD_ID);
                Arrays.fill(targets, valid, length, Vocabulary.PAD_ID);
            }
            out.add(new CutSequence(k, start, inputs, targets, valid, firstCountedStep(k)));
        }
        return out;
    }
}
