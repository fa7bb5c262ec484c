package io.seqpipe.tasks.lm;

import io.seqpipe.lm.CutSequence;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One training or validation sequence of a language model, its real steps only (the padding of a stream's last
 * sequence is dropped; each minibatch pads to its own longest sequence). Step {@code t} reads {@code inputs[t]} and
 * predicts {@code targets[t]}; the targets of steps {@code [firstCountedStep, length)} are the ones this sequence counts
 * in the loss and in validation (the earlier ones, with overlapping sequences, count in the sequence before).
 *
 * @param row              the sequence's index in its split, unique there (the key of the seeded training shuffle)
 * @param inputs           unit ids of the inputs
 * @param targets          unit ids of the targets, as many as inputs
 * @param firstCountedStep the first step whose target this sequence counts, in [0, length)
 */
public record LmExample(long row, int[] inputs, int[] targets, int firstCountedStep) implements Serializable {
    public LmExample {
        if (inputs.length == 0 || inputs.length != targets.length || firstCountedStep < 0
                || firstCountedStep >= inputs.length) {
            throw new IllegalArgumentException("a language-model example needs inputs and targets of one length >= 1"
                    + " and 0 <= firstCountedStep < length, got " + inputs.length + "/" + targets.length
                    + " steps, firstCountedStep " + firstCountedStep);
        }
    }

    /** The real steps of a cut sequence. */
    public static LmExample of(CutSequence s) {
        return new LmExample(s.index(), Arrays.copyOf(s.inputs(), s.validSteps()),
                Arrays.copyOf(s.targets(), s.validSteps()), s.firstCountedStep());
    }

    public int length() {
        return inputs.length;
    }

    /** How many targets this sequence counts. */
    public int countedSteps() {
        return inputs.length - firstCountedStep;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LmExample e && row == e.row && firstCountedStep == e.firstCountedStep
                && Arrays.equals(inputs, e.inputs) && Arrays.equals(targets, e.targets);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(row) + Arrays.hashCode(inputs)) + Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
        return "LmExample[row=" + row + ", firstCountedStep=" + firstCountedStep + ", inputs="
                + Arrays.toString(inputs) + ", targets=" + Arrays.toString(targets) + "]";
    }
}
