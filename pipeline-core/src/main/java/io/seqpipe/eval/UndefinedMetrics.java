package io.seqpipe.eval;

import io.seqpipe.SeqPipeException;

import java.util.List;
import java.util.Map;

/**
 * The guard against reporting a metric that is NaN (a model that diverged, a test or validation set of one class, an
 * empty denominator): a run that would report one fails, naming the metrics, unless its config allows it.
 */
public final class UndefinedMetrics {
    private UndefinedMetrics() {
    }

    /** The names of the metrics that are NaN, in map order. */
    public static List<String> names(Map<String, Double> metrics) {
        return metrics.entrySet().stream().filter(e -> e.getValue() != null && e.getValue().isNaN())
                .map(Map.Entry::getKey).toList();
    }

    /**
     * Fails when any of {@code metrics} is NaN and {@code allowed} is false.
     *
     * @param what     the run and data the metrics are of, e.g. {@code "evaluate on paths.test data/test.tsv"}
     * @param allowKey the config key that allows NaN metrics
     */
    public static void require(Map<String, Double> metrics, String what, boolean allowed, String allowKey) {
        List<String> nan = names(metrics);
        if (!nan.isEmpty() && !allowed) {
            throw new SeqPipeException(what + ": " + String.join(", ", nan) + (nan.size() == 1 ? " is" : " are")
                    + " NaN, so nothing is written. Check that the data has more than one class and that training did"
                    + " not diverge (loss NaN: lower train.learningRate), or set " + allowKey + "=true to report NaN");
        }
    }
}
