package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.CategoryEncoder;
import io.seqpipe.forecast.ScalerFitter;

import java.io.Serializable;

/** Scaler statistics and categories of the training parts of some series keys; merged across keys on the driver. */
public record TrainingFit(ScalerFitter scaler, CategoryEncoder categories) implements Serializable {

    /** This fit with {@code other}'s added (the scaler fitter is merged in place). */
    public TrainingFit merge(TrainingFit other) {
        return new TrainingFit(scaler.merge(other.scaler), categories.merge(other.categories));
    }
}
