package io.seqpipe.forecast;

/**
 * The value one season earlier: for horizon step {@code h} (1-based) of a forecast made at the last observed step
 * {@code T}, the value at {@code T + h - m * ceil(h / m)}, i.e. the latest observed step of the same season. With
 * {@code m = 1} this is the naive forecast.
 */
public final class SeasonalNaiveForecaster implements BaselineForecaster {
    private static final long serialVersionUID = 1L;
    private final int seasonLength;

    public SeasonalNaiveForecaster(int seasonLength) {
        if (seasonLength < 1) {
            throw new IllegalArgumentException("season length must be >= 1, got " + seasonLength);
        }
        this.seasonLength = seasonLength;
    }

    public int seasonLength() {
        return seasonLength;
    }

    @Override
    public String name() {
        return "seasonal-naive(" + seasonLength + ")";
    }

    @Override
    public boolean canForecast(int firstTargetStep) {
        return firstTargetStep >= seasonLength;
    }

    @Override
    public double[][] forecast(double[][] targets, int firstTargetStep, int horizon) {
        if (!canForecast(firstTargetStep)) {
            throw new IllegalArgumentException("seasonal-naive(" + seasonLength + ") needs " + seasonLength
                    + " past steps, the window starts at step " + firstTargetStep);
        }
        int last = firstTargetStep - 1;
        double[][] out = new double[horizon][];
        for (int h = 1; h <= horizon; h++) {
            int seasonsBack = (h + seasonLength - 1) / seasonLength;
            out[h - 1] = targets[last + h - seasonLength * seasonsBack].clone();
        }
        return out;
    }
}
