package io.seqpipe.tagging;

import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses one {@link SentenceBlock} of a column file into a {@link TaggedSentence}, or rejects the whole sentence when
 * any of its lines is malformed: one {@link Rejection} per bad line, whose {@code offset} is the line's 1-based line
 * number, whose {@code detail} names that line and the sentence's first line, and whose {@code line} is the line's
 * text. A line is malformed when it is not valid UTF-8, has the wrong number of columns, an empty token, an empty
 * tag (CoNLL-U: also {@code _}, "not annotated"), or (CoNLL-U) an ID that is not a word index, a multi-word range
 * {@code n-m} or an empty node {@code n.m}; ranges and empty nodes are skipped. Pure and serializable: it runs on
 * executors.
 */
public final class SentenceBlockParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern WORD_ID = Pattern.compile("[1-9][0-9]*");
    private static final Pattern RANGE_ID = Pattern.compile("[0-9]+-[0-9]+");
    private static final Pattern EMPTY_NODE_ID = Pattern.compile("[0-9]+\\.[0-9]+");

    private final ColumnFormat format;

    public SentenceBlockParser(ColumnFormat format) {
        this.format = format;
    }

    public ColumnFormat format() {
        return format;
    }

    public SentenceOutcome parse(SentenceBlock block) {
        List<String> tokens = new ArrayList<>(block.lines().size());
        List<String> tags = new ArrayList<>(block.lines().size());
        List<Rejection> rejections = new ArrayList<>();
        for (NumberedLine line : block.lines()) {
            String problem = null;
            RejectReason reason = null;
            List<String> fields = format.split(line.text());
            int minColumns = Math.max(format.tokenColumn(), format.tagColumn()) + 1;
            if (line.undecodable()) {
                reason = RejectReason.UNDECODABLE_BYTES;
                problem = "bytes not valid UTF-8";
            } else if (format.columnCount() > 0 ? fields.size() != format.columnCount() : fields.size() < minColumns) {
                reason = RejectReason.WRONG_COLUMN_COUNT;
                problem = "expected " + (format.columnCount() > 0 ? format.columnCount() : "at least " + minColumns)
                        + " columns, got " + fields.size();
            } else if (format.kind() == ColumnFormat.Kind.CONLLU && isSkippedConlluId(fields.get(0))) {
                continue;
            } else if (format.kind() == ColumnFormat.Kind.CONLLU && !WORD_ID.matcher(fields.get(0)).matches()) {
                reason = RejectReason.BAD_TOKEN_ID;
                problem = "ID '" + fields.get(0) + "' is not a word index, a range n-m or an empty node n.m";
            } else if (fields.get(format.tokenColumn()).isBlank()) {
                reason = RejectReason.EMPTY_TOKEN;
                problem = "token (column " + format.tokenColumn() + ") is empty";
            } else if (isEmptyTag(fields.get(format.tagColumn()).strip())) {
                reason = RejectReason.EMPTY_TAG;
                problem = "tag (" + format.tagColumnName() + ") is empty";
            }
            if (reason != null) {
                rejections.add(new Rejection(block.source(), line.number(), reason, "line " + line.number() + ": "
                        + problem + "; sentence from line " + block.firstLine() + " rejected", line.text()));
            } else {
                tokens.add(fields.get(format.tokenColumn()));
                tags.add(fields.get(format.tagColumn()).strip());
            }
        }
        if (!rejections.isEmpty()) {
            return SentenceOutcome.rejected(rejections);
        }
        if (tokens.isEmpty()) {
            NumberedLine first = block.lines().get(0);
            long last = block.lines().get(block.lines().size() - 1).number();
            return SentenceOutcome.rejected(List.of(new Rejection(block.source(), first.number(),
                    RejectReason.EMPTY_SENTENCE, "lines " + first.number() + "-" + last
                    + ": no word lines, only multi-word ranges or empty nodes", first.text())));
        }
        return SentenceOutcome.ok(new TaggedSentence(block.source(), block.firstLine(), tokens, tags));
    }

    /** Groups and parses a whole file given as raw lines (see {@link SentenceBlockGrouper#group}). */
    public List<SentenceOutcome> parseFile(String source, List<String> rawLines) {
        List<SentenceOutcome> out = new ArrayList<>();
        for (SentenceBlock block : SentenceBlockGrouper.group(source, rawLines, format)) {
            out.add(parse(block));
        }
        return out;
    }

    private boolean isEmptyTag(String tag) {
        return tag.isEmpty() || (format.kind() == ColumnFormat.Kind.CONLLU && tag.equals("_"));
    }

    private static boolean isSkippedConlluId(String id) {
        return RANGE_ID.matcher(id).matches() || EMPTY_NODE_ID.matcher(id).matches();
    }
}
