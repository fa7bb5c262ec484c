package io.seqpipe.text;

import java.io.Serializable;

/** Pads or truncates id sequences to {@link SequenceShape#maxLength()} and builds their masks. Pure. */
public final class SequencePadder implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SequenceShape shape;

    public SequencePadder(SequenceShape shape) {
        this.shape = shape;
    }

    public SequenceShape shape() {
        return shape;
    }

    public PaddedSequence pad(int[] ids) {
        int max = shape.maxLength();
        int n = Math.min(ids.length, max);
        int srcFrom = ids.length > max && shape.truncation() == SequenceShape.Side.PRE ? ids.length - max : 0;
        int dstFrom = shape.padding() == SequenceShape.Side.PRE ? max - n : 0;
        int[] out = new int[max];
        int[] mask = new int[max];
        System.arraycopy(ids, srcFrom, out, dstFrom, n);
        for (int i = dstFrom; i < dstFrom + n; i++) {
            mask[i] = 1;
        }
        return new PaddedSequence(out, mask, n, ids.length);
    }
}
