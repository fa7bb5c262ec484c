package io.seqpipe.forecast;

import java.io.Serializable;
import java.time.LocalDateTime;

/**
 * A cleaned series turned into model features by {@link FeatureAssembler}.
 *
 * @param key                  the series key
 * @param timestamps           one per step, or null without timestamps
 * @param inputs               {@code [step][feature]}: scaled value columns, then one-hot categories
 * @param targetFeatures       the feature index of each target column (targets are scaled value columns)
 * @param targets              {@code [step][target]} in original units, for baselines, MASE scales and metrics
 * @param unseenCategoryValues categorical values not seen in training (encoded as all-zero blocks)
 */
public record SeriesFeatures(String key, LocalDateTime[] timestamps, float[][] inputs, int[] targetFeatures,
                             double[][] targets, long unseenCategoryValues) implements Serializable {

    public int length() {
        return inputs.length;
    }

    /** The timestamp of {@code step}, or null without timestamps. */
    public LocalDateTime timestamp(int step) {
        return timestamps == null ? null : timestamps[step];
    }
}
