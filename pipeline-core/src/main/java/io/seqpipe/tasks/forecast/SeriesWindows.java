package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.ForecastWindow;
import io.seqpipe.forecast.WindowingSummary;

import java.io.Serializable;
import java.util.List;

/**
 * The windows of one series key and their counts.
 *
 * @param unseenCategoryValues categorical values not seen in training (encoded as zeros)
 * @param unscaled             1 when the key had no training steps to fit its per-key scaling (no windows), else 0
 */
public record SeriesWindows(List<ForecastWindow> windows, WindowingSummary summary, long unseenCategoryValues,
                            long unscaled) implements Serializable {
}
