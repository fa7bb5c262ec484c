package io.seqpipe.timeseries;

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
}
