package io.seqpipe.lm.baseline;

import java.io.Serializable;

/**
 * The summed negative log-likelihood of a held-out stream and how many units it covers; mergeable across partitions
 * with {@link #plus(CrossEntropy)}.
 *
 * @param tokens     units predicted
 * @param totalNats  {@code -Σ ln p(unit | context)} over them
 */
public record CrossEntropy(long tokens, double totalNats) implements Serializable {

    public static final CrossEntropy EMPTY = new CrossEntropy(0, 0);

    public CrossEntropy {
        if (tokens < 0) {
            throw new IllegalArgumentException("token count must be >= 0, got " + tokens);
        }
        if (!(totalNats >= 0)) {
            throw new IllegalArgumentException("total negative log-likelihood must be >= 0, got " + totalNats);
        }
    }

    public CrossEntropy plus(CrossEntropy other) {
        return new CrossEntropy(tokens + other.tokens, totalNats + other.totalNats);
    }

    /** Cross-entropy in nats per unit; undefined (an error) over no units. */
    public double natsPerToken() {
        if (tokens == 0) {
            throw new IllegalStateException("cross-entropy of an empty held-out stream is undefined");
        }
        return totalNats / tokens;
    }

    /** Cross-entropy in bits per unit (bits per character for character units). */
    public double bitsPerToken() {
        return natsPerToken() / Math.log(2);
    }

    /** {@code exp(nats per unit)}. */
    public double perplexity() {
        return Math.exp(natsPerToken());
    }
}
