package io.seqpipe.tagging;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A column file of tagged sentences: one token per line, sentences separated by blank lines. Which columns hold the
 * token and the tag, how a line is split, and which lines are not tokens depend on the {@link Kind}:
 * <ul>
 *   <li>{@link Kind#CONLL2003}: columns separated by runs of spaces/tabs; {@code -DOCSTART-} lines separate
 *       documents and are skipped (they end a sentence like a blank line). Default: token 0, tag 3 (NER), exactly 4
 *       columns (the English files); tag 1 is POS, tag 2 the syntactic chunk.</li>
 *   <li>{@link Kind#CONLLU}: exactly 10 tab-separated columns; {@code #} comment lines, multi-word token ranges
 *       ({@code 1-2}) and empty nodes ({@code 1.1}) are skipped. Token = FORM (column 1); tag = UPOS (column 3) or
 *       XPOS (column 4), chosen by name.</li>
 *   <li>{@link Kind#COLUMNS}: tab-separated {@code token<TAB>tag} (indices configurable), nothing skipped.</li>
 * </ul>
 * In every kind, lines are separated by {@code \n} (a {@code \r} before it and a byte-order mark are removed), a
 * blank or whitespace-only line ends a sentence, and the last sentence need not be followed by one.
 *
 * @param tokenColumn 0-based column of the token
 * @param tagColumn   0-based column of the tag
 * @param columnCount the exact number of columns every token line must have, or 0 for "at least enough to hold both"
 */
public record ColumnFormat(Kind kind, int tokenColumn, int tagColumn, int columnCount) implements Serializable {

    /** The CoNLL-2003 document separator token. */
    public static final String DOCSTART = "-DOCSTART-";
    /** CoNLL-U's column count, FORM, UPOS and XPOS columns. */
    static final int CONLLU_COLUMNS = 10;
    static final int CONLLU_FORM = 1;
    static final int CONLLU_UPOS = 3;
    static final int CONLLU_XPOS = 4;

    /** The three supported layouts. */
    public enum Kind {
        CONLL2003, CONLLU, COLUMNS
    }

    /** How a line takes part in sentence grouping. */
    public enum LineKind {
        /** Ends the current sentence: blank or whitespace-only, or a CoNLL-2003 {@code -DOCSTART-} line. */
        SEPARATOR,
        /** Neither a token nor a separator: a CoNLL-U {@code #} comment. It neither joins nor ends a sentence. */
        COMMENT,
        /** A token line (or a CoNLL-U range/empty-node line): belongs to the current sentence. */
        CONTENT
    }

    public ColumnFormat {
        if (kind == null) {
            throw new InvalidConfigException("input.format is required (conll2003 | conllu | columns)");
        }
        if (tokenColumn < 0 || tagColumn < 0) {
            throw new InvalidConfigException("input.tokenColumn and input.tagColumn must be >= 0, got " + tokenColumn
                    + " and " + tagColumn);
        }
        if (tokenColumn == tagColumn) {
            throw new InvalidConfigException("input.tokenColumn and input.tagColumn must differ, both are "
                    + tokenColumn);
        }
        if (kind == Kind.CONLLU) {
            if (tokenColumn != CONLLU_FORM || (tagColumn != CONLLU_UPOS && tagColumn != CONLLU_XPOS)
                    || columnCount != CONLLU_COLUMNS) {
                throw new InvalidConfigException("conllu input reads FORM (column 1) and UPOS (3) or XPOS (4) of 10"
                        + " columns, got token " + tokenColumn + ", tag " + tagColumn + ", " + columnCount
                        + " columns; use ColumnFormat.conllu(\"upos\" | \"xpos\")");
            }
        } else if (columnCount != 0 && columnCount <= Math.max(tokenColumn, tagColumn)) {
            throw new InvalidConfigException("input.columnCount " + columnCount + " cannot hold token column "
                    + tokenColumn + " and tag column " + tagColumn);
        }
    }

    /** CoNLL-2003 NER: {@code token POS chunk NER}, tag = NER (column 3). */
    public static ColumnFormat conll2003() {
        return new ColumnFormat(Kind.CONLL2003, 0, 3, 4);
    }

    /** CoNLL-U with the tag column named {@code upos} or {@code xpos} (case-insensitive). */
    public static ColumnFormat conllu(String tagColumnName) {
        String name = tagColumnName == null ? "" : tagColumnName.trim().toLowerCase(Locale.ROOT);
        int tag = switch (name) {
            case "upos" -> CONLLU_UPOS;
            case "xpos" -> CONLLU_XPOS;
            default -> throw new InvalidConfigException("input.tagColumn for conllu must be upos or xpos, got '"
                    + tagColumnName + "'");
        };
        return new ColumnFormat(Kind.CONLLU, CONLLU_FORM, tag, CONLLU_COLUMNS);
    }

    /** Generic tab-separated columns, any number of columns that holds both. */
    public static ColumnFormat columns(int tokenColumn, int tagColumn) {
        return new ColumnFormat(Kind.COLUMNS, tokenColumn, tagColumn, 0);
    }

    /**
     * Reads {@code <prefix>.format} ({@code conll2003 | conllu | columns}) and the optional
     * {@code <prefix>.tokenColumn} (index), {@code <prefix>.tagColumn} (index; {@code upos}/{@code xpos} for conllu)
     * and {@code <prefix>.columnCount} (0 = any); unset keys take the kind's defaults (conll2003: 0, 3, 4;
     * conllu: FORM, upos, 10; columns: 0, 1, 0).
     */
    public static ColumnFormat from(ConfigReader r, String prefix) {
        Kind kind = r.enumValue(prefix + ".format", Kind.class);
        String tag = r.optionalString(prefix + ".tagColumn");
        if (kind == Kind.CONLLU) {
            for (String key : List.of("tokenColumn", "columnCount")) {
                if (r.isSet(prefix + "." + key)) {
                    throw new InvalidConfigException(prefix + "." + key + " cannot be set for conllu input (FORM of"
                            + " 10 columns is fixed); set only " + prefix + ".tagColumn = upos | xpos");
                }
            }
            return conllu(tag == null ? "upos" : tag);
        }
        ColumnFormat defaults = kind == Kind.CONLL2003 ? conll2003() : columns(0, 1);
        int token = r.isSet(prefix + ".tokenColumn") ? r.integer(prefix + ".tokenColumn")
                : defaults.tokenColumn();
        int tagColumn = defaults.tagColumn();
        if (tag != null) {
            ConfigReader.check(tag.matches("\\d+"), prefix + ".tagColumn", "'" + tag + "'",
                    "a 0-based column index for " + kind.name().toLowerCase(Locale.ROOT) + " input");
            tagColumn = Integer.parseInt(tag);
        }
        int count = r.isSet(prefix + ".columnCount") ? r.integer(prefix + ".columnCount")
                : defaults.columnCount();
        return new ColumnFormat(kind, token, tagColumn, count);
    }

    /** How {@code line} (already without its line end) takes part in sentence grouping. */
    public LineKind classify(String line) {
        if (line.isBlank()) {
            return LineKind.SEPARATOR;
        }
        if (kind == Kind.CONLL2003 && firstField(line).equals(DOCSTART)) {
            return LineKind.SEPARATOR;
        }
        if (kind == Kind.CONLLU && line.startsWith("#")) {
            return LineKind.COMMENT;
        }
        return LineKind.CONTENT;
    }

    /** The columns of a token line: split on runs of whitespace (CoNLL-2003) or on every tab (empty fields kept). */
    public List<String> split(String line) {
        if (kind == Kind.CONLL2003) {
            return Arrays.asList(line.strip().split("\\s+"));
        }
        return Arrays.asList(line.split("\t", -1));
    }

    /** The tag column's name for messages: {@code upos}, {@code xpos} or {@code column 3}. */
    public String tagColumnName() {
        if (kind == Kind.CONLLU) {
            return tagColumn == CONLLU_UPOS ? "upos" : "xpos";
        }
        return "column " + tagColumn;
    }

    private static String firstField(String line) {
        String s = line.stripLeading();
        int end = 0;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        return s.substring(0, end);
    }
}
