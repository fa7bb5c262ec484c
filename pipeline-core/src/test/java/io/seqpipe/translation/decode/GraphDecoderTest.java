package io.seqpipe.translation.decode;

import io.seqpipe.model.DecoderSpec;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.model.attention.LuongAttention;
import io.seqpipe.translation.EncodedPair;
import io.seqpipe.translation.TranslationBatch;
import io.seqpipe.translation.TranslationVocabularies;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The step-by-step decoder computes exactly what the training graph computes: feeding the reference tokens one step
 * at a time gives the teacher-forced output distribution of the whole graph at every position, for every cell, with
 * padding on both sides in the batch. And a few fitted minibatches lower the loss (the graph trains).
 */
class GraphDecoderTest {
    static final int SOURCE_VOCAB = 17;
    static final int TARGET_VOCAB = 13;

    static List<EncodedPair> pairs(int n, long seed) {
        Random r = new Random(seed);
        List<EncodedPair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] src = new int[2 + r.nextInt(6)];
            for (int t = 0; t < src.length; t++) {
                src[t] = 4 + r.nextInt(SOURCE_VOCAB - 4);
            }
            int[] tgt = new int[1 + r.nextInt(5)];
            for (int t = 0; t < tgt.length; t++) {
                tgt[t] = 4 + r.nextInt(TARGET_VOCAB - 4);
            }
            int[] in = new int[tgt.length + 1];
            int[] outIds = new int[tgt.length + 1];
            in[0] = TranslationVocabularies.BOS_ID;
            System.arraycopy(tgt, 0, in, 1, tgt.length);
            System.arraycopy(tgt, 0, outIds, 0, tgt.length);
            outIds[tgt.length] = TranslationVocabularies.EOS_ID;
            out.add(new EncodedPair(i, src, in, outIds));
        }
        return out;
    }

    static ComputationGraph graph(ModelSpec.Cell cell, int decoderLayers, LuongAttention.Score score) {
        ModelSpec encoder = new ModelSpec(cell, 1, 6, true, 5, 0.0, ModelSpec.Pooling.MAX);
        DecoderSpec decoder = new DecoderSpec(decoderLayers, score == LuongAttention.Score.DOT ? 12 : 7, 4, score, 9);
        ComputationGraph g = new ComputationGraph(NetworkFactory.encoderDecoder(encoder, decoder,
                new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.01, 0, 0, 3), SOURCE_VOCAB, TARGET_VOCAB));
        g.init();
        return g;
    }

    @ParameterizedTest
    @EnumSource(ModelSpec.Cell.class)
    void stepwiseDecodingEqualsTheTeacherForcedGraph(ModelSpec.Cell cell) {
        for (LuongAttention.Score score : LuongAttention.Score.values()) {
            ComputationGraph g = graph(cell, score == LuongAttention.Score.DOT ? 1 : 2, score);
            List<EncodedPair> batch = pairs(6, 11);
            MultiDataSet mds = TranslationBatch.assemble(batch, TranslationBatch.LabelFormat.INDICES, TARGET_VOCAB);
            INDArray probs = g.output(false, mds.getFeatures(), mds.getFeaturesMaskArrays(),
                    mds.getLabelsMaskArrays())[0];

            List<int[]> sources = new ArrayList<>();
            batch.forEach(p -> sources.add(p.source()));
            GraphDecoder decoder = GraphDecoder.encode(g, sources, false);
            List<GraphDecoder.State> states = decoder.initialStates();
            int longest = batch.stream().mapToInt(p -> p.decoderInput().length).max().orElseThrow();
            for (int t = 0; t < longest; t++) {
                int[] tokens = new int[batch.size()];
                for (int i = 0; i < batch.size(); i++) {
                    int[] in = batch.get(i).decoderInput();
                    tokens[i] = t < in.length ? in[t] : TranslationVocabularies.EOS_ID;
                }
                List<DecoderModel.Step<GraphDecoder.State>> steps = decoder.step(states, tokens);
                for (int i = 0; i < batch.size(); i++) {
                    if (t < batch.get(i).decoderInput().length) {
                        for (int v = 0; v < TARGET_VOCAB; v++) {
                            assertEquals(Math.log(probs.getDouble(i, v, t)), steps.get(i).logProbs()[v], 1e-4,
                                    cell + "/" + score + " sentence " + i + " step " + t + " token " + v);
                        }
                    }
                }
                states = new ArrayList<>();
                for (DecoderModel.Step<GraphDecoder.State> s : steps) {
                    states.add(s.state());
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void probeMerge() throws Exception {
        ComputationGraph g = graph(ModelSpec.Cell.GRU, 1, LuongAttention.Score.GENERAL);
        List<org.nd4j.linalg.dataset.api.MultiDataSet> batches = new ArrayList<>();
        List<EncodedPair> all = pairs(39, 5);
        batches.add(TranslationBatch.assemble(all.subList(0, 16), TranslationBatch.LabelFormat.INDICES, TARGET_VOCAB));
        batches.add(TranslationBatch.assemble(all.subList(16, 23), TranslationBatch.LabelFormat.INDICES, TARGET_VOCAB));
        batches.add(TranslationBatch.assemble(all.subList(23, 39), TranslationBatch.LabelFormat.INDICES, TARGET_VOCAB));
        List<org.nd4j.linalg.dataset.api.MultiDataSet> copies = new ArrayList<>();
        for (var b : batches) {
            java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
            new java.io.ObjectOutputStream(bo).writeObject(b);
            copies.add((org.nd4j.linalg.dataset.api.MultiDataSet) new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(bo.toByteArray())).readObject());
        }
        var it = new org.deeplearning4j.datasets.iterator.IteratorMultiDataSetIterator(copies.iterator(), 16);
        while (it.hasNext()) {
            var m = it.next();
            for (INDArray a : m.getFeaturesMaskArrays()) System.out.println("fmask " + (a == null ? null : java.util.Arrays.toString(a.shape())));
            g.fit(m);
        }
    }

    @ParameterizedTest
    @EnumSource(ModelSpec.Cell.class)
    void fittingLowersTheLoss(ModelSpec.Cell cell) {
        ComputationGraph g = graph(cell, 1, LuongAttention.Score.GENERAL);
        MultiDataSet mds = TranslationBatch.assemble(pairs(8, 5), TranslationBatch.LabelFormat.INDICES, TARGET_VOCAB);
        double before = g.score(mds);
        for (int i = 0; i < 30; i++) {
            g.fit(mds);
        }
        double after = g.score(mds);
        assertTrue(after < 0.7 * before, cell + ": loss " + before + " -> " + after);
    }
}
