package io.seqpipe.data;

import java.io.Serializable;

/**
 * One usable input line.
 *
 * @param source the file it came from
 * @param offset the byte offset of the line in that file
 * @param id     the id column's value, or null when the format has no id column
 * @param text   the text column
 * @param label  the label column, or null for unlabelled data
 */
public record TextRecord(String source, long offset, String id, String text, String label) implements Serializable {
}
