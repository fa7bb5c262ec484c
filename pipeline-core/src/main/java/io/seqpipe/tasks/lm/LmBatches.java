package io.seqpipe.tasks.lm;

import io.seqpipe.train.MinibatchFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Minibatches of a language model: features = unit ids {@code [batch, 1, T]} with a features mask {@code [batch, T]}
 * of the real steps; labels = one-hot targets {@code [batch, V, T]} with a labels mask {@code [batch, T]} of the
 * counted targets ({@link LmExample#firstCountedStep()} on), so with overlapping sequences each target position weighs
 * in the loss once. {@code T} is the batch's longest sequence; shorter ones are padded at the end (id 0, masked).
 * Length bucketing sorts by the number of real steps. Pure.
 */
public final class LmBatches implements MinibatchFormat<LmExample> {
    private static final long serialVersionUID = 1L;
    private final int vocabularySize;

    public LmBatches(int vocabularySize) {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("a language model needs a vocabulary, got size " + vocabularySize);
        }
        this.vocabularySize = vocabularySize;
    }

    @Override
    public long row(LmExample example) {
        return example.row();
    }

    @Override
    public int length(LmExample example) {
        return example.length();
    }

    @Override
    public DataSet minibatch(List<LmExample> examples) {
        INDArray[] f = features(examples);
        int width = (int) f[0].size(2);
        float[][][] labels = new float[examples.size()][vocabularySize][width];
        float[][] counted = new float[examples.size()][width];
        for (int i = 0; i < examples.size(); i++) {
            LmExample e = examples.get(i);
            for (int t = 0; t < e.length(); t++) {
                int target = e.targets()[t];
                if (target < 0 || target >= vocabularySize) {
                    throw new IllegalArgumentException("sequence " + e.row() + " has target id " + target + " at step "
                            + t + ", outside the vocabulary [0, " + vocabularySize + ")");
                }
                labels[i][target][t] = 1f;
                counted[i][t] = t >= e.firstCountedStep() ? 1f : 0f;
            }
        }
        return new DataSet(f[0], Nd4j.createFromArray(labels), f[1], Nd4j.createFromArray(counted));
    }

    /** {@code [0]} = ids {@code [batch, 1, T]}, {@code [1]} = mask of the real steps {@code [batch, T]}. */
    static INDArray[] features(List<LmExample> examples) {
        int width = 1;
        for (LmExample e : examples) {
            width = Math.max(width, e.length());
        }
        float[][][] ids = new float[examples.size()][1][width];
        float[][] mask = new float[examples.size()][width];
        for (int i = 0; i < examples.size(); i++) {
            LmExample e = examples.get(i);
            for (int t = 0; t < e.length(); t++) {
                ids[i][0][t] = e.inputs()[t];
                mask[i][t] = 1f;
            }
        }
        return new INDArray[]{Nd4j.createFromArray(ids), Nd4j.createFromArray(mask)};
    }
}
