package io.seqpipe.translation.metrics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Corpus BLEU (Papineni et al. 2002) in one of two exact definitions, computed from mergeable
 * {@link BleuStatistics}:
 * <ul>
 *   <li>{@link Variant#SACREBLEU}: sacreBLEU 2.x {@code BLEU().corpus_score} with its defaults ({@link #sacreBleu()}):
 *       13a tokenization, case kept, max order 4, the reference length closest to the hypothesis length, and
 *       smoothing {@link Smoothing#EXP}. Note that sacreBLEU's default {@code smooth_method='exp'} applies to corpus
 *       BLEU too: an order with zero matches gets precision {@code 100 / (2^k · total)} for its k-th such order
 *       instead of making the score 0. With at least one match at every order it changes nothing.
 *       {@code BLEU = BP · exp(mean_n log p_n)}, {@code BP = exp(1 - r/c)} if {@code c < r} (0 if {@code c = 0}),
 *       else 1. No match at all gives 0; an order with no hypothesis n-gram at all ends the precisions there (the
 *       rest count as 0, so the score is 0 unless {@code effectiveOrder}).</li>
 *   <li>{@link Variant#HF_EVALUATE}: HuggingFace {@code evaluate}'s "bleu" (TensorFlow NMT's {@code compute_bleu},
 *       {@code smooth=False}) on already tokenized text: shortest reference length, no smoothing (any order with zero
 *       precision gives 0), {@code BP = exp(1 - r/c)} if {@code c/r <= 1}. This is the number of the Multi30k anchors
 *       in ANCHORS.md when the tokens are lower-cased word tokens (they used spaCy's), times 100.</li>
 * </ul>
 * With one reference per sentence and a non-zero precision at every order the two variants agree exactly.
 *
 * <p>Strings are tokenized by {@link Tokenization}; token lists are used as given (the variant for pre-tokenized,
 * lower-cased text, as the translation task scores).
 */
public final class Bleu implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Variant { SACREBLEU, HF_EVALUATE }

    /** sacreBLEU's smoothing methods for the precision of an order with zero matches ({@code none}, {@code exp}). */
    public enum Smoothing { NONE, EXP }

    /** How strings are split into tokens: sacreBLEU's 13a, or Python {@code str.split()} (pre-tokenized text). */
    public enum Tokenization { THIRTEEN_A, WHITESPACE }

    private final Variant variant;
    private final Smoothing smoothing;
    private final Tokenization tokenization;
    private final boolean lowercase;
    private final int maxOrder;
    private final boolean effectiveOrder;
    private final Tokenizer13a tokenizer13a = new Tokenizer13a();

    public Bleu(Variant variant, Smoothing smoothing, Tokenization tokenization, boolean lowercase, int maxOrder,
                boolean effectiveOrder) {
        if (variant == null || smoothing == null || tokenization == null) {
            throw new IllegalArgumentException("BLEU variant, smoothing and tokenization must be set");
        }
        if (maxOrder < 1) {
            throw new IllegalArgumentException("BLEU max order must be >= 1, got " + maxOrder);
        }
        if (variant == Variant.HF_EVALUATE && (smoothing != Smoothing.NONE || effectiveOrder)) {
            throw new IllegalArgumentException("HF evaluate BLEU has neither smoothing nor effective order");
        }
        this.variant = variant;
        this.smoothing = smoothing;
        this.tokenization = tokenization;
        this.lowercase = lowercase;
        this.maxOrder = maxOrder;
        this.effectiveOrder = effectiveOrder;
    }

    /** sacreBLEU's corpus BLEU defaults: 13a, mixed case, exp smoothing, order 4. */
    public static Bleu sacreBleu() {
        return new Bleu(Variant.SACREBLEU, Smoothing.EXP, Tokenization.THIRTEEN_A, false, 4, false);
    }

    /** HuggingFace {@code evaluate} "bleu" on whitespace-separated (pre-tokenized) text, order 4. */
    public static Bleu huggingFace() {
        return new Bleu(Variant.HF_EVALUATE, Smoothing.NONE, Tokenization.WHITESPACE, false, 4, false);
    }

    public Variant variant() {
        return variant;
    }

    public int maxOrder() {
        return maxOrder;
    }

    /** Empty statistics to add sentences into. */
    public BleuStatistics newStatistics() {
        return new BleuStatistics(maxOrder);
    }

    /** The tokens this metric compares for {@code text} (lower-casing and tokenization as configured). */
    public List<String> tokenize(String text) {
        String s = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        return tokenization == Tokenization.THIRTEEN_A ? tokenizer13a.tokenize(PythonText.rstrip(s))
                : PythonText.split(s);
    }

    /** Adds one sentence of raw text to {@code into}. */
    public BleuStatistics add(BleuStatistics into, String hypothesis, List<String> references) {
        List<List<String>> refs = new ArrayList<>(references.size());
        for (String r : references) {
            refs.add(tokenize(r));
        }
        return addTokens(into, tokenize(hypothesis), refs);
    }

    /** Adds one pre-tokenized sentence to {@code into} (tokens compared as given, no lower-casing). */
    public BleuStatistics addTokens(BleuStatistics into, List<String> hypothesis, List<List<String>> references) {
        return into.add(hypothesis, references, variant == Variant.SACREBLEU
                ? BleuStatistics.ReferenceLength.CLOSEST : BleuStatistics.ReferenceLength.SHORTEST);
    }

    /** Corpus BLEU of raw-text hypotheses against one reference each. */
    public BleuScore corpusScore(List<String> hypotheses, List<String> references) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException(hypotheses.size() + " hypotheses but " + references.size()
                    + " references");
        }
        BleuStatistics s = newStatistics();
        for (int i = 0; i < hypotheses.size(); i++) {
            add(s, hypotheses.get(i), List.of(references.get(i)));
        }
        return score(s);
    }

    /** The score of (summed) statistics. */
    public BleuScore score(BleuStatistics s) {
        if (s.maxOrder() != maxOrder) {
            throw new IllegalArgumentException("statistics of order " + s.maxOrder() + " for BLEU of order "
                    + maxOrder);
        }
        return variant == Variant.SACREBLEU ? sacreScore(s) : hfScore(s);
    }

    /** sacreBLEU's {@code BLEU.compute_bleu}. */
    private BleuScore sacreScore(BleuStatistics s) {
        long sys = s.hypLength();
        long ref = s.refLength();
        double bp = sys < ref ? (sys > 0 ? Math.exp(1.0 - (double) ref / sys) : 0.0) : 1.0;
        double[] precisions = new double[maxOrder];
        boolean anyMatch = false;
        for (int n = 1; n <= maxOrder; n++) {
            anyMatch |= s.matches(n) > 0;
        }
        if (!anyMatch) {
            return new BleuScore(0.0, precisions, bp, s);
        }
        double smoothMteval = 1.0;
        int effOrder = maxOrder;
        for (int n = 1; n <= maxOrder; n++) {
            long total = s.totals(n);
            long correct = s.matches(n);
            if (total == 0) {
                break;
            }
            if (effectiveOrder) {
                effOrder = n;
            }
            if (correct == 0) {
                if (smoothing == Smoothing.EXP) {
                    smoothMteval *= 2;
                    precisions[n - 1] = 100.0 / (smoothMteval * total);
                }
            } else {
                precisions[n - 1] = 100.0 * correct / total;
            }
        }
        double logSum = 0;
        for (int i = 0; i < effOrder; i++) {
            // sacreBLEU's my_log floors log(0) at -9999999999, which makes the score exactly 0
            logSum += precisions[i] == 0.0 ? -9999999999.0 : Math.log(precisions[i]);
        }
        return new BleuScore(bp * Math.exp(logSum / effOrder), precisions, bp, s);
    }

    /** TensorFlow NMT's {@code compute_bleu(smooth=False)}, as HuggingFace evaluate calls it, times 100. */
    private BleuScore hfScore(BleuStatistics s) {
        double[] precisions = new double[maxOrder];
        double minPrecision = Double.MAX_VALUE;
        for (int n = 1; n <= maxOrder; n++) {
            double p = s.totals(n) > 0 ? (double) s.matches(n) / s.totals(n) : 0.0;
            precisions[n - 1] = 100.0 * p;
            minPrecision = Math.min(minPrecision, p);
        }
        double geoMean = 0.0;
        if (minPrecision > 0) {
            double logSum = 0;
            for (double p : precisions) {
                logSum += (1.0 / maxOrder) * Math.log(p / 100.0);
            }
            geoMean = Math.exp(logSum);
        }
        // ratio = c / r; evaluate divides by zero for an empty corpus, where the score is 0 anyway
        double ratio = s.refLength() == 0 ? Double.POSITIVE_INFINITY : (double) s.hypLength() / s.refLength();
        double bp = ratio > 1.0 ? 1.0 : (s.hypLength() == 0 ? 0.0 : Math.exp(1.0 - 1.0 / ratio));
        return new BleuScore(100.0 * geoMean * bp, precisions, bp, s);
    }

    @Override
    public String toString() {
        return "BLEU{" + variant + ", smoothing=" + smoothing + ", tokenization=" + tokenization + ", lowercase="
                + lowercase + ", maxOrder=" + maxOrder + (effectiveOrder ? ", effectiveOrder" : "") + "}";
    }
}
