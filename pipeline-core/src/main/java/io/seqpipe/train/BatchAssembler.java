package io.seqpipe.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Turns encoded examples into DL4J minibatches: features {@code [batch, 1, T]} (token ids as floats), features mask
 * {@code [batch, T]} and one-hot labels {@code [batch, classes]}. Every sequence is left-aligned (its real steps
 * first, whatever padding side it was stored with) and the batch is only as long as its longest sequence, so a batch
 * of short sentences is not computed at the dataset's maximum length; the masks keep padding out of the outputs and
 * the loss. Pure.
 */
public final class BatchAssembler {
    private BatchAssembler() {
    }

    /** Features and mask of a batch: {@code [0]} = ids {@code [batch, 1, T]}, {@code [1]} = mask {@code [batch, T]}. */
    public static INDArray[] features(List<EncodedExample> batch) {
        int width = Math.max(1, maxRealLength(batch));
        float[][] ids = new float[batch.size()][width];
        float[][] mask = new float[batch.size()][width];
        for (int i = 0; i < batch.size(); i++) {
            EncodedExample e = batch.get(i);
            int t = 0;
            for (int s = 0; s < e.mask().length; s++) {
                if (e.mask()[s] != 0) {
                    ids[i][t] = e.ids()[s];
                    mask[i][t] = 1f;
                    t++;
                }
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

    /** The minibatch format of a many-to-one classifier over {@code classes} classes. */
    public static MinibatchFormat<EncodedExample> classificationFormat(int classes) {
        return classificationFormat(classes, false);
    }

    /**
     * {@link #classificationFormat(int)} for a classifier with a character encoder when {@code chars}: the network
     * then has a second input, the examples' character ids ({@link #characterIds}), masked as the token ids.
     */
    public static MinibatchFormat<EncodedExample> classificationFormat(int classes, boolean chars) {
        return new MinibatchFormat<>() {
            @Override
            public boolean multiInput() {
                return chars;
            }

            @Override
            public MultiDataSet trainingMultiMinibatch(List<EncodedExample> examples, long seed) {
                return withCharacterIds(classification(examples, classes), characterIds(examples));
            }

            @Override
            public long row(EncodedExample example) {
                return example.row();
            }

            /** Real steps (the batch pads only to its longest real length), so length bucketing can group them. */
            @Override
            public int length(EncodedExample example) {
                return realLength(example);
            }

            @Override
            public DataSet minibatch(List<EncodedExample> examples) {
                return classification(examples, classes);
            }
        };
    }

    /** The character ids of a batch of examples, {@link #characterIds(List, int)} over their real steps. */
    public static INDArray characterIds(List<EncodedExample> batch) {
        return characterIds(batch.stream().map(EncodedExample::chars).toList(), Math.max(1, maxRealLength(batch)));
    }

    /**
     * The character ids of a batch, {@code [batch, L, T]} (ids as floats), for a character-level word encoder:
     * {@code words.get(i)[t]} are the ids of example i's t-th real step (steps left-aligned, as the features),
     * {@code L} is the batch's longest word in characters (already at most {@code model.chars.maxWordLength}), each
     * word's ids first, then 0 (padding), as are padded steps.
     *
     * @param width {@code T}, the batch's steps
     */
    public static INDArray characterIds(List<int[][]> words, int width) {
        int longest = 1;
        for (int[][] example : words) {
            if (example == null) {
                throw new IllegalArgumentException("an example of the batch has no character ids; was the data"
                        + " prepared with model.chars.encoder = none?");
            }
            for (int[] word : example) {
                longest = Math.max(longest, word.length);
            }
        }
        float[] ids = new float[words.size() * longest * width];
        for (int i = 0; i < words.size(); i++) {
            int[][] example = words.get(i);
            for (int t = 0; t < example.length; t++) {
                for (int l = 0; l < example[t].length; l++) {
                    ids[(i * longest + l) * width + t] = example[t][l];
                }
            }
        }
        return Nd4j.createFromArray(ids).reshape('c', words.size(), longest, width);
    }

    /**
     * A labelled minibatch's two inputs: its features and the batch's character ids, both masked by the features
     * mask.
     */
    public static MultiDataSet withCharacterIds(DataSet labelled, INDArray characterIds) {
        return new MultiDataSet(new INDArray[]{labelled.getFeatures(), characterIds},
                new INDArray[]{labelled.getLabels()},
                new INDArray[]{labelled.getFeaturesMaskArray(), labelled.getFeaturesMaskArray()},
                labelled.getLabelsMaskArray() == null ? null : new INDArray[]{labelled.getLabelsMaskArray()});
    }

    /** The largest number of real steps in the batch. */
    static int maxRealLength(List<EncodedExample> batch) {
        int max = 0;
        for (EncodedExample e : batch) {
            max = Math.max(max, realLength(e));
        }
        return max;
    }

    /** The number of real (unmasked) steps of an example. */
    static int realLength(EncodedExample e) {
        int n = 0;
        for (int m : e.mask()) {
            n += m != 0 ? 1 : 0;
        }
        return n;
    }
}
