package io.seqpipe.tagging;

import io.seqpipe.data.DelimitedLineParser;
import io.seqpipe.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reading a file as several splits gives exactly the sentences, rejects and line numbers of one pass, wherever the
 * splits are cut: every way to cut each fixture into three splits (empty ones included), and random many-way cuts.
 */
class SplitSentencesTest {

    /** Orders outcomes by file and the line they start at (a rejected sentence: its first rejected line). */
    static final Comparator<SentenceOutcome> BY_POSITION = Comparator
            .comparing((SentenceOutcome o) -> o.isRejected() ? o.rejections().get(0).source() : o.sentence().source())
            .thenComparingLong(o -> o.isRejected() ? o.rejections().get(0).offset() : o.sentence().firstLine());

    record Case(String fixture, ColumnFormat format) {
    }

    static final List<Case> CASES = List.of(
            new Case("tagging/conll2003/edge.txt", ColumnFormat.conll2003()),
            new Case("tagging/conll2003/more.txt", ColumnFormat.conll2003()),
            new Case("tagging/ud/edge.conllu", ColumnFormat.conllu("upos")),
            new Case("tagging/columns/edge.tsv", ColumnFormat.columns(0, 1)));

    static List<String> lines(String fixture) throws IOException {
        return SentenceBlockGrouper.lines(Files.readString(Fixtures.fixture(fixture), StandardCharsets.UTF_8));
    }

    /** Scans, plans, groups and joins {@code splits} (consecutive runs of a file's raw lines) as the Spark reader does. */
    static List<SentenceOutcome> readSplit(List<List<String>> splits, ColumnFormat format) {
        List<SplitSentences.Scan> scans = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            scans.add(SplitSentences.scan(new SplitSentences.SplitId("f", i), stripped(splits.get(i)).iterator(),
                    format));
        }
        Collections.reverse(scans); // the plan must not depend on the order scans arrive in
        Map<SplitSentences.SplitId, SplitSentences.Context> plan = SplitSentences.plan(scans);
        SentenceBlockParser parser = new SentenceBlockParser(format);
        List<SentenceOutcome> out = new ArrayList<>();
        Map<Long, List<SentenceBlock>> fragments = new LinkedHashMap<>();
        for (int i = 0; i < splits.size(); i++) {
            SplitSentences.Context ctx = plan.get(new SplitSentences.SplitId("f", i));
            List<NumberedLine> numbered = new ArrayList<>();
            List<String> texts = stripped(splits.get(i));
            for (int j = 0; j < texts.size(); j++) {
                numbered.add(new NumberedLine(ctx.lineNumber(j), texts.get(j)));
            }
            Iterator<SplitSentences.Piece> pieces = SplitSentences.pieces("f", ctx, numbered.iterator(), format);
            while (pieces.hasNext()) {
                SplitSentences.Piece p = pieces.next();
                if (p.complete()) {
                    out.add(parser.parse(p.block()));
                } else {
                    fragments.computeIfAbsent(p.sentenceStart(), k -> new ArrayList<>()).add(0, p.block());
                }
            }
        }
        fragments.values().forEach(f -> out.add(parser.parse(SplitSentences.join(f))));
        out.sort(BY_POSITION);
        return out;
    }

    static List<String> stripped(List<String> raw) {
        return raw.stream().map(DelimitedLineParser::stripLineEnd).toList();
    }

    @Test
    void everyThreeWayCutGivesTheOnePassResult() throws IOException {
        for (Case c : CASES) {
            List<String> all = lines(c.fixture());
            List<SentenceOutcome> expected = new SentenceBlockParser(c.format()).parseFile("f", all);
            for (int a = 0; a <= all.size(); a++) {
                for (int b = a; b <= all.size(); b++) {
                    List<List<String>> splits = List.of(all.subList(0, a), all.subList(a, b),
                            all.subList(b, all.size()));
                    assertEquals(expected, readSplit(splits, c.format()), c.fixture() + " cut at " + a + ", " + b);
                }
            }
        }
    }

    @Test
    void randomManyWayCutsGiveTheOnePassResult() throws IOException {
        Random random = new Random(7);
        for (Case c : CASES) {
            List<String> all = lines(c.fixture());
            List<SentenceOutcome> expected = new SentenceBlockParser(c.format()).parseFile("f", all);
            for (int trial = 0; trial < 200; trial++) {
                List<List<String>> splits = new ArrayList<>();
                int from = 0;
                while (from < all.size()) {
                    int to = Math.min(all.size(), from + random.nextInt(4));
                    splits.add(all.subList(from, to));
                    from = to;
                }
                assertEquals(expected, readSplit(splits, c.format()), c.fixture() + " trial " + trial);
            }
        }
    }

    @Test
    void aSentenceSpanningThreeSplitsIsOneFragmentPerSplitUnderOneKey() {
        ColumnFormat f = ColumnFormat.columns(0, 1);
        List<List<String>> splits = List.of(List.of("x\tO", "", "a\tB-PER"), List.of("b\tI-PER"),
                List.of("c\tI-PER", "", "d\tO"));
        Map<SplitSentences.SplitId, SplitSentences.Context> plan = SplitSentences.plan(List.of(
                SplitSentences.scan(new SplitSentences.SplitId("f", 0), splits.get(0).iterator(), f),
                SplitSentences.scan(new SplitSentences.SplitId("f", 20), splits.get(1).iterator(), f),
                SplitSentences.scan(new SplitSentences.SplitId("f", 30), splits.get(2).iterator(), f)));
        assertEquals(new SplitSentences.Context(0, 0, false), plan.get(new SplitSentences.SplitId("f", 0)));
        assertEquals(new SplitSentences.Context(3, 3, false), plan.get(new SplitSentences.SplitId("f", 20)));
        assertEquals(new SplitSentences.Context(4, 3, true), plan.get(new SplitSentences.SplitId("f", 30)));
        List<SentenceOutcome> out = readSplit(splits, f);
        assertEquals(List.of(List.of("x"), List.of("a", "b", "c"), List.of("d")),
                out.stream().map(o -> o.sentence().tokens()).toList());
        assertEquals(List.of(1L, 3L, 7L), out.stream().map(o -> o.sentence().firstLine()).toList());
    }
}
