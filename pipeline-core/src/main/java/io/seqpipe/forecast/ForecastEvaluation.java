package io.seqpipe.forecast;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Forecast errors per target column and series key, in original units; mergeable across partitions. The report
 * gives each target's metrics overall and per key, each over all horizon steps and per step.
 */
public final class ForecastEvaluation implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> targets;
    private final int horizon;
    private final Map<String, ForecastErrorAccumulator[]> byKey = new TreeMap<>();

    public ForecastEvaluation(List<String> targets, int horizon) {
        this.targets = List.copyOf(targets);
        this.horizon = horizon;
    }

    /** One target column's metrics: over all keys, and per key. */
    public record TargetMetrics(HorizonMetrics overall, Map<String, HorizonMetrics> perKey) implements Serializable {
    }

    /**
     * Adds the forecast of one window.
     *
     * @param actual     {@code [H][K]} original units
     * @param forecast   {@code [H][K]} original units
     * @param maseScales per target, the series' {@link MaseScale}
     */
    public ForecastEvaluation add(String key, double[][] actual, double[][] forecast, double[] maseScales) {
        if (actual.length != horizon || forecast.length != horizon) {
            throw new IllegalArgumentException("expected " + horizon + " steps, got " + actual.length + " actual and "
                    + forecast.length + " forecast");
        }
        ForecastErrorAccumulator[] acc = accumulators(key);
        for (int h = 0; h < horizon; h++) {
            for (int k = 0; k < targets.size(); k++) {
                acc[k].add(h, actual[h][k], forecast[h][k], maseScales[k]);
            }
        }
        return this;
    }

    /** Adds the forecast of {@code window} (its key and actuals). */
    public ForecastEvaluation add(ForecastWindow window, double[][] forecast, double[] maseScales) {
        return add(window.key(), window.actuals(), forecast, maseScales);
    }

    /** Adds {@code other} into this and returns this. */
    public ForecastEvaluation merge(ForecastEvaluation other) {
        if (!other.targets.equals(targets) || other.horizon != horizon) {
            throw new IllegalArgumentException("cannot merge an evaluation of " + other.targets + " x " + other.horizon
                    + " into " + targets + " x " + horizon);
        }
        other.byKey.forEach((key, acc) -> {
            ForecastErrorAccumulator[] mine = accumulators(key);
            for (int k = 0; k < mine.length; k++) {
                mine[k].merge(acc[k]);
            }
        });
        return this;
    }

    /** Per target column (in configured order): metrics over all keys, and per key (sorted). */
    public Map<String, TargetMetrics> report() {
        Map<String, TargetMetrics> out = new LinkedHashMap<>();
        for (int k = 0; k < targets.size(); k++) {
            ForecastErrorAccumulator all = new ForecastErrorAccumulator(horizon);
            Map<String, HorizonMetrics> perKey = new TreeMap<>();
            for (Map.Entry<String, ForecastErrorAccumulator[]> e : byKey.entrySet()) {
                all.merge(e.getValue()[k]);
                perKey.put(e.getKey(), e.getValue()[k].metrics());
            }
            out.put(targets.get(k), new TargetMetrics(all.metrics(), perKey));
        }
        return out;
    }

    public List<String> keys() {
        return new ArrayList<>(byKey.keySet());
    }

    private ForecastErrorAccumulator[] accumulators(String key) {
        return byKey.computeIfAbsent(key, k -> {
            ForecastErrorAccumulator[] acc = new ForecastErrorAccumulator[targets.size()];
            for (int t = 0; t < acc.length; t++) {
                acc[t] = new ForecastErrorAccumulator(horizon);
            }
            return acc;
        });
    }
}
