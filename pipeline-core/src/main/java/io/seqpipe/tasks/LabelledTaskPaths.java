package io.seqpipe.tasks;

import io.seqpipe.config.ConfigReader;

import java.io.Serializable;

/**
 * The {@code paths.*} of a task whose inputs are labelled splits (sentiment, ner and pos, translation): the inputs
 * ({@code train}, {@code validation}, {@code test}, {@code score}; null when unset) and the outputs, which are
 * required.
 */
public record LabelledTaskPaths(String train, String validation, String test, String score, String prepared,
                                String model, String metrics, String metricsHistory, String predictions)
        implements StepConfig.Paths, Serializable {

    public static LabelledTaskPaths from(ConfigReader r) {
        return new LabelledTaskPaths(r.optionalString("paths.train"), r.optionalString("paths.validation"),
                r.optionalString("paths.test"), r.optionalString("paths.score"), r.string("paths.prepared"),
                r.string("paths.model"), r.string("paths.metrics"), r.string("paths.metricsHistory"),
                r.string("paths.predictions"));
    }
}
