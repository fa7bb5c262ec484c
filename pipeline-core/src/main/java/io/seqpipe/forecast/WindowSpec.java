package io.seqpipe.forecast;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.util.List;

/**
 * The shape of the supervised examples cut from a series (config section {@code window}).
 *
 * @param lookback      input steps per window (L)
 * @param horizon       target steps per window (H), predicted at once (direct multi-step)
 * @param stride        steps between the first targets of consecutive windows of a series
 * @param targetColumns the value columns to forecast (K of them)
 */
public record WindowSpec(int lookback, int horizon, int stride, List<String> targetColumns) implements Serializable {

    public WindowSpec {
        ConfigReader.check(lookback >= 1, "window.lookback", lookback, ">= 1");
        ConfigReader.check(horizon >= 1, "window.horizon", horizon, ">= 1");
        ConfigReader.check(stride >= 1, "window.stride", stride, ">= 1");
        targetColumns = List.copyOf(targetColumns);
        if (targetColumns.isEmpty() || targetColumns.stream().distinct().count() != targetColumns.size()) {
            throw new InvalidConfigException("window.targetColumns must name one or more distinct value columns, got "
                    + targetColumns);
        }
    }

    /** Reads {@code <prefix>.lookback}, {@code .horizon}, {@code .stride} and {@code .targetColumns}. */
    public static WindowSpec from(ConfigReader r, String prefix) {
        return new WindowSpec(r.integer(prefix + ".lookback"), r.integer(prefix + ".horizon"),
                r.integer(prefix + ".stride"), r.stringList(prefix + ".targetColumns"));
    }

    /** The shortest series that yields a window: {@code lookback + horizon} steps. */
    public int minimumLength() {
        return lookback + horizon;
    }
}
