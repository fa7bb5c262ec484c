package io.seqpipe.tasks.classification;

import io.seqpipe.data.ParseOutcome;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.data.TextRecord;
import io.seqpipe.tasks.CharacterIds;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.PaddedSequence;
import io.seqpipe.text.TextEncoder;

import java.io.Serializable;

/**
 * A parsed line after encoding: the record, its padded ids and class index, or why it was rejected. Exactly one of
 * {@code sequence} and {@code rejection} is non-null.
 *
 * @param chars the character ids of each token kept ({@link TextEncoder#keptTokens}, in order) with a character
 *              encoder, else null
 */
public record EncodedRecord(TextRecord record, PaddedSequence sequence, int label, Rejection rejection,
                            int[][] chars) implements Serializable {

    /**
     * Encodes one parsed line. A line whose text has no tokens, or (with {@code labels}) whose label is not in the
     * index, is rejected. {@code labels} null: unlabelled data, label -1.
     */
    public static EncodedRecord encode(ParseOutcome parsed, TextEncoder encoder, LabelIndex labels) {
        return encode(parsed, encoder, null, labels);
    }

    /** {@link #encode(ParseOutcome, TextEncoder, LabelIndex)} with character ids when {@code chars} is set. */
    public static EncodedRecord encode(ParseOutcome parsed, TextEncoder encoder, CharacterIds chars,
                                       LabelIndex labels) {
        if (parsed.isRejected()) {
            return new EncodedRecord(null, null, -1, parsed.rejection(), null);
        }
        TextRecord r = parsed.record();
        int label = -1;
        if (labels != null) {
            label = labels.indexOf(r.label());
            if (label < 0) {
                return rejected(r, RejectReason.UNKNOWN_LABEL, "label '" + r.label() + "' is not one of "
                        + labels.labels());
            }
        }
        PaddedSequence seq = encoder.encode(r.text());
        if (seq.length() == 0) {
            return rejected(r, RejectReason.EMPTY_TEXT, "text has no tokens");
        }
        return new EncodedRecord(r, seq, label, null,
                chars == null ? null : chars.encode(encoder.keptTokens(r.text())));
    }

    private static EncodedRecord rejected(TextRecord r, RejectReason reason, String detail) {
        String line = r.text() + (r.label() == null ? "" : "\t" + r.label());
        return new EncodedRecord(null, null, -1, new Rejection(r.source(), r.offset(), reason, detail, line), null);
    }

    public boolean isRejected() {
        return rejection != null;
    }

    /** The record's id: its id column, or {@code <file name>:<line number>} when the input has none. */
    public String id() {
        if (record.id() != null) {
            return record.id();
        }
        String source = record.source();
        return source.substring(source.lastIndexOf('/') + 1) + ":" + record.offset();
    }
}
