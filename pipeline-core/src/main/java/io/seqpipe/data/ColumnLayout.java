package io.seqpipe.data;

import io.seqpipe.SeqPipeException;
import io.seqpipe.io.PrintSafe;

import java.io.Serializable;
import java.util.List;

/**
 * Where the text, label and id are in a split line, resolved from a {@link DelimitedFormat} and (if any) the header.
 *
 * @param expectedColumns the number of columns every line must have (from the header), or -1 to accept any number
 *                        that reaches the highest index used
 * @param label           -1 when there is no label column
 * @param id              -1 when there is no id column
 */
public record ColumnLayout(int expectedColumns, int text, int label, int id) implements Serializable {

    public int minColumns() {
        return Math.max(text, Math.max(label, id)) + 1;
    }

    /** Resolves names against {@code header} (or indices without one); fails naming the missing column. */
    public static ColumnLayout resolve(DelimitedFormat format, List<String> header, String source) {
        if (!format.header()) {
            return new ColumnLayout(-1, Integer.parseInt(format.textColumn()),
                    format.labelColumn() == null ? -1 : Integer.parseInt(format.labelColumn()),
                    format.idColumn() == null ? -1 : Integer.parseInt(format.idColumn()));
        }
        return new ColumnLayout(header.size(), find(header, format.textColumn(), "textColumn", source),
                format.labelColumn() == null ? -1 : find(header, format.labelColumn(), "labelColumn", source),
                format.idColumn() == null ? -1 : find(header, format.idColumn(), "idColumn", source));
    }

    private static int find(List<String> header, String name, String key, String source) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new SeqPipeException("column '" + name + "' (" + key + ") is not in the header of " + source
                    + "; the header has " + PrintSafe.excerpt(header.toString()));
        }
        return i;
    }
}
