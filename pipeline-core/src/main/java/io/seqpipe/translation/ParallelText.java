package io.seqpipe.translation;

import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure parsing of the two parallel-corpus layouts: two line-aligned files (Multi30k's {@code train.de} /
 * {@code train.en}: line i of one translates line i of the other) and one tab-separated file of pairs (Tatoeba's
 * {@code fra.txt}: {@code en<TAB>fr}, optionally more columns such as an attribution). Line ends ({@code \n},
 * {@code \r\n}) are removed; the text is otherwise kept as is (tokenization comes later).
 */
public final class ParallelText {
    private ParallelText() {
    }

    /**
     * Pairs line i of {@code sourceLines} with line i of {@code targetLines}.
     *
     * @throws MisalignedCorpusException naming both files and their line counts when the counts differ
     */
    public static List<SentencePair> aligned(List<String> sourceLines, String sourceFile, List<String> targetLines,
                                             String targetFile) {
        requireAligned(sourceFile, sourceLines.size(), targetFile, targetLines.size());
        String origin = origin(sourceFile, targetFile);
        List<SentencePair> pairs = new ArrayList<>(sourceLines.size());
        for (int i = 0; i < sourceLines.size(); i++) {
            pairs.add(new SentencePair(stripLineEnd(sourceLines.get(i)), stripLineEnd(targetLines.get(i)), origin,
                    i + 1));
        }
        return pairs;
    }

    /** Throws {@link MisalignedCorpusException} unless the two line counts are equal. */
    public static void requireAligned(String sourceFile, long sourceLines, String targetFile, long targetLines) {
        if (sourceLines != targetLines) {
            throw new MisalignedCorpusException(sourceFile, sourceLines, targetFile, targetLines);
        }
    }

    /** How the pairs of two aligned files name their origin. */
    public static String origin(String sourceFile, String targetFile) {
        return sourceFile + " | " + targetFile;
    }

    /**
     * Parses one line of a tab-separated pair file.
     *
     * @param sourceColumn 0-based column of the source sentence (Tatoeba {@code fra.txt}: 0 = English, 1 = French)
     * @param targetColumn 0-based column of the target sentence
     * @return the pair, or a {@link RejectReason#WRONG_COLUMN_COUNT} rejection when a needed column is missing (the
     * empty-side and length checks come with tokenization, in {@link PairEncoder})
     */
    public static PairOutcome tabSeparated(String rawLine, String file, long lineNumber, int sourceColumn,
                                           int targetColumn) {
        if (sourceColumn < 0 || targetColumn < 0 || sourceColumn == targetColumn) {
            throw new IllegalArgumentException("source and target columns must be two different columns >= 0, got "
                    + sourceColumn + " and " + targetColumn);
        }
        String line = stripLineEnd(rawLine);
        String[] fields = line.split("\t", -1);
        int needed = Math.max(sourceColumn, targetColumn) + 1;
        if (fields.length < needed) {
            return PairOutcome.rejected(new Rejection(file, lineNumber, RejectReason.WRONG_COLUMN_COUNT,
                    "expected at least " + needed + " tab-separated columns, got " + fields.length, line));
        }
        return PairOutcome.ok(new SentencePair(fields[sourceColumn], fields[targetColumn], file, lineNumber));
    }

    static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }
}
