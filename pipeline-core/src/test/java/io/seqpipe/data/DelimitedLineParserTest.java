package io.seqpipe.data;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelimitedLineParserTest {
    static final DelimitedFormat TSV = new DelimitedFormat("\t", true, null, "UTF-8", "sentence", "label", null);
    static final ColumnLayout TSV_LAYOUT = ColumnLayout.resolve(TSV, List.of("sentence", "label"), "f");
    static final DelimitedLineParser PARSER = new DelimitedLineParser(TSV, TSV_LAYOUT);

    static ParseOutcome parse(DelimitedLineParser p, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return p.parse("hdfs://nn/data/train.tsv", 42, b, b.length);
    }

    @Test
    void goodLineGivesTextAndLabelWithSourceAndOffset() {
        ParseOutcome o = parse(PARSER, "a charming film . \t1");
        assertFalse(o.isRejected());
        assertEquals(new TextRecord("hdfs://nn/data/train.tsv", 42, null, "a charming film . ", "1"), o.record());
    }

    @Test
    void carriageReturnAndByteOrderMarkAreStripped() {
        ParseOutcome o = parse(PARSER, "\uFEFFgood\t0\r");
        assertEquals("good", o.record().text());
        assertEquals("0", o.record().label());
    }

    @Test
    void wrongColumnCountIsRejectedWithTheCounts() {
        Rejection r = parse(PARSER, "no label here").rejection();
        assertEquals(RejectReason.WRONG_COLUMN_COUNT, r.reason());
        assertEquals("expected 2 columns, got 1", r.detail());
        assertEquals(42, r.offset());
        assertEquals("no label here", r.line());
        assertEquals(RejectReason.WRONG_COLUMN_COUNT, parse(PARSER, "a\t1\textra").rejection().reason());
    }

    @Test
    void emptyTextAndEmptyLabelAreRejected() {
        assertEquals(RejectReason.EMPTY_TEXT, parse(PARSER, "   \t1").rejection().reason());
        assertEquals(RejectReason.EMPTY_LABEL, parse(PARSER, "fine .\t ").rejection().reason());
    }

    @Test
    void undecodableBytesAreRejectedNotReplaced() {
        byte[] bad = {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, '\t', '1'};
        Rejection r = PARSER.parse("f", 0, bad, bad.length).rejection();
        assertEquals(RejectReason.UNDECODABLE_BYTES, r.reason());
        assertTrue(r.detail().startsWith("bytes not valid UTF-8"), r.detail());
        assertTrue(r.line().contains("\uFFFD"), "the reject line shows where: " + r.line());
    }

    @Test
    void latin1IsDecodedWhenConfigured() {
        DelimitedFormat latin1 = new DelimitedFormat("\t", false, null, "ISO-8859-1", "0", "1", null);
        DelimitedLineParser p = new DelimitedLineParser(latin1, ColumnLayout.resolve(latin1, List.of(), "f"));
        byte[] line = {'c', 'a', 'f', (byte) 0xE9, '\t', '1'};
        assertEquals("café", p.parse("f", 0, line, line.length).record().text());
    }

    @Test
    void quotedFieldsMayHoldTheDelimiterAndEscapedQuotes() {
        DelimitedFormat csv = new DelimitedFormat(",", false, '"', "UTF-8", "1", "0", null);
        DelimitedLineParser p = new DelimitedLineParser(csv, ColumnLayout.resolve(csv, List.of(), "f"));
        assertEquals(List.of("1", "good, \"really\" good", ""), p.split("1,\"good, \"\"really\"\" good\","));
        assertEquals("good, \"really\" good", parse(p, "1,\"good, \"\"really\"\" good\"").record().text());
        assertEquals(RejectReason.UNBALANCED_QUOTE, parse(p, "1,\"never closed").rejection().reason());
    }

    @Test
    void multiCharacterDelimiterAndIdColumn() {
        DelimitedFormat f = new DelimitedFormat("||", true, null, "UTF-8", "text", "y", "id");
        DelimitedLineParser p = new DelimitedLineParser(f, ColumnLayout.resolve(f, List.of("id", "text", "y"), "f"));
        TextRecord r = parse(p, "a7||so so||neg").record();
        assertEquals("a7", r.id());
        assertEquals("so so", r.text());
        assertEquals(RejectReason.EMPTY_ID, parse(p, " ||so so||neg").rejection().reason());
    }

    @Test
    void unlabelledFormatHasNoLabel() {
        DelimitedFormat f = new DelimitedFormat("\t", true, null, "UTF-8", "sentence", null, "index");
        DelimitedLineParser p = new DelimitedLineParser(f, ColumnLayout.resolve(f, List.of("index", "sentence"), "f"));
        TextRecord r = parse(p, "3\tuneasy mishmash .").record();
        assertNull(r.label());
        assertEquals("3", r.id());
    }

    @Test
    void missingHeaderColumnNamesTheColumnAndTheHeader() {
        Exception e = assertThrows(io.seqpipe.SeqPipeException.class,
                () -> ColumnLayout.resolve(TSV, List.of("text", "label"), "hdfs://nn/x.tsv"));
        assertEquals("column 'sentence' (textColumn) is not in the header of hdfs://nn/x.tsv; the header has "
                + "[text, label]", e.getMessage());
    }

    @Test
    void formatValidationRejectsNamesWithoutHeaderAndNonAsciiCharsets() {
        Exception names = assertThrows(io.seqpipe.config.InvalidConfigException.class,
                () -> new DelimitedFormat("\t", false, null, "UTF-8", "sentence", "1", null));
        assertEquals("input.textColumn must be a 0-based column index when input.header = false, got 'sentence'",
                names.getMessage());
        Exception utf16 = assertThrows(io.seqpipe.config.InvalidConfigException.class,
                () -> new DelimitedFormat("\t", true, null, "UTF-16", "a", "b", null));
        assertTrue(utf16.getMessage().contains("is not ASCII-compatible"), utf16.getMessage());
    }

    @Test
    void rejectLinesAreTruncatedToAThousandCharacters() {
        Rejection r = new Rejection("f", 0, RejectReason.EMPTY_TEXT, "x", "y".repeat(5000));
        assertEquals(Rejection.MAX_LINE_CHARS, r.line().length());
    }
}
