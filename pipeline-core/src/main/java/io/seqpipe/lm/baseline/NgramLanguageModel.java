package io.seqpipe.lm.baseline;

import java.io.Serializable;

/**
 * A baseline language model over unit ids {@code [0, V)} that predicts each unit from at most the one before it.
 *
 * <p>Held-out evaluation ({@link #crossEntropy(int[], int)}) predicts every unit of the stream: unit {@code i > 0}
 * from unit {@code i - 1}, and the first unit from the context the caller passes: {@link #NO_CONTEXT} (the model's
 * context-free distribution, which is what the baselines of SeqPipe's reports use), a document boundary id, or the
 * last unit before the held-out part. Cutting a stream into chunks, each passing the previous chunk's last unit,
 * and {@linkplain CrossEntropy#plus(CrossEntropy) adding} the results gives the whole stream's value.
 */
public interface NgramLanguageModel extends Serializable {

    /** The context of a unit that has none (the first unit of a stream). */
    int NO_CONTEXT = -1;

    /** The number of unit ids, V. */
    int vocabularySize();

    /**
     * {@code P(next | context)}, with {@code context} an id or {@link #NO_CONTEXT}; positive for every id, and
     * summing to 1 over {@code next} for every context.
     */
    double probability(int context, int next);

    /** The summed negative log-likelihood of {@code heldOut}, its first unit predicted from {@code contextBefore}. */
    default CrossEntropy crossEntropy(int[] heldOut, int contextBefore) {
        double nats = 0;
        int context = contextBefore;
        for (int i = 0; i < heldOut.length; i++) {
            int unit = heldOut[i];
            if (unit < 0 || unit >= vocabularySize()) {
                throw new IllegalArgumentException("held-out unit at position " + i + " has id " + unit
                        + ", outside the vocabulary [0, " + vocabularySize() + ")");
            }
            nats -= Math.log(probability(context, unit));
            context = unit;
        }
        return new CrossEntropy(heldOut.length, nats);
    }

    /** As {@link #crossEntropy(int[], int)} with the first unit predicted without context. */
    default CrossEntropy crossEntropy(int[] heldOut) {
        return crossEntropy(heldOut, NO_CONTEXT);
    }
}
