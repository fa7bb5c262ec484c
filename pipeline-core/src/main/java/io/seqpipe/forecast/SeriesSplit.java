package io.seqpipe.forecast;

import java.io.Serializable;

/**
 * Where one series' parts begin and end, as step indices: train {@code [0, trainEnd)}, validation
 * {@code [trainEnd, validationEnd)}, test {@code [validationEnd, length)}. Any part may be empty.
 */
public record SeriesSplit(String key, int length, int trainEnd, int validationEnd) implements Serializable {

    public SeriesSplit {
        if (trainEnd < 0 || validationEnd < trainEnd || length < validationEnd) {
            throw new IllegalArgumentException("series '" + key + "': split boundaries must satisfy 0 <= trainEnd <="
                    + " validationEnd <= length, got " + trainEnd + ", " + validationEnd + ", " + length);
        }
    }

    /** The part that owns {@code step}. */
    public SplitPart partOf(int step) {
        if (step < 0 || step >= length) {
            throw new IndexOutOfBoundsException("step " + step + " of a series of length " + length);
        }
        return step < trainEnd ? SplitPart.TRAIN : step < validationEnd ? SplitPart.VALIDATION : SplitPart.TEST;
    }

    /** The first step of {@code part}. */
    public int start(SplitPart part) {
        return switch (part) {
            case TRAIN -> 0;
            case VALIDATION -> trainEnd;
            case TEST -> validationEnd;
        };
    }

    /** One past the last step of {@code part}. */
    public int end(SplitPart part) {
        return switch (part) {
            case TRAIN -> trainEnd;
            case VALIDATION -> validationEnd;
            case TEST -> length;
        };
    }

    public int size(SplitPart part) {
        return end(part) - start(part);
    }

    /**
     * This split with its validation part re-placed as the target span of the last {@code origins} forecast origins
     * before the test part; the test part is unchanged and training is everything before.
     *
     * <p>The origins are on {@link Windower}'s grid (first target steps {@code L + k·stride}). The last is the latest
     * whose {@code H} targets end before the test part ({@code k_last = floor((testStart - H - L) / stride)}); the
     * validation part starts at the first target of origin {@code k_last - (origins - 1)}, so it owns exactly
     * {@code origins} windows, overlapping when {@code stride < H}, and spans {@code H + (origins - 1)·stride} steps
     * (plus fewer than {@code stride} steps no window reaches). A series with fewer origins before its test part gives
     * all of them to validation (its training part then has no windows; its statistics still come from the steps
     * before), and one where no window fits before the test part has an empty validation part.
     */
    public SeriesSplit withValidationOrigins(WindowSpec window, int origins) {
        if (origins < 1) {
            throw new IllegalArgumentException("origins must be >= 1, got " + origins);
        }
        int l = window.lookback();
        int h = window.horizon();
        int testStart = validationEnd;
        if (testStart < l + h) {
            return new SeriesSplit(key, length, testStart, testStart);
        }
        int last = (testStart - h - l) / window.stride();
        int first = Math.max(0, last - (origins - 1));
        return new SeriesSplit(key, length, l + first * window.stride(), testStart);
    }
}
