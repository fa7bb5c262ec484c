package io.seqpipe.train;

import java.io.Serializable;

/**
 * One prepared example as stored in a sequence DataFrame.
 *
 * @param row   a stable row number, used to shuffle reproducibly
 * @param ids   padded token ids
 * @param mask  1 at real steps, 0 at padding
 * @param label class index, or -1 when unlabelled
 * @param chars the character ids of each real step, in order ({@code [step][character]}, for a character-level word
 *              encoder), or null without one
 */
public record EncodedExample(long row, int[] ids, int[] mask, int label, int[][] chars) implements Serializable {

    /** An example without character ids. */
    public EncodedExample(long row, int[] ids, int[] mask, int label) {
        this(row, ids, mask, label, null);
    }
}
