package io.seqpipe.tasks.translation;

import io.seqpipe.translation.EncodedPair;
import io.seqpipe.translation.PairEncoder;
import io.seqpipe.translation.decode.BeamSearch;
import io.seqpipe.translation.decode.GraphDecoder;
import io.seqpipe.translation.decode.Hypothesis;
import io.seqpipe.translation.decode.SearchSettings;
import io.seqpipe.translation.metrics.Bleu;
import io.seqpipe.translation.metrics.BleuStatistics;
import io.seqpipe.translation.metrics.Chrf;
import io.seqpipe.translation.metrics.ChrfStatistics;
import io.seqpipe.translation.metrics.LengthBuckets;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What evaluate and score compute on one executor, without Spark: translations of a batch (the search behind
 * {@link TranslatorAdapter}), and the mergeable metric statistics of test pairs.
 */
public final class TranslationScoring {
    /** BLEU as the Multi30k anchors compute it: HF evaluate "bleu" on the task's (lower-cased) tokens. */
    static final Bleu BLEU = Bleu.huggingFace();
    /** sacreBLEU's corpus BLEU (13a, exp smoothing) on the same tokens joined by spaces. */
    static final Bleu SACREBLEU = Bleu.sacreBleu();
    static final Chrf CHRF = Chrf.chrf2();

    private TranslationScoring() {
    }

    /** A decoded sentence: its output token ids (no {@code </s>}), their log-probability and whether it ended. */
    public record Translation(int[] ids, double logProb, boolean finished, List<float[]> attention) {
    }

    /** Translates a batch of encoded sources (beam or greedy search; attention weights when asked for). */
    public static List<Translation> translate(ComputationGraph graph, List<int[]> sources, SearchSettings settings,
                                              boolean attention) {
        GraphDecoder decoder = GraphDecoder.encode(graph, sources, attention);
        List<Hypothesis> best = settings.beamSize() == 1
                ? BeamSearch.greedy(decoder, decoder.initialStates(), settings)
                : BeamSearch.best(decoder, decoder.initialStates(), settings);
        List<List<float[]>> weights = null;
        if (attention) {
            List<int[]> outputs = new ArrayList<>(best.size());
            best.forEach(h -> outputs.add(h.tokens()));
            weights = decoder.attention(outputs);
        }
        List<Translation> out = new ArrayList<>(best.size());
        for (int i = 0; i < best.size(); i++) {
            Hypothesis h = best.get(i);
            out.add(new Translation(h.tokens(), h.logProb(), h.finished(), weights == null ? null : weights.get(i)));
        }
        return out;
    }

    /** Source and reference of one test pair, and its encoding (for perplexity). */
    public record TestPair(long line, String source, String reference, List<String> referenceTokens,
                           EncodedPair encoded) implements Serializable {
    }

    /** One translated test pair, for the examples listed in metrics.json. */
    public record Example(long line, String source, String reference, String hypothesis) implements Serializable {
    }

    /**
     * Mergeable metric statistics of a set of test pairs: summed over partitions they give exactly the corpus scores
     * a single machine computes over all pairs.
     */
    public record Partial(BleuStatistics bleu, BleuStatistics sacreBleu, ChrfStatistics chrf, double nll,
                          long targetTokens, long sentences, long unfinished, List<Example> examples,
                          Map<Integer, BleuStatistics> bleuByLength) implements Serializable {
        /** @param bleuByLength {@link #BLEU}'s statistics per reference-length bucket ({@link LengthBuckets}) */
        public Partial {
            bleuByLength = new TreeMap<>(bleuByLength);
        }

        static Partial empty() {
            return new Partial(BLEU.newStatistics(), SACREBLEU.newStatistics(), CHRF.newStatistics(), 0, 0, 0, 0,
                    List.of(), Map.of());
        }

        /** The statistics of one translated test pair. */
        static Partial of(TestPair pair, TranslatorAdapter.Output output, PairEncoder encoder) {
            Translation t = output.translation();
            List<String> hyp = encoder.targetTokens(t.ids());
            String hypText = String.join(" ", hyp);
            String refText = String.join(" ", pair.referenceTokens());
            BleuStatistics bleu = BLEU.newStatistics();
            BleuStatistics sacre = SACREBLEU.newStatistics();
            ChrfStatistics chrf = CHRF.newStatistics();
            BLEU.addTokens(bleu, hyp, List.of(pair.referenceTokens()));
            BleuStatistics bucket = BLEU.newStatistics();
            BLEU.addTokens(bucket, hyp, List.of(pair.referenceTokens()));
            SACREBLEU.add(sacre, hypText, List.of(refText));
            CHRF.add(chrf, hypText, List.of(refText));
            return new Partial(bleu, sacre, chrf, output.negativeLogLikelihood(),
                    pair.encoded().decoderOutput().length, 1, t.finished() ? 0 : 1,
                    List.of(new Example(pair.line(), pair.source(), pair.reference(), hypText)),
                    Map.of(LengthBuckets.of(pair.referenceTokens().size()), bucket));
        }

        Partial merge(Partial o, int maxExamples) {
            // the examples of the lowest line numbers, whatever the partitioning
            List<Example> ex = new ArrayList<>(examples);
            ex.addAll(o.examples);
            ex.sort(java.util.Comparator.comparingLong(Example::line));
            ex = List.copyOf(ex.subList(0, Math.min(ex.size(), maxExamples)));
            Map<Integer, BleuStatistics> byLength = new TreeMap<>(bleuByLength);
            o.bleuByLength.forEach((b, stats) -> byLength.merge(b, stats, BleuStatistics::merge));
            return new Partial(bleu.merge(o.bleu), sacreBleu.merge(o.sacreBleu), chrf.merge(o.chrf), nll + o.nll,
                    targetTokens + o.targetTokens, sentences + o.sentences, unfinished + o.unfinished, ex, byLength);
        }
    }

    /** Translates and scores {@code pairs} on one machine (what evaluate sums over partitions). */
    public static Partial evaluate(ComputationGraph graph, PairEncoder encoder, List<TestPair> pairs,
                                   SearchSettings settings, int maxExamples) {
        List<EncodedPair> encoded = new ArrayList<>(pairs.size());
        pairs.forEach(p -> encoded.add(p.encoded()));
        List<TranslatorAdapter.Output> outputs = TranslatorAdapter.decodingAndLikelihood(settings,
                encoder.targetVocabulary().size()).predict(graph, encoded);
        Partial total = Partial.empty();
        for (int i = 0; i < pairs.size(); i++) {
            total = total.merge(Partial.of(pairs.get(i), outputs.get(i), encoder), maxExamples);
        }
        return total;
    }
}
