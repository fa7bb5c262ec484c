package io.seqpipe.data;

/** Why an input line was not used. Written, lower-cased, to the {@code reason} column of a rejects output. */
public enum RejectReason {
    /** The bytes are not valid in the configured charset. */
    UNDECODABLE_BYTES,
    /** A quoted field is not closed on its line. */
    UNBALANCED_QUOTE,
    /** The line has a different number of columns than the header (or too few for the columns used). */
    WRONG_COLUMN_COUNT,
    /** The text column is empty or has no tokens. */
    EMPTY_TEXT,
    /** The label column is empty. */
    EMPTY_LABEL,
    /** The label is not in the fixed (configured) or training label set. */
    UNKNOWN_LABEL,
    /** The id column is empty. */
    EMPTY_ID,
    /** A time-series timestamp is empty or does not match the configured timestamp format. */
    BAD_TIMESTAMP,
    /** A time-series value column is not a finite number (and the missing-value policy is to reject the row). */
    NON_NUMERIC_VALUE,
    /** A time-series row repeats the timestamp of an earlier row of the same series key. */
    DUPLICATE_TIMESTAMP,
    /** A time-series row's timestamp is earlier than that of a preceding row of the same series key. */
    OUT_OF_ORDER_TIMESTAMP,
    /** The series-key column of a time-series row is empty. */
    EMPTY_SERIES_KEY;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
