package io.seqpipe.forecast;

import java.io.Serializable;
import java.time.LocalDateTime;

/**
 * One supervised example: the {@code L} steps before {@code firstTargetStep} as inputs, the {@code H} steps from it
 * as targets.
 *
 * @param key             the series it was cut from
 * @param part            the split part owning all its target steps
 * @param firstTargetStep the step index of the first target in the cleaned series
 * @param firstTargetTime its timestamp, or null without timestamps
 * @param inputs          {@code [L][features]}, scaled
 * @param targets         {@code [H][K]}, scaled (what the network learns)
 * @param actuals         {@code [H][K]} in original units (what metrics compare with)
 */
public record ForecastWindow(String key, SplitPart part, int firstTargetStep, LocalDateTime firstTargetTime,
                             float[][] inputs, float[][] targets, double[][] actuals) implements Serializable {

    /** The targets flattened step-major, {@code [h * K + k]}: the label vector of a many-to-one regressor. */
    public float[] targetVector() {
        int k = targets[0].length;
        float[] flat = new float[targets.length * k];
        for (int h = 0; h < targets.length; h++) {
            System.arraycopy(targets[h], 0, flat, h * k, k);
        }
        return flat;
    }
}
