package io.seqpipe.tagging;

import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three column formats on hand-written fixtures whose every edge case is annotated with its line number. */
class SentenceBlockParserTest {

    static List<SentenceOutcome> read(String fixture, ColumnFormat format) throws IOException {
        String text = Files.readString(Fixtures.fixture(fixture), StandardCharsets.UTF_8);
        return new SentenceBlockParser(format).parseFile("f", SentenceBlockGrouper.lines(text));
    }

    static void assertSentence(SentenceOutcome o, long firstLine, List<String> tokens, List<String> tags) {
        assertFalse(o.isRejected(), () -> "expected a sentence at line " + firstLine + ", got " + o.rejections());
        assertEquals(new TaggedSentence("f", firstLine, tokens, tags), o.sentence());
    }

    static void assertRejected(SentenceOutcome o, RejectReason reason, long line, String detail, String text) {
        Rejection r = o.rejections().stream().filter(x -> x.offset() == line).findFirst().orElseThrow();
        assertEquals(new Rejection("f", line, reason, detail, text), r);
    }

    @Test
    void conll2003SkipsDocstartHandlesCrlfWhitespaceLinesAndNoFinalNewline() throws IOException {
        List<SentenceOutcome> out = read("tagging/conll2003/edge.txt", ColumnFormat.conll2003());
        assertEquals(6, out.size());
        assertSentence(out.get(0), 3, List.of("EU", "rejects", "German", "call", "."),
                List.of("I-ORG", "O", "I-MISC", "O", "O"));
        assertSentence(out.get(1), 9, List.of("Peter", "Blackburn"), List.of("I-PER", "I-PER"));
        // ended by the -DOCSTART- line 14 that follows it without a blank line
        assertSentence(out.get(2), 12, List.of("BRUSSELS", "1996-08-22"), List.of("I-LOC", "O"));
        assertSentence(out.get(4), 22, List.of("Japan", "China", "and", "Chelsea", "'s", "Ruud", "Gullit"),
                List.of("I-LOC", "B-LOC", "O", "I-ORG", "O", "I-PER", "I-PER"));
        assertSentence(out.get(5), 30, List.of("Werner", "Zwingmann"), List.of("I-PER", "I-PER"));
    }

    @Test
    void conll2003WrongColumnCountsRejectTheWholeSentenceOncePerBadLine() throws IOException {
        SentenceOutcome o = read("tagging/conll2003/edge.txt", ColumnFormat.conll2003()).get(3);
        assertTrue(o.isRejected());
        assertEquals(2, o.rejections().size(), "lines 16 and 18 are fine and not rejects themselves");
        assertRejected(o, RejectReason.WRONG_COLUMN_COUNT, 17,
                "line 17: expected 4 columns, got 3; sentence from line 16 rejected", "broken NNP I-NP");
        assertRejected(o, RejectReason.WRONG_COLUMN_COUNT, 19,
                "line 19: expected 4 columns, got 5; sentence from line 16 rejected", "has too many columns O");
    }

    @Test
    void conll2003OtherColumnsAsTags() throws IOException {
        List<SentenceOutcome> pos = read("tagging/conll2003/edge.txt", new ColumnFormat(ColumnFormat.Kind.CONLL2003,
                0, 1, 4));
        assertEquals(List.of("NNP", "NNP"), pos.get(1).sentence().tags());
    }

    @Test
    void conlluSkipsCommentsRangesAndEmptyNodes() throws IOException {
        List<SentenceOutcome> out = read("tagging/ud/edge.conllu", ColumnFormat.conllu("upos"));
        assertEquals(6, out.size(), "the comment-only block at line 21 is no sentence");
        assertSentence(out.get(0), 4, List.of("I", "do", "n't", "know", "."),
                List.of("PRON", "AUX", "PART", "VERB", "PUNCT"));
        assertSentence(out.get(1), 13, List.of("Sue", "likes", "coffee", "and", "Bill", "tea"),
                List.of("PROPN", "VERB", "NOUN", "CCONJ", "PROPN", "NOUN"));
        assertSentence(out.get(4), 35, List.of("Go", "home", "!"), List.of("VERB", "ADV", "PUNCT"));
        assertSentence(out.get(5), 40, List.of("Thanks", "!"), List.of("NOUN", "PUNCT"));
    }

    @Test
    void conlluRejectsBadIdsEmptyFieldsAndShortLines() throws IOException {
        List<SentenceOutcome> out = read("tagging/ud/edge.conllu", ColumnFormat.conllu("upos"));
        SentenceOutcome badId = out.get(2);
        assertEquals(1, badId.rejections().size());
        assertRejected(badId, RejectReason.BAD_TOKEN_ID, 25, "line 25: ID 'x' is not a word index, a range n-m or an"
                + " empty node n.m; sentence from line 24 rejected", "x\tworld\tworld\tNOUN\tNN\t_\t1\tvocative\t_\t_");
        SentenceOutcome bad = out.get(3);
        assertEquals(3, bad.rejections().size());
        assertRejected(bad, RejectReason.EMPTY_TAG, 29, "line 29: tag (upos) is empty; sentence from line 29 rejected",
                "1\tBad\tbad\t_\tJJ\t_\t2\tamod\t_\t_");
        assertEquals(RejectReason.WRONG_COLUMN_COUNT, bad.rejections().get(1).reason());
        assertEquals("line 30: expected 10 columns, got 6; sentence from line 29 rejected",
                bad.rejections().get(1).detail());
        assertEquals(RejectReason.EMPTY_TOKEN, bad.rejections().get(2).reason());
        assertEquals(31, bad.rejections().get(2).offset());
    }

    @Test
    void conlluXposReadsColumnFourWhereUposUnderscoreIsNoProblem() throws IOException {
        List<SentenceOutcome> out = read("tagging/ud/edge.conllu", ColumnFormat.conllu("XPOS"));
        assertEquals(List.of("PRP", "VBP", "RB", "VB", "."), out.get(0).sentence().tags());
        assertEquals(List.of(30L, 31L), out.get(3).rejections().stream().map(Rejection::offset).toList());
    }

    @Test
    void genericColumnsRejectEmptyTokensTagsAndMissingColumns() throws IOException {
        List<SentenceOutcome> out = read("tagging/columns/edge.tsv", ColumnFormat.columns(0, 1));
        assertEquals(5, out.size());
        assertSentence(out.get(0), 1, List.of("Peter", "Blackburn"), List.of("B-PER", "I-PER"));
        assertRejected(out.get(1), RejectReason.EMPTY_TOKEN, 4,
                "line 4: token (column 0) is empty; sentence from line 4 rejected", "\tO");
        assertRejected(out.get(1), RejectReason.EMPTY_TAG, 5,
                "line 5: tag (column 1) is empty; sentence from line 4 rejected", "x\t");
        assertRejected(out.get(2), RejectReason.WRONG_COLUMN_COUNT, 7,
                "line 7: expected at least 2 columns, got 1; sentence from line 7 rejected", "one-column");
        assertSentence(out.get(3), 9, List.of("a", "b"), List.of("O", "B-LOC"));
        assertSentence(out.get(4), 12, List.of("c"), List.of("O"));
    }

    @Test
    void aBlockOfOnlyRangesAndEmptyNodesIsAnEmptySentence() {
        SentenceBlock block = new SentenceBlock("f", List.of(
                new NumberedLine(7, "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_"),
                new NumberedLine(8, "1.1\tdo\tdo\tAUX\tVBP\t_\t_\t_\t_\t_")));
        SentenceOutcome o = new SentenceBlockParser(ColumnFormat.conllu("upos")).parse(block);
        assertEquals(List.of(new Rejection("f", 7, RejectReason.EMPTY_SENTENCE,
                "lines 7-8: no word lines, only multi-word ranges or empty nodes", "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_")),
                o.rejections());
    }

    @Test
    void anUndecodableLineRejectsItsSentence() {
        SentenceBlock block = new SentenceBlock("f", List.of(new NumberedLine(1, "Peter\tI-PER"),
                new NumberedLine(2, "M\uFFFDller\tI-PER", true)));
        SentenceOutcome o = new SentenceBlockParser(ColumnFormat.columns(0, 1)).parse(block);
        assertEquals(List.of(new Rejection("f", 2, RejectReason.UNDECODABLE_BYTES,
                "line 2: bytes not valid UTF-8; sentence from line 1 rejected", "M\uFFFDller\tI-PER")), o.rejections());
    }

    @Test
    void linesSplitOnNewlineOnlyAndIgnoreTheEmptyStringAfterAFinalNewline() {
        assertEquals(List.of("a", "b\r", ""), SentenceBlockGrouper.lines("a\nb\r\n\n"));
        assertEquals(List.of("a", "b"), SentenceBlockGrouper.lines("a\nb"));
        assertEquals(List.of("a\rb"), SentenceBlockGrouper.lines("a\rb"));
        assertEquals(List.of(), SentenceBlockGrouper.lines(""));
    }

    @Test
    void aByteOrderMarkOnTheFirstLineIsRemoved() {
        List<SentenceOutcome> out = new SentenceBlockParser(ColumnFormat.columns(0, 1))
                .parseFile("f", List.of("\uFEFFPeter\tB-PER"));
        assertEquals(List.of("Peter"), out.get(0).sentence().tokens());
    }
}
