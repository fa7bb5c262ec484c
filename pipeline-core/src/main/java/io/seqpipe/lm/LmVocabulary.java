package io.seqpipe.lm;

import io.seqpipe.text.Vocabulary;
import io.seqpipe.text.VocabularyBuilder;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The vocabulary of a language model: {@code <pad>} = 0, {@code <unk>} = 1, the document boundary symbol = 2 (always
 * present, whether or not the corpus has two documents), then the units seen at least {@code minCount} times, most
 * frequent first, ties by unit ({@link VocabularyBuilder}), at most {@code maxSize} entries in all.
 *
 * <p><b>File format</b> ({@link #toLines}, {@link #fromLines}): one entry per line in id order, escaped so that
 * every character unit survives a line-based file: a backslash is written {@code \\}, a line feed {@code \n}, a
 * carriage return {@code \r}, a tab {@code \t}, and any other control or line-separating character
 * ({@code U+0085}, {@code U+2028}, {@code U+2029}) as {@code \}{@code uXXXX}. Nothing else is escaped, so a word
 * vocabulary reads as plain words.
 */
public final class LmVocabulary implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The id of the boundary symbol. */
    public static final int BOUNDARY_ID = 2;

    private final Vocabulary vocabulary;

    private LmVocabulary(Vocabulary vocabulary) {
        if (vocabulary.size() <= BOUNDARY_ID) {
            throw new IllegalArgumentException("a language-model vocabulary holds <pad>, <unk> and the boundary symbol");
        }
        LmDataConfig.requireBoundary(vocabulary.token(BOUNDARY_ID));
        this.vocabulary = vocabulary;
    }

    /**
     * Chooses the vocabulary from the training split's counts: {@code <pad>}, {@code <unk>}, {@code boundary}, then
     * the units with at least {@code minCount} occurrences, by count descending then unit, up to {@code maxSize}
     * entries in all. The boundary's own count does not matter.
     */
    public static LmVocabulary build(UnitCounts counts, String boundary, int minCount, int maxSize) {
        if (maxSize < 4) {
            throw new IllegalArgumentException("vocabulary.maxSize must be >= 4 (<pad>, <unk>, the boundary and one"
                    + " unit), got " + maxSize);
        }
        LmDataConfig.requireBoundary(boundary);
        return new LmVocabulary(new VocabularyBuilder(minCount, maxSize).build(counts.asMap(), List.of(boundary)));
    }

    /** Reads what {@link #toLines} wrote; fails naming the line of a bad escape. */
    public static LmVocabulary fromLines(List<String> lines) {
        List<String> units = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            units.add(unescape(lines.get(i), i + 1));
        }
        return new LmVocabulary(Vocabulary.fromLines(units));
    }

    /** One escaped entry per line, in id order. */
    public List<String> toLines() {
        List<String> lines = new ArrayList<>(vocabulary.size());
        for (String unit : vocabulary.toLines()) {
            lines.add(escape(unit));
        }
        return lines;
    }

    /** The plain vocabulary (ids and entries), for code that takes a {@link Vocabulary}. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public String boundary() {
        return vocabulary.token(BOUNDARY_ID);
    }

    public int size() {
        return vocabulary.size();
    }

    /** The unit's id, {@link Vocabulary#UNK_ID} when it is not in the vocabulary. */
    public int id(String unit) {
        return vocabulary.id(unit);
    }

    public String unit(int id) {
        return vocabulary.token(id);
    }

    /** The ids of a stream of units. */
    public int[] encode(List<String> units) {
        return vocabulary.encode(units);
    }

    /** One entry as a line of a vocabulary file (see the class comment). */
    public static String escape(String unit) {
        StringBuilder out = new StringBuilder(unit.length());
        for (int i = 0; i < unit.length(); i++) {
            char c = unit.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Reads back what {@link #escape} wrote; fails naming the line of a bad escape. */
    public static String unescape(String line, int lineNumber) {
        if (line.indexOf('\\') < 0) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
            switch (next) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    String hex = i + 6 <= line.length() ? line.substring(i + 2, i + 6) : "";
                    if (!hex.matches("[0-9A-Fa-f]{4}")) {
                        throw badEscape(line, lineNumber);
                    }
                    out.append((char) Integer.parseInt(hex, 16));
                    i += 4;
                }
                default -> throw badEscape(line, lineNumber);
            }
            i++;
        }
        return out.toString();
    }

    private static IllegalArgumentException badEscape(String line, int lineNumber) {
        return new IllegalArgumentException("vocabulary line " + lineNumber + " has a bad escape (\\\\, \\n, \\r, \\t"
                + " or \\uXXXX expected): '" + line + "'");
    }
}
