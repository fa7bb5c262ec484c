package io.seqpipe.tagging;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Sentence grouping when a file is read as several <em>splits</em> (contiguous runs of its lines, as Hadoop input
 * splits are), so that line numbers and sentences come out exactly as in one pass over the whole file
 * ({@link SentenceBlockGrouper#group}), even when a sentence spans two or more splits. Pure; the Spark reader
 * ({@code io.seqpipe.tasks.tagging.ColumnSentenceSource}) runs it per split.
 * <ol>
 *   <li>{@link #scan}: each split reports its line count and where its last open sentence started (first pass).</li>
 *   <li>{@link #plan}: per file, in split order, a prefix sum gives each split the number of lines before it and
 *       the start line of the sentence still open at its beginning (if any), and marks the file's last split.</li>
 *   <li>{@link #pieces}: each split groups its lines with that {@link Context}. A sentence that starts and ends in
 *       the split is a <em>complete</em> piece (parsed where it is); the part before the split's first separator
 *       that continues an earlier sentence, and the sentence still open at the split's end (unless it is the file's
 *       last split), are <em>fragments</em>, keyed by (file, line number where their sentence starts).</li>
 *   <li>{@link #join}: the fragments of one key, in any order, make the whole sentence block.</li>
 * </ol>
 * At most two fragments come out of each split, so only they need to be brought together (shuffled).
 */
public final class SplitSentences {
    private SplitSentences() {
    }

    /** A split: its file and the byte offset where it starts (splits of a file are ordered by it). */
    public record SplitId(String file, long start) implements Serializable {
    }

    /**
     * What the first pass learns about a split.
     *
     * @param lines        how many lines the split holds
     * @param hasSeparator whether any of them is a {@link ColumnFormat.LineKind#SEPARATOR}
     * @param openStart    0-based index (within the split) of the first content line after the last separator (or
     *                     of the first content line when there is no separator); -1 when there is none
     */
    public record Scan(SplitId split, long lines, boolean hasSeparator, long openStart) implements Serializable {
    }

    /**
     * Where a split's lines stand in their file.
     *
     * @param linesBefore  lines in the file's earlier splits: line {@code i} (0-based) of the split is line number
     *                     {@code linesBefore + i + 1}
     * @param carriedStart the line number where the sentence open at the split's start began, or 0 when none is open
     * @param lastOfFile   whether no split of the file follows (a sentence open at its end is then complete)
     */
    public record Context(long linesBefore, long carriedStart, boolean lastOfFile) implements Serializable {
        public long lineNumber(long indexInSplit) {
            return linesBefore + indexInSplit + 1;
        }
    }

    /**
     * A sentence block found in one split.
     *
     * @param sentenceStart the line number where its sentence starts: the key that brings fragments together
     * @param complete      whether {@code block} is the whole sentence; otherwise a fragment to {@link #join}
     */
    public record Piece(SentenceBlock block, long sentenceStart, boolean complete) implements Serializable {
    }

    /** First pass over one split's lines (already without line ends). */
    public static Scan scan(SplitId split, Iterator<String> lines, ColumnFormat format) {
        long count = 0;
        boolean hasSeparator = false;
        long openStart = -1;
        while (lines.hasNext()) {
            switch (format.classify(lines.next())) {
                case SEPARATOR -> {
                    hasSeparator = true;
                    openStart = -1;
                }
                case CONTENT -> {
                    if (openStart < 0) {
                        openStart = count;
                    }
                }
                case COMMENT -> {
                }
            }
            count++;
        }
        return new Scan(split, count, hasSeparator, openStart);
    }

    /** The {@link Context} of every scanned split; scans may come in any order. */
    public static Map<SplitId, Context> plan(Collection<Scan> scans) {
        Map<String, List<Scan>> byFile = new TreeMap<>();
        for (Scan s : scans) {
            byFile.computeIfAbsent(s.split().file(), f -> new ArrayList<>()).add(s);
        }
        Map<SplitId, Context> plan = new HashMap<>();
        for (List<Scan> splits : byFile.values()) {
            splits.sort(Comparator.comparingLong(s -> s.split().start()));
            long linesBefore = 0;
            long carried = 0;
            for (int i = 0; i < splits.size(); i++) {
                Scan s = splits.get(i);
                if (plan.put(s.split(), new Context(linesBefore, carried, i == splits.size() - 1)) != null) {
                    throw new IllegalArgumentException("split " + s.split() + " was scanned twice");
                }
                if (s.hasSeparator()) {
                    carried = s.openStart() >= 0 ? linesBefore + s.openStart() + 1 : 0;
                } else if (carried == 0 && s.openStart() >= 0) {
                    carried = linesBefore + s.openStart() + 1;
                }
                linesBefore += s.lines();
            }
        }
        return plan;
    }

    /**
     * Second pass over one split: its lines, numbered with {@link Context#lineNumber}, grouped into pieces. Lazy,
     * holding one sentence at a time.
     */
    public static Iterator<Piece> pieces(String source, Context context, Iterator<NumberedLine> lines,
                                         ColumnFormat format) {
        return new Iterator<>() {
            private final SentenceBlockGrouper grouper = new SentenceBlockGrouper(source, format);
            private boolean continuing = context.carriedStart() > 0;
            private boolean finished;
            private Piece next = advance();

            private Piece advance() {
                while (lines.hasNext()) {
                    SentenceBlock closed = grouper.add(lines.next());
                    if (closed != null) {
                        Piece p = continuing ? new Piece(closed, context.carriedStart(), false)
                                : new Piece(closed, closed.firstLine(), true);
                        continuing = false;
                        return p;
                    }
                    if (grouper.seenSeparator()) {
                        continuing = false;
                    }
                }
                if (finished) {
                    return null;
                }
                finished = true;
                SentenceBlock open = grouper.finish();
                if (open == null) {
                    return null;
                }
                return continuing ? new Piece(open, context.carriedStart(), false)
                        : new Piece(open, open.firstLine(), context.lastOfFile());
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Piece next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Piece current = next;
                next = advance();
                return current;
            }
        };
    }

    /** The whole sentence block from the fragments of one (file, sentence start) key, given in any order. */
    public static SentenceBlock join(Iterable<SentenceBlock> fragments) {
        List<NumberedLine> lines = new ArrayList<>();
        String source = null;
        for (SentenceBlock f : fragments) {
            if (source != null && !source.equals(f.source())) {
                throw new IllegalArgumentException("fragments of " + source + " and " + f.source() + " cannot join");
            }
            source = f.source();
            lines.addAll(f.lines());
        }
        if (source == null) {
            throw new IllegalArgumentException("no fragments to join");
        }
        lines.sort(Comparator.comparingLong(NumberedLine::number));
        return new SentenceBlock(source, lines);
    }
}
