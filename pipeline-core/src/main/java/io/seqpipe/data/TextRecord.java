package io.seqpipe.data;

import java.io.Serializable;

/**
 * One usable input record.
 *
 * @param source the file it came from
 * @param offset the 1-based line number of the record in that file (its first line, for a quoted field spanning
 *               lines); 0 for a whole document
 * @param id     the id column's value, or null when the format has no id column
 * @param text   the text column
 * @param label  the label column, or null for unlabelled data
 */
public record TextRecord(String source, long offset, String id, String text, String label) implements Serializable {
}
