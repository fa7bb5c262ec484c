package io.seqpipe.forecast;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one series into {@link ForecastWindow}s. Windows never cross series keys (one call sees one key).
 *
 * <p>Positions: the first target steps are {@code L, L + stride, L + 2·stride, ...} as long as all {@code H} target
 * steps exist; the inputs are the {@code L} steps before. (With {@code stride > 1}, choose it so that the test
 * part's first step is on this grid when a window must start exactly there, or use stride 1.)
 *
 * <p>Split ownership: a window belongs to the part that contains <em>all</em> of its target steps. Its lookback may
 * reach back into earlier parts: past observations are legitimate inputs at forecast time (the 1960 test year of the
 * airline series is forecast from its 1959 lookback, as it would be in production), while no target value is ever
 * shared between parts. A window whose targets cross a boundary is dropped and counted. A series shorter than
 * {@code L + H} gives no windows and is counted, not an error.
 */
public final class Windower implements Serializable {
    private static final long serialVersionUID = 1L;
    private final WindowSpec spec;

    public Windower(WindowSpec spec) {
        this.spec = spec;
    }

    /** The windows of one series, in step order, and their counts. */
    public record Result(List<ForecastWindow> windows, WindowingSummary summary) {
    }

    public Result windows(SeriesFeatures features, SeriesSplit split) {
        int n = features.length();
        if (split.length() != n) {
            throw new IllegalArgumentException("series '" + features.key() + "': split of " + split.length()
                    + " steps for " + n + " feature steps");
        }
        int l = spec.lookback();
        int h = spec.horizon();
        if (n < spec.minimumLength()) {
            return new Result(List.of(), new WindowingSummary(1, 1, 0, 0, 0, 0));
        }
        long[] perPart = new long[SplitPart.values().length];
        long straddling = 0;
        List<ForecastWindow> windows = new ArrayList<>();
        for (int first = l; first + h <= n; first += spec.stride()) {
            SplitPart part = split.partOf(first);
            if (split.partOf(first + h - 1) != part) {
                straddling++;
                continue;
            }
            perPart[part.ordinal()]++;
            windows.add(window(features, part, first));
        }
        return new Result(windows, new WindowingSummary(1, 0, perPart[0], perPart[1], perPart[2], straddling));
    }

    private ForecastWindow window(SeriesFeatures f, SplitPart part, int first) {
        int l = spec.lookback();
        int h = spec.horizon();
        float[][] inputs = new float[l][];
        for (int i = 0; i < l; i++) {
            inputs[i] = f.inputs()[first - l + i].clone();
        }
        int k = f.targetFeatures().length;
        float[][] targets = new float[h][k];
        double[][] actuals = new double[h][];
        for (int s = 0; s < h; s++) {
            for (int t = 0; t < k; t++) {
                targets[s][t] = f.inputs()[first + s][f.targetFeatures()[t]];
            }
            actuals[s] = f.targets()[first + s].clone();
        }
        return new ForecastWindow(f.key(), part, first, f.timestamp(first), inputs, targets, actuals);
    }

    /**
     * The inputs for forecasting beyond the end of the series (the {@code score} job): its last {@code L} steps, or
     * null when the series is shorter than {@code L}.
     */
    public float[][] latestInputs(SeriesFeatures features) {
        int n = features.length();
        int l = spec.lookback();
        if (n < l) {
            return null;
        }
        float[][] inputs = new float[l][];
        for (int i = 0; i < l; i++) {
            inputs[i] = features.inputs()[n - l + i].clone();
        }
        return inputs;
    }
}
