package io.seqpipe.text;

import java.io.Serializable;
import java.util.List;

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

    /** The tokens {@link #pad} keeps of a sequence: at most {@code maxLength}, cut at the truncation side. */
    public <T> List<T> kept(List<T> tokens) {
        int max = shape.maxLength();
        if (tokens.size() <= max) {
            return tokens;
        }
        return shape.truncation() == SequenceShape.Side.PRE ? tokens.subList(tokens.size() - max, tokens.size())
                : tokens.subList(0, max);
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
