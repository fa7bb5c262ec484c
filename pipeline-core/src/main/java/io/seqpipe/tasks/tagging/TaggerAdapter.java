package io.seqpipe.tasks.tagging;

import io.seqpipe.inference.InferenceAdapter;
import io.seqpipe.inference.NetworkInputs;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.crf.CrfOutputLayer;
import io.seqpipe.model.crf.LinearChainCrf;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * The tagger's inference boundary: encoded sentences → feature channels and mask ({@link TaggingBatches#inputs}),
 * and the character ids as a second input ({@link TaggingBatches#chars}) when the examples carry them; per-step tag
 * probabilities → the most likely tag index at each real step, or for a CRF output layer per-step emissions → the
 * Viterbi path. Shared by evaluate, score and the per-epoch validator.
 */
public final class TaggerAdapter implements InferenceAdapter<TaggedExample, int[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public NetworkInputs inputs(List<TaggedExample> batch) {
        TaggingBatches.Inputs in = TaggingBatches.inputs(batch);
        if (batch.get(0).chars() != null) {
            return new NetworkInputs(new INDArray[]{in.features(), TaggingBatches.chars(batch)},
                    new INDArray[]{in.mask(), in.mask()}, null);
        }
        return NetworkInputs.masked(in.features(), in.mask());
    }

    /**
     * The predictions of a batch: with a CRF output layer ({@code model.output = crf}) the Viterbi path of each
     * sentence under the layer's transition scores and constraints, else {@link #predictions}.
     */
    @Override
    public List<int[]> predict(ComputationGraph network, List<TaggedExample> batch) {
        INDArray[] outputs = inputs(batch).outputsOf(network);
        if (network.getLayer(NetworkFactory.OUTPUT) instanceof CrfOutputLayer crfLayer) {
            return viterbi(batch, outputs[0], crfLayer.crf());
        }
        return predictions(batch, outputs);
    }

    /** The best tag path of each sentence for the emissions {@code [batch, tags, T]}. */
    static List<int[]> viterbi(List<TaggedExample> batch, INDArray emissions, LinearChainCrf crf) {
        List<int[]> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            double[][] em = emissions.slice(i).transpose().toDoubleMatrix(); // [T, tags]
            out.add(crf.viterbi(em, batch.get(i).length()));
        }
        return out;
    }

    /** The most likely tag at each real step of the per-step tag probabilities {@code outputs[0]}. */
    @Override
    public List<int[]> predictions(List<TaggedExample> batch, INDArray[] outputs) {
        INDArray best = Nd4j.argMax(outputs[0], 1); // [batch, T]
        List<int[]> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            int len = batch.get(i).length();
            int[] tags = new int[len];
            for (int t = 0; t < len; t++) {
                tags[t] = best.getInt(i, t);
            }
            out.add(tags);
        }
        return out;
    }
}
