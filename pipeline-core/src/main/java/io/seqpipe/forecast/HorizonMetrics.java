package io.seqpipe.forecast;

import java.io.Serializable;
import java.util.List;

/**
 * Metrics over all horizon steps and per step ({@code perStep.get(h - 1)} is step {@code h}).
 */
public record HorizonMetrics(ForecastMetrics overall, List<ForecastMetrics> perStep) implements Serializable {
    public HorizonMetrics {
        perStep = List.copyOf(perStep);
    }
}
