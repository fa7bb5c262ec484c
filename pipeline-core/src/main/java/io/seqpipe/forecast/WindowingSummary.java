package io.seqpipe.forecast;

import java.io.Serializable;

/**
 * How many windows the series gave, for one key or (after {@link #plus}) all of them.
 *
 * @param series               series keys summed
 * @param seriesTooShort       series shorter than lookback + horizon (no windows; not an error)
 * @param trainWindows         windows whose targets all lie in the training part
 * @param validationWindows    ... in the validation part
 * @param testWindows          ... in the test part
 * @param straddlingDropped    windows dropped because their targets cross a split boundary
 */
public record WindowingSummary(long series, long seriesTooShort, long trainWindows, long validationWindows,
                               long testWindows, long straddlingDropped) implements Serializable {

    public static final WindowingSummary EMPTY = new WindowingSummary(0, 0, 0, 0, 0, 0);

    public WindowingSummary plus(WindowingSummary o) {
        return new WindowingSummary(series + o.series, seriesTooShort + o.seriesTooShort, trainWindows + o.trainWindows,
                validationWindows + o.validationWindows, testWindows + o.testWindows,
                straddlingDropped + o.straddlingDropped);
    }

    /** For messages: {@code "3 series (3 too short), windows: train 0, validation 0, test 0, 0 straddling dropped"}. */
    public String describe() {
        return series + " series (" + seriesTooShort + " too short), windows: train " + trainWindows + ", validation "
                + validationWindows + ", test " + testWindows + ", " + straddlingDropped
                + " straddling a split boundary dropped";
    }

    public long windows(SplitPart part) {
        return switch (part) {
            case TRAIN -> trainWindows;
            case VALIDATION -> validationWindows;
            case TEST -> testWindows;
        };
    }
}
