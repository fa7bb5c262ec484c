package io.seqpipe.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One evaluated run as {@link RunComparison} reads it: what its {@code metrics.json} says, the learning curve of its
 * model's provenance, the config its model was trained with and its evaluations in the metrics history.
 *
 * @param location    where the run was read from, as given on the command line
 * @param metrics     the flat metrics of {@code metrics.json}; NaN for an undefined one
 * @param curve       the model's per-epoch history; empty when the provenance has none or cannot be found
 * @param config      the model's {@code config.json} as a JSON tree; null when the model directory has none
 * @param evaluations the evaluations of this run's model in its metrics history, oldest first; empty without one
 */
public record ComparedRun(String location, String task, String model, String dataset, String runId, String time,
                          Map<String, Double> metrics, LearningCurve curve, Map<String, Object> config,
                          List<Evaluation> evaluations) {
    public ComparedRun {
        if (location == null || task == null) {
            throw new IllegalArgumentException("a compared run needs its location and task");
        }
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        curve = curve == null ? LearningCurve.fromProvenance(List.of(), null) : curve;
        evaluations = List.copyOf(evaluations);
    }

    /** One evaluate run of the model as the metrics history recorded it: one row per metric, gathered. */
    public record Evaluation(String runId, String time, String dataset, Map<String, Double> metrics) {
        public Evaluation {
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }
}
