package io.seqpipe.lm;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One training sequence cut from a stream of unit ids: {@code length} input steps and their next-unit targets.
 * Step {@code t} reads the unit at stream offset {@code start + t} and predicts the one at {@code start + t + 1}.
 * Steps {@code t >= validSteps} are padding ({@code <pad>} = 0 in both arrays; only the stream's last sequence has
 * them). Steps {@code [firstCountedStep, validSteps)} are the targets this sequence counts: with overlapping
 * sequences, the earlier ones are also targets of the sequence before and count there.
 *
 * @param index            the sequence's index in its stream, from 0
 * @param start            the stream offset of its first input
 * @param inputs           unit ids of the inputs, {@code length} of them
 * @param targets          unit ids of the targets, {@code length} of them
 * @param validSteps       how many steps are real, in [1, length]
 * @param firstCountedStep the first step whose target this sequence counts, in [0, validSteps)
 */
public record CutSequence(long index, long start, int[] inputs, int[] targets, int validSteps, int firstCountedStep)
        implements Serializable {
    public CutSequence {
        if (inputs.length != targets.length || validSteps < 1 || validSteps > inputs.length
                || firstCountedStep < 0 || firstCountedStep >= validSteps) {
            throw new IllegalArgumentException("a cut sequence needs inputs and targets of one length and "
                    + "0 <= firstCountedStep < validSteps <= length, got length " + inputs.length + "/"
                    + targets.length + ", validSteps " + validSteps + ", firstCountedStep " + firstCountedStep);
        }
    }

    public int length() {
        return inputs.length;
    }

    /** 1 for real steps, 0 for padding: the input (features) mask. */
    public float[] stepMask() {
        float[] mask = new float[inputs.length];
        Arrays.fill(mask, 0, validSteps, 1f);
        return mask;
    }

    /** 1 for the steps whose targets this sequence counts, else 0: the label mask for loss and evaluation. */
    public float[] countedMask() {
        float[] mask = new float[inputs.length];
        Arrays.fill(mask, firstCountedStep, validSteps, 1f);
        return mask;
    }

    /** How many targets this sequence counts. */
    public int countedSteps() {
        return validSteps - firstCountedStep;
    }

    /** The stream offset of the first target this sequence counts. */
    public long firstCountedOffset() {
        return start + 1 + firstCountedStep;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CutSequence s && index == s.index && start == s.start && validSteps == s.validSteps
                && firstCountedStep == s.firstCountedStep && Arrays.equals(inputs, s.inputs)
                && Arrays.equals(targets, s.targets);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(start) + Arrays.hashCode(inputs)) + Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
        return "CutSequence[index=" + index + ", start=" + start + ", validSteps=" + validSteps
                + ", firstCountedStep=" + firstCountedStep + ", inputs=" + Arrays.toString(inputs)
                + ", targets=" + Arrays.toString(targets) + "]";
    }
}
