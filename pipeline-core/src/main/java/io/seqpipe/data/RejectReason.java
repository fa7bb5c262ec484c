package io.seqpipe.data;

/**
 * Why an input line was not used. Written, lower-cased, to the {@code reason} column of a rejects output.
 *
 * <p>The first group applies to record-per-line files ({@code io.seqpipe.data.DelimitedLineParser}); the second to
 * the sentence-per-block column files of {@code io.seqpipe.tagging}, where one bad line rejects its whole sentence.
 */
public enum RejectReason {
    /** The bytes are not valid in the configured charset. */
    UNDECODABLE_BYTES,
    /** A quoted field is not closed: on its line (time series), or before the end of the file or within
     * {@link DelimitedFileParser#MAX_RECORD_LINES} lines (delimited text, where quoted fields may span lines). */
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
    /** Column files: the token column of a word line is empty. */
    EMPTY_TOKEN,
    /** Column files: the tag column of a word line is empty (or {@code _}, "not annotated", in CoNLL-U). */
    EMPTY_TAG,
    /** CoNLL-U: the ID column is not a word index ({@code 3}), a multi-word range ({@code 3-4}) or an empty node
     * ({@code 3.1}). */
    BAD_TOKEN_ID,
    /** Column files: a sentence block has no word lines (only CoNLL-U multi-word ranges or empty nodes). */
    EMPTY_SENTENCE,
    /** A tag is not valid in the sentence's tag scheme (e.g. {@code X-PER} or {@code S-PER} in IOB2). */
    INVALID_TAG_SEQUENCE,
    /** A time-series timestamp is empty or does not match the configured timestamp format. */
    BAD_TIMESTAMP,
    /** A time-series value column holds a missing value (empty, NA, ...) and the missing-value policy is to reject
     * the row. */
    NON_NUMERIC_VALUE,
    /** A time-series value column is neither a finite decimal number nor a missing value ({@code 12f}, {@code 0x1p4},
     * {@code 1_000}, {@code Infinity}, text): rejected under every missing-value policy. */
    BAD_NUMBER,
    /** A time-series row repeats the timestamp of an earlier row of the same series key. */
    DUPLICATE_TIMESTAMP,
    /** A time-series row's timestamp is earlier than that of a preceding row of the same series key. */
    OUT_OF_ORDER_TIMESTAMP,
    /** The series-key column of a time-series row is empty. */
    EMPTY_SERIES_KEY,
    /** Translation: the source side of a sentence pair has no tokens. */
    EMPTY_SOURCE,
    /** Translation: the target side of a sentence pair has no tokens. */
    EMPTY_TARGET,
    /** Translation: the source side has more tokens than the configured maximum. */
    SOURCE_TOO_LONG,
    /** Translation: the target side has more tokens than the configured maximum. */
    TARGET_TOO_LONG;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
