package io.seqpipe.tasks.translation;

import io.seqpipe.inference.Batching;
import io.seqpipe.inference.InferenceAdapter;
import io.seqpipe.inference.NetworkInputs;
import io.seqpipe.translation.EncodedPair;
import io.seqpipe.translation.TranslationBatch;
import io.seqpipe.translation.decode.SearchSettings;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.List;

/**
 * The translator's inference boundary, over encoded pairs in length-sorted batches: a translation by beam or greedy
 * search (step by step, {@link TranslationScoring#translate}) and/or the teacher-forced negative log-likelihood of the
 * pair's reference (one forward pass: {@link TranslationBatch} inputs and masks → per-step softmax). Score decodes,
 * the per-epoch validator computes the likelihood, evaluate both; for decoding alone a pair's target may be empty.
 */
final class TranslatorAdapter implements InferenceAdapter<EncodedPair, TranslatorAdapter.Output> {
    private static final long serialVersionUID = 1L;
    private final SearchSettings search;
    private final boolean attention;
    private final int targetVocabulary;

    /**
     * What was computed for one pair.
     *
     * @param translation            the decoded output, or null when not decoding
     * @param negativeLogLikelihood  of the reference's decoder outputs (nats), or NaN when not computed
     */
    record Output(TranslationScoring.Translation translation, double negativeLogLikelihood) {
    }

    private TranslatorAdapter(SearchSettings search, boolean attention, int targetVocabulary) {
        this.search = search;
        this.attention = attention;
        this.targetVocabulary = targetVocabulary;
    }

    /** Translations only (score), with attention weights when asked for. */
    static TranslatorAdapter decoding(SearchSettings search, boolean attention) {
        return new TranslatorAdapter(search, attention, 0);
    }

    /** The reference's likelihood only (validation perplexity). */
    static TranslatorAdapter likelihood(int targetVocabulary) {
        return new TranslatorAdapter(null, false, targetVocabulary);
    }

    /** Translations and the reference's likelihood (evaluate). */
    static TranslatorAdapter decodingAndLikelihood(SearchSettings search, int targetVocabulary) {
        return new TranslatorAdapter(search, false, targetVocabulary);
    }

    /** The teacher-forced minibatch: source and {@code <s>} + target, their masks, and the labels mask. */
    @Override
    public NetworkInputs inputs(List<EncodedPair> batch) {
        MultiDataSet mds = TranslationBatch.assemble(batch, TranslationBatch.LabelFormat.INDICES, targetVocabulary);
        return new NetworkInputs(mds.getFeatures(), mds.getFeaturesMaskArrays(), mds.getLabelsMaskArrays());
    }

    /** The negative log-likelihood of each pair's decoder outputs under the softmax {@code [batch, V, T]}. */
    @Override
    public List<Output> predictions(List<EncodedPair> batch, INDArray[] outputs) {
        INDArray probs = outputs[0];
        List<Output> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            int[] expected = batch.get(i).decoderOutput();
            double nll = 0;
            for (int t = 0; t < expected.length; t++) {
                nll -= Math.log(Math.max(probs.getDouble(i, expected[t], t), Double.MIN_NORMAL));
            }
            out.add(new Output(null, nll));
        }
        return out;
    }

    @Override
    public List<Output> predict(ComputationGraph network, List<EncodedPair> batch) {
        List<Output> likelihoods = targetVocabulary > 0 ? InferenceAdapter.super.predict(network, batch) : null;
        if (search == null) {
            return likelihoods;
        }
        List<int[]> sources = new ArrayList<>(batch.size());
        batch.forEach(p -> sources.add(p.source()));
        List<TranslationScoring.Translation> translations = TranslationScoring.translate(network, sources, search,
                attention);
        List<Output> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(new Output(translations.get(i), likelihoods == null ? Double.NaN
                    : likelihoods.get(i).negativeLogLikelihood()));
        }
        return out;
    }

    /** Batches of similar source lengths, so that a batch pads and searches to similar lengths. */
    @Override
    public Batching<EncodedPair> batching(int batchSize) {
        return Batching.lengthSorted(batchSize, p -> p.source().length);
    }
}
