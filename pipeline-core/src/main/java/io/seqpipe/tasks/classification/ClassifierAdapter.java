package io.seqpipe.tasks.classification;

import io.seqpipe.inference.InferenceAdapter;
import io.seqpipe.inference.NetworkInputs;
import io.seqpipe.train.BatchAssembler;
import io.seqpipe.train.EncodedExample;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The classifier's inference boundary: encoded examples → token ids and mask ({@link BatchAssembler#features}), and
 * the character ids as a second input ({@link BatchAssembler#characterIds(List)}) when the examples carry them;
 * softmax output → each example's class probabilities. Shared by evaluate, score and the per-epoch validator.
 */
public final class ClassifierAdapter implements InferenceAdapter<EncodedExample, float[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public NetworkInputs inputs(List<EncodedExample> batch) {
        INDArray[] f = BatchAssembler.features(batch);
        if (batch.get(0).chars() != null) {
            return new NetworkInputs(new INDArray[]{f[0], BatchAssembler.characterIds(batch)},
                    new INDArray[]{f[1], f[1]}, null);
        }
        return NetworkInputs.masked(f[0], f[1]);
    }

    @Override
    public List<float[]> predictions(List<EncodedExample> batch, INDArray[] outputs) {
        return new ArrayList<>(List.of(outputs[0].toFloatMatrix()));
    }

    /**
     * How an ensemble's members' probabilities for one example become the ensemble's: their mean per class (still a
     * distribution). One member's are returned as they are.
     */
    public static float[] meanProbabilities(List<float[]> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no probabilities to combine");
        }
        if (members.size() == 1) {
            return members.get(0);
        }
        int k = members.get(0).length;
        double[] sum = new double[k];
        for (int m = 0; m < members.size(); m++) {
            float[] p = members.get(m);
            if (p.length != k) {
                throw new IllegalArgumentException("member " + m + " gives " + p.length + " probabilities, member 0 "
                        + k);
            }
            for (int c = 0; c < k; c++) {
                sum[c] += p[c];
            }
        }
        float[] mean = new float[k];
        for (int c = 0; c < k; c++) {
            mean[c] = (float) (sum[c] / members.size());
        }
        return mean;
    }

    /** The most probable class (the first one on ties). */
    public static int predictedClass(float[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }
}
