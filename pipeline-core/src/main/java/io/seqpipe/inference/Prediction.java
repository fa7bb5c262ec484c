package io.seqpipe.inference;

import io.seqpipe.train.EncodedExample;

/** A model's class probabilities for one example. */
public record Prediction(EncodedExample example, float[] probabilities) {
    public int predictedClass() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }
}
