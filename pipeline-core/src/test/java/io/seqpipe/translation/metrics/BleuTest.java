package io.seqpipe.translation.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Corpus BLEU on hand-worked cases. The n-gram counts are worked out by hand in each comment; the scores follow from
 * them by sacreBLEU's {@code compute_bleu} and TensorFlow NMT's {@code compute_bleu} (used by HuggingFace evaluate),
 * evaluated with plain double arithmetic (sacrebleu itself is not installable here: no PyPI), e.g.
 * {@code (500/6 · 60 · 25 · 100/6)^(1/4) = 37.99178428257963}.
 */
class BleuTest {
    private static final double EPS = 1e-9;
    private final Bleu sacre = Bleu.sacreBleu();
    private final Bleu hf = Bleu.huggingFace();

    private static List<String> toks(String s) {
        return Arrays.asList(s.split(" "));
    }

    /**
     * hyp "the cat sat on the mat", ref "the cat is on the mat": 1-grams 5/6 (the×2, cat, on, mat), 2-grams 3/5 (the
     * cat, on the, the mat), 3-grams 1/4 (on the mat), 4-grams 0/3. Lengths 6 and 6: BP 1.
     */
    @Test
    void zeroMatchesAtOneOrderExpSmoothingVersusNone() {
        BleuScore s = sacre.corpusScore(List.of("the cat sat on the mat"), List.of("the cat is on the mat"));
        assertArrayEquals(new long[]{5, 3, 1, 0}, s.statistics().matches());
        assertArrayEquals(new long[]{6, 5, 4, 3}, s.statistics().totals());
        // exp smoothing (sacreBLEU's default): p4 = 100 / (2 · 3)
        assertArrayEquals(new double[]{500.0 / 6, 60, 25, 100.0 / 6}, s.precisions(), EPS);
        assertEquals(37.99178428257963, s.score(), EPS);
        assertEquals(1.0, s.brevityPenalty(), 0.0);

        Bleu noSmoothing = new Bleu(Bleu.Variant.SACREBLEU, Bleu.Smoothing.NONE, Bleu.Tokenization.THIRTEEN_A, false,
                4, false);
        assertEquals(0.0, noSmoothing.score(s.statistics()).score(), 0.0);
        // HF evaluate: min precision 0 -> 0
        assertEquals(0.0, hf.score(s.statistics()).score(), 0.0);
    }

    /**
     * hyp "the cat sat on the" (5) shorter than ref "the cat sat on the mat" (6): every n-gram matches (5/5, 4/4, 3/3,
     * 2/2), BP = exp(1 - 6/5) = 0.8187307530779819.
     */
    @Test
    void hypothesisShorterThanReferenceGetsTheBrevityPenalty() {
        BleuScore s = sacre.corpusScore(List.of("the cat sat on the"), List.of("the cat sat on the mat"));
        assertEquals(Math.exp(-0.2), s.brevityPenalty(), 1e-15);
        assertEquals(81.87307530779823, s.score(), EPS);
        assertEquals(5.0 / 6, s.lengthRatio(), 1e-15);
        assertEquals(81.87307530779819, hf.score(s.statistics()).score(), EPS);
    }

    /**
     * Two sentences. S1 as above (matches 5,4,3,2 of 5,4,3,2; c=5, r=6): sentence BLEU 81.873. S2 hyp "a dog runs in
     * the big park" (7) vs ref "a dog runs in the park" (6): 6/7, 4/6 (a dog, dog runs, runs in, in the), 3/5, 2/4;
     * BP 1: sentence BLEU 64.346. Mean of sentence BLEUs 73.109. Corpus: matches 11,8,6,4 of 12,10,8,6 and c = r =
     * 12, so BP 1 and BLEU = (11/12 · 8/10 · 6/8 · 4/6)^(1/4) = 77.816 - not the mean.
     */
    @Test
    void corpusBleuIsNotTheMeanOfSentenceBleus() {
        List<String> hyps = List.of("the cat sat on the", "a dog runs in the big park");
        List<String> refs = List.of("the cat sat on the mat", "a dog runs in the park");
        double s1 = sacre.corpusScore(hyps.subList(0, 1), refs.subList(0, 1)).score();
        double s2 = sacre.corpusScore(hyps.subList(1, 2), refs.subList(1, 2)).score();
        assertEquals(81.87307530779823, s1, EPS);
        assertEquals(64.34588841607616, s2, EPS);
        BleuScore corpus = sacre.corpusScore(hyps, refs);
        assertArrayEquals(new long[]{11, 8, 6, 4}, corpus.statistics().matches());
        assertArrayEquals(new long[]{12, 10, 8, 6}, corpus.statistics().totals());
        assertEquals(12, corpus.statistics().hypLength());
        assertEquals(12, corpus.statistics().refLength());
        assertEquals(77.81581271306608, corpus.score(), EPS);
        assertEquals(73.1094818619372, (s1 + s2) / 2, EPS);
        assertEquals(77.81581271306612, hf.score(corpus.statistics()).score(), EPS);
    }

    @Test
    void mergedPartitionStatisticsEqualTheWholeCorpus() {
        List<String> hyps = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        String[] words = {"a", "man", "is", "riding", "a", "horse", "on", "the", "beach", "."};
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 40; i++) {
            hyps.add(randomSentence(r, words));
            refs.add(randomSentence(r, words));
        }
        BleuStatistics whole = sacre.newStatistics();
        for (int i = 0; i < hyps.size(); i++) {
            sacre.add(whole, hyps.get(i), List.of(refs.get(i)));
        }
        // three "partitions" of uneven size, merged in a different order
        BleuStatistics[] parts = {sacre.newStatistics(), sacre.newStatistics(), sacre.newStatistics()};
        for (int i = 0; i < hyps.size(); i++) {
            sacre.add(parts[i < 7 ? 0 : i < 30 ? 1 : 2], hyps.get(i), List.of(refs.get(i)));
        }
        BleuStatistics merged = parts[2].merge(parts[0]).merge(parts[1]);
        assertEquals(whole, merged);
        assertEquals(sacre.score(whole).score(), sacre.score(merged).score(), 0.0);
        assertEquals(40, merged.sentences());
    }

    private static String randomSentence(java.util.Random r, String[] words) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(9);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
        }
        return b.toString();
    }

    /**
     * hyp "a b c d e" (5) against refs "a b c" (3) and "a b c d e f" (6): clipped by the union of the references,
     * every n-gram matches. sacreBLEU takes the closest reference length 6 (BP exp(1 - 6/5)); HF evaluate the shortest
     * 3 (ratio 5/3 > 1, BP 1).
     */
    @Test
    void referenceLengthRuleDiffersWithSeveralReferences() {
        List<String> hyp = toks("a b c d e");
        List<List<String>> refs = List.of(toks("a b c"), toks("a b c d e f"));
        BleuStatistics s = sacre.addTokens(sacre.newStatistics(), hyp, refs);
        assertEquals(6, s.refLength());
        assertEquals(81.87307530779823, sacre.score(s).score(), EPS);
        BleuStatistics h = hf.addTokens(hf.newStatistics(), hyp, refs);
        assertEquals(3, h.refLength());
        assertEquals(100.0, hf.score(h).score(), EPS);
        // a tie (4 and 6 are both 1 away from 5) goes to the shorter reference
        BleuStatistics tie = sacre.addTokens(sacre.newStatistics(), hyp, List.of(toks("a b c d e f"),
                toks("a b c d")));
        assertEquals(4, tie.refLength());
    }

    /** Clipping: "the the the the" against "the cat": 1-gram matches are clipped to 1. */
    @Test
    void matchesAreClippedByReferenceCounts() {
        BleuStatistics s = hf.addTokens(hf.newStatistics(), toks("the the the the"), List.of(toks("the cat")));
        assertArrayEquals(new long[]{1, 0, 0, 0}, s.matches());
        assertArrayEquals(new long[]{4, 3, 2, 1}, s.totals());
    }

    /**
     * hyp "the cat" vs ref "the cat sat": totals 2, 1, 0, 0. Corpus BLEU stops at the first order without n-grams,
     * the rest count as 0: score 0. With effective order (sentence BLEU) only orders 1-2 count: 100 · exp(1 - 3/2).
     * No match at all gives 0 whatever the smoothing.
     */
    @Test
    void ordersWithoutHypothesisNgramsAndNoMatches() {
        BleuStatistics s = sacre.add(sacre.newStatistics(), "the cat", List.of("the cat sat"));
        assertEquals(0.0, sacre.score(s).score(), 0.0);
        Bleu effective = new Bleu(Bleu.Variant.SACREBLEU, Bleu.Smoothing.EXP, Bleu.Tokenization.THIRTEEN_A, false,
                4, true);
        assertEquals(60.653065971263366, effective.score(s).score(), EPS);
        BleuStatistics none = sacre.add(sacre.newStatistics(), "x y z", List.of("a b c"));
        assertEquals(0.0, sacre.score(none).score(), 0.0);
        BleuStatistics empty = sacre.add(sacre.newStatistics(), "", List.of("a b c"));
        assertEquals(0.0, sacre.score(empty).score(), 0.0);
        assertEquals(0.0, sacre.score(empty).brevityPenalty(), 0.0);
        assertEquals(0.0, hf.score(hf.add(hf.newStatistics(), "", List.of("a b c"))).score(), 0.0);
    }

    /** 13a tokenization and sacreBLEU's optional lower-casing happen before counting. */
    @Test
    void rawTextIsTokenizedWith13aAndOptionallyLowerCased() {
        BleuScore mixed = sacre.corpusScore(List.of("The cat sat, on the mat."),
                List.of("the cat sat , on the mat ."));
        // both tokenize to 8 tokens (The cat sat , on the mat .); "The" vs "the" differs: 1-grams 7/8
        assertEquals(8, mixed.statistics().hypLength());
        assertEquals(7, mixed.statistics().matches(1));
        Bleu lower = new Bleu(Bleu.Variant.SACREBLEU, Bleu.Smoothing.EXP, Bleu.Tokenization.THIRTEEN_A, true, 4,
                false);
        assertEquals(100.0, lower.corpusScore(List.of("The cat sat, on the mat."),
                List.of("the cat sat , on the mat .")).score(), EPS);
    }

    @Test
    void rejectsMismatchedInputs() {
        assertThrows(IllegalArgumentException.class, () -> sacre.corpusScore(List.of("a"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> sacre.newStatistics().merge(new BleuStatistics(3)));
        assertThrows(IllegalArgumentException.class, () -> new Bleu(Bleu.Variant.HF_EVALUATE, Bleu.Smoothing.EXP,
                Bleu.Tokenization.WHITESPACE, false, 4, false));
    }
}
