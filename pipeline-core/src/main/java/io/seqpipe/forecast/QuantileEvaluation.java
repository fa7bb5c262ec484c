package io.seqpipe.forecast;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quantile-forecast errors per target column over all series, in original units; mergeable across partitions. The
 * report gives each target's {@link QuantileMetrics} over all horizon steps and per step.
 */
public final class QuantileEvaluation implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> targets;
    private final QuantileLevels levels;
    private final QuantileErrorAccumulator[] byTarget;

    public QuantileEvaluation(List<String> targets, QuantileLevels levels, int horizon) {
        this.targets = List.copyOf(targets);
        this.levels = levels;
        byTarget = new QuantileErrorAccumulator[targets.size()];
        for (int k = 0; k < byTarget.length; k++) {
            byTarget[k] = new QuantileErrorAccumulator(levels, horizon);
        }
    }

    /** One target column's metrics over all steps, and per step ({@code perStep.get(h - 1)} for step h). */
    public record TargetQuantiles(QuantileMetrics overall, List<QuantileMetrics> perStep) implements Serializable {
    }

    public QuantileLevels levels() {
        return levels;
    }

    /**
     * Adds the forecasts of one window.
     *
     * @param actual    {@code [H][K]} original units
     * @param forecasts {@code [Q][H][K]} original units, in the order of the levels
     */
    public QuantileEvaluation add(double[][] actual, double[][][] forecasts) {
        int horizon = byTarget[0].horizon();
        if (actual.length != horizon || forecasts.length != levels.count()) {
            throw new IllegalArgumentException("expected " + horizon + " steps and " + levels.count()
                    + " levels, got " + actual.length + " steps and " + forecasts.length + " levels");
        }
        double[] atStep = new double[levels.count()];
        for (int h = 0; h < horizon; h++) {
            for (int k = 0; k < targets.size(); k++) {
                for (int i = 0; i < atStep.length; i++) {
                    atStep[i] = forecasts[i][h][k];
                }
                byTarget[k].add(h, actual[h][k], atStep);
            }
        }
        return this;
    }

    /** Adds {@code other} into this and returns this. */
    public QuantileEvaluation merge(QuantileEvaluation other) {
        if (!other.targets.equals(targets)) {
            throw new IllegalArgumentException("cannot merge an evaluation of " + other.targets + " into " + targets);
        }
        for (int k = 0; k < byTarget.length; k++) {
            byTarget[k].merge(other.byTarget[k]);
        }
        return this;
    }

    /** Per target column, in configured order. */
    public Map<String, TargetQuantiles> report() {
        Map<String, TargetQuantiles> out = new LinkedHashMap<>();
        for (int k = 0; k < targets.size(); k++) {
            out.put(targets.get(k), new TargetQuantiles(byTarget[k].overall(), byTarget[k].perStep()));
        }
        return out;
    }
}
