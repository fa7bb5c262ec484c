package io.seqpipe.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.function.Function;

/**
 * An averaging round just finished ({@link TrainingListener#onRoundEnd}).
 *
 * @param epoch          the epoch (1-based)
 * @param round          the round within the epoch (1-based)
 * @param roundsPerEpoch rounds in every epoch
 * @param examples       examples fitted since training began (whole epochs before this one count in full; a resumed
 *                       run counts from the beginning of the original run)
 * @param roundLoss      the round's training loss (the average of the workers' last minibatch scores)
 * @param elapsedSeconds seconds since this run's training began
 */
public record RoundEnd(int epoch, int round, int roundsPerEpoch, long examples, double roundLoss,
                       double elapsedSeconds, ModelAccess model) {

    /** Runs a function on the network holding the current model's parameters (what validation would score). */
    public <T> T withModel(Function<ComputationGraph, T> f) {
        return model.apply(f);
    }

    /** Lends the network with the model's parameters for the duration of one call. */
    @FunctionalInterface
    public interface ModelAccess {
        <T> T apply(Function<ComputationGraph, T> f);
    }
}
