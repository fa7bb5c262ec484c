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
}
