package io.seqpipe.testing;

import io.seqpipe.train.EncodedExample;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Tiny synthetic token sequences for network tests (vocabulary of 10 ids, post-padded with masks). */
public final class SyntheticSequences {
    private SyntheticSequences() {
    }

    /**
     * {@code n} sequences of 2..maxLen tokens from ids 3..9; half of them get token 2 somewhere, and the label is
     * whether token 2 occurs. Learnable by every cell and direction.
     */
    public static List<EncodedExample> tokenPresence(int n, int maxLen, long seed) {
        Random r = new Random(seed);
        List<EncodedExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 2 + r.nextInt(maxLen - 1);
            int[] ids = new int[maxLen];
            int[] mask = new int[maxLen];
            boolean has = false;
            for (int t = 0; t < len; t++) {
                ids[t] = 3 + r.nextInt(7);
                mask[t] = 1;
            }
            if (r.nextBoolean()) {
                ids[r.nextInt(len)] = 2;
                has = true;
            }
            out.add(new EncodedExample(i, ids, mask, has ? 1 : 0));
        }
        return out;
    }
}
