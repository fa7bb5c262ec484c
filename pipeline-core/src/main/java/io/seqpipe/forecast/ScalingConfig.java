package io.seqpipe.forecast;

import io.seqpipe.config.ConfigReader;

import java.io.Serializable;

/**
 * How value columns are scaled before windowing (config section {@code scaling}).
 *
 * @param method {@link Method#STANDARD}: {@code (x - mean) / std} (population std); {@link Method#MINMAX}:
 *               {@code (x - min) / (max - min)}; {@link Method#NONE}: unchanged. A constant column gets divisor 1.
 * @param scope  {@link Scope#GLOBAL}: one set of statistics over the training parts of all keys;
 *               {@link Scope#PER_KEY}: statistics per series key
 */
public record ScalingConfig(Method method, Scope scope) implements Serializable {

    public enum Method { STANDARD, MINMAX, NONE }

    public enum Scope { GLOBAL, PER_KEY }

    public ScalingConfig {
        if (method == null || scope == null) {
            throw new IllegalArgumentException("scaling method and scope must be set");
        }
    }

    /** Reads {@code <prefix>.method} and {@code <prefix>.scope} ({@code global} or {@code per-key}). */
    public static ScalingConfig from(ConfigReader r, String prefix) {
        return new ScalingConfig(r.enumValue(prefix + ".method", Method.class),
                r.enumValue(prefix + ".scope", Scope.class));
    }
}
