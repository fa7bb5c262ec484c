package io.seqpipe.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Turns encoded examples into DL4J minibatches: features {@code [batch, 1, T]} (token ids as floats), features mask
 * {@code [batch, T]} and one-hot labels {@code [batch, classes]}. Each batch is trimmed to the span of steps that
 * are real in at least one of its sequences, so a batch of short sentences is not computed at the dataset's maximum
 * length; the masks keep padding out of the outputs and the loss either way. Pure.
 */
public final class BatchAssembler {
    private BatchAssembler() {
    }

    /** Features and mask of a batch: {@code [0]} = ids, {@code [1]} = mask. */
    public static INDArray[] features(List<EncodedExample> batch) {
        int[] span = realSpan(batch);
        int from = span[0];
        int width = span[1] - span[0];
        float[][] ids = new float[batch.size()][width];
        float[][] mask = new float[batch.size()][width];
        for (int i = 0; i < batch.size(); i++) {
            EncodedExample e = batch.get(i);
            for (int t = 0; t < width; t++) {
                ids[i][t] = e.ids()[from + t];
                mask[i][t] = e.mask()[from + t];
            }
        }
        // ids as [batch, 1, T]: dl4j-spark re-batches DataSets to batchSizePerWorker with DataSet.merge, which pads
        // time series of different lengths correctly only when they are 3-d
        INDArray features = Nd4j.createFromArray(ids).reshape('c', batch.size(), 1, width);
        return new INDArray[]{features, Nd4j.createFromArray(mask)};
    }

    /** A labelled minibatch for a many-to-one classifier. */
    public static DataSet classification(List<EncodedExample> batch, int classes) {
        INDArray[] f = features(batch);
        float[][] labels = new float[batch.size()][classes];
        for (int i = 0; i < batch.size(); i++) {
            labels[i][batch.get(i).label()] = 1f;
        }
        return new DataSet(f[0], Nd4j.createFromArray(labels), f[1], null);
    }

    /** {@code [first, end)}: the columns where at least one sequence has a real step (at least one column). */
    static int[] realSpan(List<EncodedExample> batch) {
        int length = batch.get(0).ids().length;
        int first = length;
        int last = -1;
        for (EncodedExample e : batch) {
            int[] m = e.mask();
            for (int t = 0; t < m.length; t++) {
                if (m[t] != 0) {
                    first = Math.min(first, t);
                    break;
                }
            }
            for (int t = m.length - 1; t >= 0; t--) {
                if (m[t] != 0) {
                    last = Math.max(last, t);
                    break;
                }
            }
        }
        if (last < 0) {
            return new int[]{0, 1};
        }
        return new int[]{first, last + 1};
    }
}
