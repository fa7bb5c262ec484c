package io.seqpipe.tasks;

import java.util.Map;

/**
 * What {@code evaluate} returns: the metrics it wrote, typed, so a caller (nightly retraining, the Spark ML stages)
 * decides on them without reading {@code metrics.json} back.
 */
public interface EvaluationReport extends JobReport {
    /** The evaluated model directory, qualified. */
    String model();

    /** The flat metrics exactly as written under {@code metrics} in {@code metrics.json} (name → value). */
    Map<String, Double> metrics();

    /** The folder that holds {@code metrics.json}, qualified. */
    String metricsPath();
}
