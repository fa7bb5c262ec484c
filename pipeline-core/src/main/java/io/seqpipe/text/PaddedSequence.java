package io.seqpipe.text;

/**
 * A sequence padded or truncated to a fixed length.
 *
 * @param ids            token ids, {@link Vocabulary#PAD_ID} at padded steps
 * @param mask           1 at real steps, 0 at padded steps
 * @param length         number of real steps (after truncation)
 * @param originalLength number of tokens before truncation
 */
public record PaddedSequence(int[] ids, int[] mask, int length, int originalLength) {
    public boolean truncated() {
        return originalLength > length;
    }
}
