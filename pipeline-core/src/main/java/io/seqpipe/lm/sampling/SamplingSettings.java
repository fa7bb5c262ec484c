package io.seqpipe.lm.sampling;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * How generation picks each next token, validated on construction. The messages name the configuration keys of
 * generation ({@code generate.temperature}, {@code generate.topK}, {@code generate.topP}, {@code generate.maxTokens},
 * {@code generate.stopSymbol}, {@code generate.seed}).
 *
 * @param temperature divides the logits before the softmax; {@code 0} means greedy (argmax), {@code 1} leaves the
 *                    model's distribution as it is; must be finite and {@code >= 0}
 * @param topK        keep only the {@code k} most probable tokens; {@code 0} turns the filter off
 * @param topP        nucleus: keep the smallest set of most probable tokens whose mass reaches {@code p}; in
 *                    {@code (0, 1]}, {@code 1} turns the filter off
 * @param maxTokens   the most tokens generated per prompt (the stop symbol included); {@code >= 1}
 * @param stopSymbol  the unit that ends a generation when it is produced (it is kept in the output), or {@code null}
 *                    for none; the task's vocabulary maps it to an id
 * @param seed        the seed all random draws derive from; each prompt gets its own stream
 *                    ({@link #randomFor(long)}) so a prompt's text does not depend on which other prompts ran
 */
public record SamplingSettings(double temperature, int topK, double topP, int maxTokens, String stopSymbol, long seed)
        implements Serializable {

    public SamplingSettings {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("generate.temperature must be a finite number >= 0 (0 = greedy), got "
                    + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("generate.topK must be >= 0 (0 = off), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("generate.topP must be in (0, 1] (1 = off), got " + topP);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("generate.maxTokens must be >= 1, got " + maxTokens);
        }
        if (stopSymbol != null && stopSymbol.isEmpty()) {
            throw new IllegalArgumentException("generate.stopSymbol must be null (no stop symbol) or a non-empty"
                    + " unit, got an empty string");
        }
    }

    /** Greedy decoding: temperature 0, no filters, no stop symbol. */
    public static SamplingSettings greedy(int maxTokens) {
        return new SamplingSettings(0, 0, 1, maxTokens, null, 0);
    }

    /** Whether every step takes the argmax (temperature 0), so no random draw happens. */
    public boolean isGreedy() {
        return temperature == 0;
    }

    /** Whether a stop symbol ends generation. */
    public boolean hasStopSymbol() {
        return stopSymbol != null;
    }

    /**
     * The random stream of the prompt at {@code promptIndex} (its position in the input, from 0): a
     * {@link SplittableRandom} seeded with a SplitMix64 mix of {@link #seed()} and the index, the same on every JVM
     * and executor.
     */
    public SplittableRandom randomFor(long promptIndex) {
        return new SplittableRandom(mix(seed + 0x9E3779B97F4A7C15L * (promptIndex + 1)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
