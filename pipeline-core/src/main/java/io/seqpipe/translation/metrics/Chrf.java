package io.seqpipe.translation.metrics;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * chrF (Popović 2015) exactly as sacreBLEU 2.x {@code CHRF()} computes it by default ({@link #chrf2()}: character
 * order 6, β = 2, no word n-grams, case kept, whitespace not counted, no epsilon smoothing):
 * <ol>
 *   <li>every Python-whitespace character (including no-break spaces) is removed; n-grams are over Unicode code
 *       points;</li>
 *   <li>per order n: hypothesis n-grams, reference n-grams, clipped matches; the hypothesis count is taken as 0 for
 *       an order where the reference has no n-gram;</li>
 *   <li>the counts are summed over the corpus ({@link ChrfStatistics}); for the orders where both summed counts are
 *       positive ("effective order") precision {@code P_n = match/hyp} and recall {@code R_n = match/ref} are
 *       averaged: {@code P}, {@code R};</li>
 *   <li>{@code chrF = 100 · (1 + β²) P R / (β² P + R)}, 0 when {@code P + R = 0}.</li>
 * </ol>
 * With several references a sentence contributes the counts of the reference with the best sentence chrF (the first
 * on a tie), as sacreBLEU does.
 */
public final class Chrf implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int order;
    private final double beta;
    private final boolean lowercase;

    public Chrf(int order, double beta, boolean lowercase) {
        if (order < 1) {
            throw new IllegalArgumentException("chrF character order must be >= 1, got " + order);
        }
        if (!(beta > 0)) {
            throw new IllegalArgumentException("chrF beta must be > 0, got " + beta);
        }
        this.order = order;
        this.beta = beta;
        this.lowercase = lowercase;
    }

    /** sacreBLEU's default chrF: chrF2, character 6-grams, case-sensitive. */
    public static Chrf chrf2() {
        return new Chrf(6, 2.0, false);
    }

    public int order() {
        return order;
    }

    public double beta() {
        return beta;
    }

    public ChrfStatistics newStatistics() {
        return new ChrfStatistics(order);
    }

    /** Adds one sentence to {@code into}. */
    public ChrfStatistics add(ChrfStatistics into, String hypothesis, List<String> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("chrF needs at least one reference per sentence");
        }
        List<Map<String, Integer>> hypNgrams = ngrams(hypothesis);
        ChrfStatistics best = null;
        double bestScore = -1;
        for (String reference : references) {
            ChrfStatistics s = sentenceStatistics(hypNgrams, ngrams(reference));
            double f = score(s).score();
            if (f > bestScore) {
                bestScore = f;
                best = s;
            }
        }
        return into.merge(best);
    }

    /** Corpus chrF of hypotheses against one reference each. */
    public ChrfScore corpusScore(List<String> hypotheses, List<String> references) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException(hypotheses.size() + " hypotheses but " + references.size()
                    + " references");
        }
        ChrfStatistics s = newStatistics();
        for (int i = 0; i < hypotheses.size(); i++) {
            add(s, hypotheses.get(i), List.of(references.get(i)));
        }
        return score(s);
    }

    private ChrfStatistics sentenceStatistics(List<Map<String, Integer>> hyp, List<Map<String, Integer>> ref) {
        ChrfStatistics s = new ChrfStatistics(order);
        for (int n = 1; n <= order; n++) {
            Map<String, Integer> h = hyp.get(n - 1);
            Map<String, Integer> r = ref.get(n - 1);
            long hypCount = 0;
            long matchCount = 0;
            for (Map.Entry<String, Integer> e : h.entrySet()) {
                hypCount += e.getValue();
                Integer inRef = r.get(e.getKey());
                if (inRef != null) {
                    matchCount += Math.min(e.getValue(), inRef);
                }
            }
            long refCount = 0;
            for (int c : r.values()) {
                refCount += c;
            }
            // sacreBLEU: "Don't count hits if no reference exists for that n-gram"
            s.add(n, r.isEmpty() ? 0 : hypCount, refCount, matchCount);
        }
        s.countSentence();
        return s;
    }

    /** Character n-gram counts of orders 1..order, whitespace removed. */
    private List<Map<String, Integer>> ngrams(String text) {
        String s = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        int[] cps = PythonText.codePointsWithoutSpace(s);
        List<Map<String, Integer>> out = new java.util.ArrayList<>(order);
        for (int n = 1; n <= order; n++) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i + n <= cps.length; i++) {
                counts.merge(new String(cps, i, n), 1, Integer::sum);
            }
            out.add(counts);
        }
        return out;
    }

    /** The score of (summed) statistics: sacreBLEU's {@code _compute_f_score} without epsilon smoothing. */
    public ChrfScore score(ChrfStatistics s) {
        if (s.order() != order) {
            throw new IllegalArgumentException("statistics of order " + s.order() + " for chrF of order " + order);
        }
        double avgPrecision = 0;
        double avgRecall = 0;
        int effective = 0;
        for (int n = 1; n <= order; n++) {
            long hyp = s.hypothesisNgrams(n);
            long ref = s.referenceNgrams(n);
            if (hyp > 0 && ref > 0) {
                avgPrecision += (double) s.matches(n) / hyp;
                avgRecall += (double) s.matches(n) / ref;
                effective++;
            }
        }
        if (effective > 0) {
            avgPrecision /= effective;
            avgRecall /= effective;
        }
        double factor = beta * beta;
        double score = avgPrecision + avgRecall == 0 ? 0.0
                : 100 * ((1 + factor) * avgPrecision * avgRecall / (factor * avgPrecision + avgRecall));
        return new ChrfScore(score, avgPrecision, avgRecall, effective, s);
    }

    @Override
    public String toString() {
        return "chrF{order=" + order + ", beta=" + beta + ", lowercase=" + lowercase + "}";
    }
}
