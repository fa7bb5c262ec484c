package io.seqpipe.forecast;

import java.util.Locale;

/** The chronological parts of a series, in time order. */
public enum SplitPart {
    TRAIN, VALIDATION, TEST;

    /** Lower-case name for outputs and summaries. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
