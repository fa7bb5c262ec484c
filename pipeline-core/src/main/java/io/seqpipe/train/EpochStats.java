package io.seqpipe.train;

/**
 * What one epoch did.
 *
 * @param loss            mean training loss over the epoch's averaging rounds (each round's score is the workers'
 *                        mean minibatch loss)
 * @param examples        training examples seen
 * @param seconds         wall time of the epoch's fit
 * @param validation      the validation metric after the epoch (NaN without validation data)
 * @param validationName  the metric's name, e.g. {@code accuracy}
 */
public record EpochStats(int epoch, double loss, long examples, double seconds, double validation,
                         String validationName) {
    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : 0;
    }

    /**
     * The per-epoch history of a model's provenance: epoch, loss, the validation metric under {@code validationKey},
     * seconds and examples per second, one map per epoch.
     */
    public static java.util.List<java.util.Map<String, Object>> history(java.util.List<EpochStats> epochs,
                                                                      String validationKey) {
        java.util.List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
        for (EpochStats e : epochs) {
            java.util.Map<String, Object> h = new java.util.LinkedHashMap<>();
            h.put("epoch", e.epoch());
            h.put("loss", e.loss());
            h.put(validationKey, e.validation());
            h.put("seconds", e.seconds());
            h.put("examplesPerSecond", e.examplesPerSecond());
            rows.add(h);
        }
        return rows;
    }
}
