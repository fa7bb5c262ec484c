package io.seqpipe.tasks.tagging;

import io.seqpipe.train.MinibatchFormat;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Minibatches of a per-token tagger: features {@code [batch, channels, T]} (ids as floats), features mask
 * {@code [batch, T]}, one-hot labels {@code [batch, tags, T]} and a labels mask that is the features mask less the
 * tokens whose tag is unknown. {@code T} is the batch's longest sentence, every sentence starts at step 0. Pure.
 */
public final class TaggingBatches {
    private TaggingBatches() {
    }

    /**
     * The trainer's minibatch format for {@code tagCount} tags.
     *
     * @param wordDropout probability that a training token's word id (channel 0) becomes {@code <unk>}; its other
     *                    channels stay, so the model learns to tag words it has never seen from casing and affixes
     */
    public static MinibatchFormat<TaggedExample> format(int tagCount, double wordDropout) {
        return format(tagCount, wordDropout, false);
    }

    /**
     * {@link #format(int, double)} for a tagger with a character encoder when {@code chars}: the network then has a
     * second input, the examples' character ids ({@link #chars}), and the trainer fits multi-input minibatches.
     */
    public static MinibatchFormat<TaggedExample> format(int tagCount, double wordDropout, boolean chars) {
        return new MinibatchFormat<>() {
            @Override
            public boolean multiInput() {
                return chars;
            }

            @Override
            public org.nd4j.linalg.dataset.api.MultiDataSet trainingMultiMinibatch(List<TaggedExample> examples,
                                                                                  long seed) {
                return withChars(trainingMinibatch(examples, seed), examples);
            }

            @Override
            public DataSet trainingMinibatch(List<TaggedExample> examples, long seed) {
                if (wordDropout <= 0) {
                    return labelled(examples, tagCount);
                }
                java.util.Random random = new java.util.Random(seed);
                List<TaggedExample> dropped = new java.util.ArrayList<>(examples.size());
                for (TaggedExample e : examples) {
                    int[][] features = e.features().clone();
                    int[] words = features[0].clone();
                    for (int t = 0; t < words.length; t++) {
                        if (random.nextDouble() < wordDropout) {
                            words[t] = io.seqpipe.text.Vocabulary.UNK_ID;
                        }
                    }
                    features[0] = words;
                    dropped.add(new TaggedExample(e.row(), features, e.tags(), e.chars()));
                }
                return labelled(dropped, tagCount);
            }

            @Override
            public long row(TaggedExample example) {
                return example.row();
            }

            @Override
            public int length(TaggedExample example) {
                return example.length();
            }

            @Override
            public DataSet minibatch(List<TaggedExample> examples) {
                return labelled(examples, tagCount);
            }
        };
    }

    /** A labelled minibatch. */
    public static DataSet labelled(List<TaggedExample> batch, int tagCount) {
        int width = width(batch);
        float[][] labels = new float[batch.size()][tagCount * width];
        float[][] labelsMask = new float[batch.size()][width];
        for (int i = 0; i < batch.size(); i++) {
            int[] tags = batch.get(i).tags();
            for (int t = 0; t < tags.length; t++) {
                if (tags[t] >= 0) {
                    if (tags[t] >= tagCount) {
                        throw new IllegalArgumentException("tag index " + tags[t] + " >= tag count " + tagCount);
                    }
                    labels[i][tags[t] * width + t] = 1f;
                    labelsMask[i][t] = 1f;
                }
            }
        }
        Inputs in = inputs(batch);
        return new DataSet(in.features(), Nd4j.createFromArray(labels).reshape('c', batch.size(), tagCount, width),
                in.mask(), Nd4j.createFromArray(labelsMask));
    }

    /** Features {@code [batch, channels, T]} and mask {@code [batch, T]} of a batch, for inference. */
    public static Inputs inputs(List<TaggedExample> batch) {
        int width = width(batch);
        int channels = batch.get(0).features().length;
        float[][] features = new float[batch.size()][channels * width];
        float[][] mask = new float[batch.size()][width];
        for (int i = 0; i < batch.size(); i++) {
            TaggedExample e = batch.get(i);
            if (e.features().length != channels) {
                throw new IllegalArgumentException("examples of one batch need the same channels: " + channels
                        + " and " + e.features().length);
            }
            for (int c = 0; c < channels; c++) {
                int[] ids = e.features()[c];
                for (int t = 0; t < ids.length; t++) {
                    features[i][c * width + t] = ids[t];
                }
            }
            for (int t = 0; t < e.length(); t++) {
                mask[i][t] = 1f;
            }
        }
        return new Inputs(Nd4j.createFromArray(features).reshape('c', batch.size(), channels, width),
                Nd4j.createFromArray(mask));
    }

    /**
     * A labelled minibatch's two inputs: its features and the batch's character ids ({@link #chars}), both masked by
     * the features mask.
     */
    public static org.nd4j.linalg.dataset.MultiDataSet withChars(DataSet labelled, List<TaggedExample> batch) {
        return io.seqpipe.train.BatchAssembler.withCharacterIds(labelled, chars(batch));
    }

    /**
     * The character ids of a batch, {@code [batch, L, T]} ({@link io.seqpipe.train.BatchAssembler#characterIds(List,
     * int)}; {@code T} the batch's longest sentence).
     */
    public static org.nd4j.linalg.api.ndarray.INDArray chars(List<TaggedExample> batch) {
        return io.seqpipe.train.BatchAssembler.characterIds(batch.stream().map(TaggedExample::chars).toList(),
                width(batch));
    }

    /** A batch's network inputs. */
    public record Inputs(org.nd4j.linalg.api.ndarray.INDArray features, org.nd4j.linalg.api.ndarray.INDArray mask) {
    }

    private static int width(List<TaggedExample> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        return Math.max(1, batch.stream().mapToInt(TaggedExample::length).max().orElse(1));
    }
}
