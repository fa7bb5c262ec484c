package io.seqpipe.tagging;

import io.seqpipe.data.DelimitedLineParser;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups the lines of a column file, in order, into {@link SentenceBlock}s: consecutive {@link
 * ColumnFormat.LineKind#CONTENT} lines form a block, a {@link ColumnFormat.LineKind#SEPARATOR} closes it, and
 * {@link ColumnFormat.LineKind#COMMENT} lines are left out without closing it. Streaming (one block in memory), so the
 * Spark reader runs the same grouping over each input split; {@link #group} does a whole file at once.
 */
public final class SentenceBlockGrouper {
    private final String source;
    private final ColumnFormat format;
    private final List<NumberedLine> open = new ArrayList<>();
    private boolean seenSeparator;

    public SentenceBlockGrouper(String source, ColumnFormat format) {
        this.source = source;
        this.format = format;
    }

    /** Adds the next line; returns the block it closes (a separator after at least one content line), else null. */
    public SentenceBlock add(NumberedLine line) {
        switch (format.classify(line.text())) {
            case SEPARATOR -> {
                seenSeparator = true;
                return close();
            }
            case COMMENT -> {
                return null;
            }
            default -> {
                open.add(line);
                return null;
            }
        }
    }

    /** The block still open after the last line (a file without a blank line at its end), or null; clears it. */
    public SentenceBlock finish() {
        return close();
    }

    /** Whether any separator line has been added so far. */
    public boolean seenSeparator() {
        return seenSeparator;
    }

    private SentenceBlock close() {
        if (open.isEmpty()) {
            return null;
        }
        SentenceBlock block = new SentenceBlock(source, open);
        open.clear();
        return block;
    }

    /**
     * All blocks of one file given as its raw lines (split on {@code \n}, numbered from 1; a {@code \r} line end and
     * a byte-order mark are removed here).
     */
    public static List<SentenceBlock> group(String source, List<String> rawLines, ColumnFormat format) {
        SentenceBlockGrouper grouper = new SentenceBlockGrouper(source, format);
        List<SentenceBlock> blocks = new ArrayList<>();
        long number = 0;
        for (String raw : rawLines) {
            SentenceBlock done = grouper.add(new NumberedLine(++number, DelimitedLineParser.stripLineEnd(raw)));
            if (done != null) {
                blocks.add(done);
            }
        }
        SentenceBlock last = grouper.finish();
        if (last != null) {
            blocks.add(last);
        }
        return blocks;
    }

    /**
     * A file's text split into lines on {@code \n} only (a lone {@code \r} is not a line end), as Hadoop's
     * {@code TextInputFormat} does with {@code textinputformat.record.delimiter = \n}: a final line without a
     * newline is a line; the empty string after a final newline is not.
     */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
