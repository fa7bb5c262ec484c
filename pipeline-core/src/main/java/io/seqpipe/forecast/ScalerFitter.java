package io.seqpipe.forecast;

import io.seqpipe.SeqPipeException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates the statistics a {@link FittedScaler} needs, from the <em>training part</em> of each series only:
 * validation and test steps are never looked at, so nothing about them leaks into the inputs. Mergeable: fill one
 * per partition (or per key) and {@link #merge} them on the driver.
 */
public final class ScalerFitter implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ScalingConfig config;
    private final List<String> columns;
    private final Map<String, ColumnStatistics[]> byKey = new TreeMap<>();

    public ScalerFitter(ScalingConfig config, List<String> columns) {
        this.config = config;
        this.columns = List.copyOf(columns);
    }

    /** Adds the steps {@code [0, split.trainEnd())} of {@code series}. */
    public ScalerFitter observeTraining(TimeSeries series, SeriesSplit split) {
        ColumnStatistics[] stats = byKey.computeIfAbsent(statisticsKey(series.key()), k -> newStatistics());
        for (int step = 0; step < split.trainEnd(); step++) {
            for (int c = 0; c < stats.length; c++) {
                stats[c].add(series.value(step, c));
            }
        }
        return this;
    }

    /** Adds {@code other} into this and returns this. */
    public ScalerFitter merge(ScalerFitter other) {
        if (!other.config.equals(config) || !other.columns.equals(columns)) {
            throw new IllegalArgumentException("cannot merge scaler statistics of a different configuration");
        }
        other.byKey.forEach((key, stats) -> {
            ColumnStatistics[] mine = byKey.computeIfAbsent(key, k -> newStatistics());
            for (int c = 0; c < mine.length; c++) {
                mine[c].merge(stats[c]);
            }
        });
        return this;
    }

    /** The fitted scaler; fails when the training parts are empty (global) or a key has none (per key). */
    public FittedScaler fit() {
        if (config.scope() == ScalingConfig.Scope.GLOBAL) {
            ColumnStatistics[] stats = byKey.get(GLOBAL);
            if (stats == null || stats[0].count() == 0) {
                throw new SeqPipeException("no training steps to fit the scaler on: every series' training part is"
                        + " empty; check split.* and the input");
            }
            return new FittedScaler(config.method(), config.scope(), columns, scalings(stats), Map.of());
        }
        Map<String, List<ColumnScaling>> perKey = new TreeMap<>();
        byKey.forEach((key, stats) -> {
            if (stats[0].count() > 0) {
                perKey.put(key, scalings(stats));
            }
        });
        if (perKey.isEmpty()) {
            throw new SeqPipeException("no training steps to fit the scaler on: every series' training part is"
                    + " empty; check split.* and the input");
        }
        return new FittedScaler(config.method(), config.scope(), columns, List.of(), perKey);
    }

    private List<ColumnScaling> scalings(ColumnStatistics[] stats) {
        List<ColumnScaling> out = new ArrayList<>();
        for (ColumnStatistics s : stats) {
            out.add(switch (config.method()) {
                case NONE -> ColumnScaling.IDENTITY;
                case STANDARD -> new ColumnScaling(s.mean(), nonZero(s.standardDeviation()));
                case MINMAX -> new ColumnScaling(s.min(), nonZero(s.max() - s.min()));
            });
        }
        return out;
    }

    private static double nonZero(double divisor) {
        return divisor > 0 ? divisor : 1;
    }

    private static final String GLOBAL = "";

    private String statisticsKey(String seriesKey) {
        return config.scope() == ScalingConfig.Scope.GLOBAL ? GLOBAL : seriesKey;
    }

    private ColumnStatistics[] newStatistics() {
        ColumnStatistics[] stats = new ColumnStatistics[columns.size()];
        for (int c = 0; c < stats.length; c++) {
            stats[c] = new ColumnStatistics();
        }
        return stats;
    }
}
