package io.seqpipe.translation.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * chrF2 on hand-worked cases. Counts per order are worked out by hand as {@code [hyp, ref, match]}; the scores are
 * sacreBLEU 2.x's {@code _compute_f_score} (no epsilon smoothing) of those counts, e.g. for "abc" vs "abcd":
 * P = (3/3 + 2/2 + 1/1)/3 = 1, R = (3/4 + 2/3 + 1/2)/3 = 23/36, chrF2 = 5PR/(4P + R) = 115/167.
 */
class ChrfTest {
    private static final double EPS = 1e-9;
    private final Chrf chrf = Chrf.chrf2();

    private ChrfScore sentence(String hyp, String ref) {
        return chrf.corpusScore(List.of(hyp), List.of(ref));
    }

    /** "abcd" vs "abce": [4,4,3] [3,3,2] [2,2,1] [1,1,0], orders 5-6 empty: P = R = (3/4 + 2/3 + 1/2 + 0)/4. */
    @Test
    void equalPrecisionAndRecall() {
        ChrfScore s = sentence("abcd", "abce");
        assertEquals(4, s.effectiveOrder());
        assertEquals(3, s.statistics().matches(1));
        assertEquals(0, s.statistics().matches(4));
        assertEquals(23.0 / 48, s.precision(), 1e-15);
        assertEquals(47.91666666666667, s.score(), EPS);
    }

    /** Hypothesis shorter than the reference: "abc" vs "abcd", order 4 has [0, 1, 0] and is not effective. */
    @Test
    void hypothesisShorterThanReference() {
        ChrfScore s = sentence("abc", "abcd");
        assertEquals(3, s.effectiveOrder());
        assertEquals(1, s.statistics().referenceNgrams(4));
        assertEquals(1.0, s.precision(), 1e-15);
        assertEquals(23.0 / 36, s.recall(), 1e-15);
        assertEquals(11500.0 / 167, s.score(), EPS);
    }

    /**
     * "abcdef" vs "ab": the reference has no 3- to 6-grams, so the hypothesis's are not counted there (sacreBLEU's
     * "don't count hits if no reference exists"): [6,2,2] [5,1,1]; P = (2/6 + 1/5)/2 = 4/15, R = 1, chrF = 20/31.
     */
    @Test
    void hypothesisNgramsAreNotCountedWhereTheReferenceHasNone() {
        ChrfScore s = sentence("abcdef", "ab");
        assertEquals(0, s.statistics().hypothesisNgrams(3));
        assertEquals(2000.0 / 31, s.score(), EPS);
    }

    /**
     * The three sentences above as a corpus: summed [13,10,8] [10,7,5] [3,4,2] [1,2,0]; P = (8/13 + 5/10 + 2/3 + 0)/4,
     * R = (8/10 + 5/7 + 2/4 + 0)/4 gives 49.078, while the sentence scores average (47.917 + 68.862 + 64.516)/3 =
     * 60.432. Merged partitions give the same statistics.
     */
    @Test
    void corpusScoreSumsStatisticsAndPartitionsMerge() {
        List<String> hyps = List.of("abcd", "abc", "abcdef");
        List<String> refs = List.of("abce", "abcd", "ab");
        ChrfScore corpus = chrf.corpusScore(hyps, refs);
        assertEquals(13, corpus.statistics().hypothesisNgrams(1));
        assertEquals(7, corpus.statistics().referenceNgrams(2));
        assertEquals(2, corpus.statistics().matches(3));
        assertEquals(2, corpus.statistics().referenceNgrams(4));
        assertEquals(49.077987900156245, corpus.score(), EPS);

        ChrfStatistics a = chrf.add(chrf.newStatistics(), hyps.get(2), List.of(refs.get(2)));
        ChrfStatistics b = chrf.add(chrf.newStatistics(), hyps.get(0), List.of(refs.get(0)));
        chrf.add(b, hyps.get(1), List.of(refs.get(1)));
        ChrfStatistics merged = a.merge(b);
        assertEquals(corpus.statistics(), merged);
        assertEquals(corpus.score(), chrf.score(merged).score(), 0.0);
        assertEquals(3, merged.sentences());
    }

    /** Whitespace, no-break spaces included (Python's str.split), is removed before counting. */
    @Test
    void whitespaceIsIgnored() {
        assertEquals(100.0, sentence("ab c", "a bc").score(), EPS);
        assertEquals(100.0, sentence("a\u00A0b\u202Fc\td", "abcd").score(), EPS);
    }

    /** Characters are code points: "a😀b" vs "a😀c" has 3 unigrams each: [3,3,2] [2,2,1] [1,1,0], chrF = 7/18. */
    @Test
    void supplementaryCharactersCountOnce() {
        ChrfScore s = sentence("a\uD83D\uDE00b", "a\uD83D\uDE00c");
        assertEquals(3, s.statistics().hypothesisNgrams(1));
        assertEquals(700.0 / 18, s.score(), EPS);
    }

    @Test
    void noMatchOrEmptyHypothesisIsZero() {
        assertEquals(0.0, sentence("xyz", "abc").score(), 0.0);
        assertEquals(0.0, sentence("", "abc").score(), 0.0);
    }

    /** With two references the sentence takes the counts of the better one. */
    @Test
    void bestOfSeveralReferences() {
        ChrfStatistics s = chrf.add(chrf.newStatistics(), "abc", List.of("xyz", "abc"));
        assertEquals(100.0, chrf.score(s).score(), EPS);
    }
}
