package io.seqpipe.data;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelimitedFileParserTest {
    static final DelimitedFormat CSV = new DelimitedFormat(",", true, '"', "UTF-8", "sentence", "label", null);
    static final ColumnLayout CSV_LAYOUT = ColumnLayout.resolve(CSV, List.of("sentence", "label"), "f");

    /** Every outcome as {@code line:text|label} or {@code line:reason}. */
    static List<String> parse(DelimitedFileParser parser, String file) {
        List<DelimitedFileParser.RawLine> lines = new ArrayList<>();
        String[] physical = file.split("\n", -1);
        for (int i = 0; i < physical.length; i++) {
            if (i == physical.length - 1 && physical[i].isEmpty()) {
                break; // the final line end
            }
            lines.add(new DelimitedFileParser.RawLine(i + 1, physical[i].getBytes(StandardCharsets.ISO_8859_1)));
        }
        List<String> out = new ArrayList<>();
        Iterator<ParseOutcome> it = parser.parse("f", lines.iterator());
        it.forEachRemaining(o -> out.add(o.isRejected() ? o.rejection().offset() + ":" + o.rejection().reason().code()
                : o.record().offset() + ":" + o.record().text() + "|" + o.record().label()));
        return out;
    }

    @Test
    void quotedFieldsSpanLinesAndEscapedQuotesAreQuotes() {
        String file = "sentence,label\r\n"
                + "\"one line\",pos\r\n"
                + "\"two\r\nlines, with a comma\",neg\r\n"
                + "\"she said \"\"wow\"\"\",pos\r\n"
                + "\"a blank line\n\ninside\",neg\n"
                + "\"\"\"quoted\"\" start\nand end \"\"\",pos\n";
        assertEquals(List.of("2:one line|pos", "3:two\nlines, with a comma|neg", "5:she said \"wow\"|pos",
                "6:a blank line\n\ninside|neg", "9:\"quoted\" start\nand end \"|pos"),
                parse(new DelimitedFileParser(CSV, CSV_LAYOUT), file));
    }

    @Test
    void blankLinesBetweenRecordsAreSkippedAndBadRowsKeepTheirLineNumbers() {
        String file = "sentence,label\n\ngood,pos\n\"too\",many,columns\n\n,neg\nlast,\n";
        assertEquals(List.of("3:good|pos", "4:wrong_column_count", "6:empty_text", "7:empty_label"),
                parse(new DelimitedFileParser(CSV, CSV_LAYOUT), file));
    }

    @Test
    void aQuoteNeverClosedRejectsItsLineAndReadingResumesAfterIt() {
        String file = "sentence,label\n\"stray,pos\nfine,neg\nalso fine,pos\n";
        assertEquals(List.of("2:unbalanced_quote", "3:fine|neg", "4:also fine|pos"),
                parse(new DelimitedFileParser(CSV, CSV_LAYOUT), file));
    }

    @Test
    void aQuoteOpenForMoreThanTheLimitRejectsItsLine() {
        String file = "sentence,label\n\"opened,pos\na,neg\nb,neg\n\"c\",neg\n";
        // with a limit of 3 lines, "opened... is not closed within 3 lines; the lines after it are read again
        DelimitedFileParser parser = new DelimitedFileParser(CSV, CSV_LAYOUT, 3);
        List<ParseOutcome> outcomes = new ArrayList<>();
        parser.parse("f", List.of(raw(2, "\"opened,pos"), raw(3, "a,neg"), raw(4, "b,neg"), raw(5, "\"c\",neg"))
                .iterator()).forEachRemaining(outcomes::add);
        assertEquals("quote \" opened on line 2 is not closed within 3 lines",
                outcomes.get(0).rejection().detail());
        assertEquals(List.of("2:unbalanced_quote", "3:a|neg", "4:b|neg", "5:c|neg"), parse(parser, file));
    }

    @Test
    void undecodableBytesRejectTheWholeRecordOnce() {
        DelimitedFileParser parser = new DelimitedFileParser(CSV, CSV_LAYOUT);
        List<ParseOutcome> outcomes = new ArrayList<>();
        byte[] bad = {'b', (byte) 0xC3, '(', '"', ',', 'p'};
        parser.parse("f", List.of(raw(2, "\"a"), new DelimitedFileParser.RawLine(3, bad), raw(4, "ok,neg"),
                new DelimitedFileParser.RawLine(5, new byte[]{(byte) 0xFF, ',', 'x'})).iterator())
                .forEachRemaining(outcomes::add);
        assertEquals(3, outcomes.size());
        assertEquals(RejectReason.UNDECODABLE_BYTES, outcomes.get(0).rejection().reason());
        assertEquals(2, outcomes.get(0).rejection().offset());
        assertEquals("bytes not valid UTF-8 in the record of lines 2-3", outcomes.get(0).rejection().detail());
        assertEquals(new TextRecord("f", 4, null, "ok", "neg"), outcomes.get(1).record());
        assertEquals(5, outcomes.get(2).rejection().offset());
        assertEquals(RejectReason.UNDECODABLE_BYTES, outcomes.get(2).rejection().reason());
    }

    @Test
    void withoutAQuoteCharacterEveryLineIsARecord() {
        DelimitedFormat tsv = new DelimitedFormat("\t", false, null, "UTF-8", "0", "1", null);
        DelimitedFileParser parser = new DelimitedFileParser(tsv, ColumnLayout.resolve(tsv, List.of(), "f"));
        assertEquals(List.of("1:\"open|pos", "2:next\"|neg"), parse(parser, "\"open\tpos\nnext\"\tneg\n"));
    }

    @Test
    void quoteOpenAfterFollowsTheSplitRules() {
        assertFalse(DelimitedLineParser.quoteOpenAfter("\"a,b\",c", false, ",", '"'));
        assertTrue(DelimitedLineParser.quoteOpenAfter("x,\"a", false, ",", '"'));
        assertFalse(DelimitedLineParser.quoteOpenAfter("ab\"c,d", false, ",", '"')); // a quote inside a field
        assertTrue(DelimitedLineParser.quoteOpenAfter("\"\"\"", false, ",", '"')); // an escaped quote, still open
        assertFalse(DelimitedLineParser.quoteOpenAfter("\"\",x", false, ",", '"')); // an empty quoted field
        assertTrue(DelimitedLineParser.quoteOpenAfter("more \"\" text", true, ",", '"'));
        assertFalse(DelimitedLineParser.quoteOpenAfter("end\",x", true, ",", '"'));
        assertFalse(DelimitedLineParser.quoteOpenAfter("\",x\"y", true, ",", '"')); // closes; then a quote inside a field
        assertTrue(DelimitedLineParser.quoteOpenAfter("\",\"", true, ",", '"')); // closes; a new field opens a quote
    }

    private static DelimitedFileParser.RawLine raw(long number, String text) {
        return new DelimitedFileParser.RawLine(number, text.getBytes(StandardCharsets.UTF_8));
    }
}
