package io.seqpipe.tasks.lm;

import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.lm.LmUnit;
import io.seqpipe.lm.UnitTokenizer;
import io.seqpipe.text.TokenizerConfig;
import io.seqpipe.text.WordTokenizer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class DocumentParserTest {
    private static final DocumentParser CHARS = new DocumentParser("UTF-8",
            new UnitTokenizer(LmUnit.CHAR, null, "<doc>"));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aFileKeepsItsLineBreaksReadsCrLfAsLfAndDropsTheByteOrderMark() {
        byte[] file = ("\uFEFFab\r\ncd\n\nef").getBytes(StandardCharsets.UTF_8);
        LmDocument d = CHARS.parseFile("f.txt", file);
        assertEquals("ab\ncd\n\nef", d.text());
        assertEquals(0, d.line());
        assertEquals(List.of(), d.rejections());
    }

    @Test
    void anUndecodableLineOfAFileIsRejectedWithItsLineAndLeftOut() {
        LmDocument d = CHARS.parseFile("f.txt", bytes("one\ntwo \u00ff\nthree\n"));
        assertEquals("one\nthree\n", d.text());
        Rejection r = d.rejections().get(0);
        assertEquals(List.of(2L), d.rejections().stream().map(Rejection::offset).toList());
        assertEquals(RejectReason.UNDECODABLE_BYTES, r.reason());
        assertEquals("f.txt", r.source());
    }

    @Test
    void blankDocumentsAndDocumentsWithoutUnitsAreEmptyText() {
        LmDocument blank = CHARS.parseFile("f.txt", bytes(" \n\t\n"));
        assertFalse(blank.kept());
        assertEquals(RejectReason.EMPTY_TEXT, blank.rejections().get(0).reason());
        assertEquals("the document is blank", blank.rejections().get(0).detail());

        DocumentParser words = new DocumentParser("UTF-8", new UnitTokenizer(LmUnit.WORD, new WordTokenizer(
                new TokenizerConfig(TokenizerConfig.Mode.WHITESPACE, false, TokenizerConfig.Normalization.NONE)),
                "<doc>"));
        byte[] line = bytes("a b\r");
        LmDocument kept = words.parseLine("l.txt", 7, line, line.length);
        assertEquals("a b", kept.text());
        assertEquals(7, kept.line());
        byte[] bad = bytes("\u00ff");
        LmDocument undecodable = words.parseLine("l.txt", 8, bad, bad.length);
        assertNull(undecodable.text());
        assertEquals(8, undecodable.rejections().get(0).offset());
        assertEquals(RejectReason.UNDECODABLE_BYTES, undecodable.rejections().get(0).reason());
    }
}
