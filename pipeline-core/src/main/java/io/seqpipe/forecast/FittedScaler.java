package io.seqpipe.forecast;

import io.seqpipe.SeqPipeException;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The scaling of every value column, fitted on training parts by {@link ScalerFitter}; applied to inputs and
 * targets, and inverted to bring predicted targets back to original units. A plain record of lists and maps so it
 * can be written beside the model as JSON (Jackson) and read back.
 *
 * @param columns the value columns, in feature order
 * @param global  one scaling per column ({@link ScalingConfig.Scope#GLOBAL}); empty otherwise
 * @param perKey  per series key, one scaling per column ({@link ScalingConfig.Scope#PER_KEY}); empty otherwise
 */
public record FittedScaler(ScalingConfig.Method method, ScalingConfig.Scope scope, List<String> columns,
                           List<ColumnScaling> global, Map<String, List<ColumnScaling>> perKey) implements Serializable {

    public FittedScaler {
        columns = List.copyOf(columns);
        global = List.copyOf(global);
        perKey = Map.copyOf(perKey);
        if (scope == ScalingConfig.Scope.GLOBAL && global.size() != columns.size()) {
            throw new IllegalArgumentException("a global scaler needs one scaling per column " + columns);
        }
        for (Map.Entry<String, List<ColumnScaling>> e : perKey.entrySet()) {
            if (e.getValue().size() != columns.size()) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' needs one scaling per column " + columns);
            }
        }
    }

    /** The scalings that apply to series {@code key}; fails (per key) when that key had no training steps. */
    public List<ColumnScaling> forKey(String key) {
        if (scope == ScalingConfig.Scope.GLOBAL) {
            return global;
        }
        List<ColumnScaling> s = perKey.get(key);
        if (s == null) {
            throw new SeqPipeException("series '" + key + "' had no training steps, so no per-key scaling was fitted"
                    + " for it; use scaling.scope = global or give the series training data");
        }
        return s;
    }

    /** True when {@link #forKey} would succeed. */
    public boolean covers(String key) {
        return scope == ScalingConfig.Scope.GLOBAL || perKey.containsKey(key);
    }

    public double scale(String key, int column, double x) {
        return forKey(key).get(column).apply(x);
    }

    public double inverse(String key, int column, double scaled) {
        return forKey(key).get(column).invert(scaled);
    }
}
