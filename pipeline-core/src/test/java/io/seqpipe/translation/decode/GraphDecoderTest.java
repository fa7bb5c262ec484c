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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

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
    void beamOfOneEqualsGreedyOnTheGraphDecoder() {
        ComputationGraph g = graph(ModelSpec.Cell.LSTM, 2, LuongAttention.Score.GENERAL);
        List<int[]> sources = new ArrayList<>();
        pairs(7, 23).forEach(p -> sources.add(p.source()));
        SearchSettings one = SearchSettings.of(1, 9, 0.0);
        GraphDecoder a = GraphDecoder.encode(g, sources, false);
        List<Hypothesis> greedy = BeamSearch.greedy(a, a.initialStates(), one);
        GraphDecoder b = GraphDecoder.encode(g, sources, false);
        List<Hypothesis> beam = BeamSearch.best(b, b.initialStates(), one);
        for (int i = 0; i < sources.size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(greedy.get(i).tokens(), beam.get(i).tokens());
            assertEquals(greedy.get(i).logProb(), beam.get(i).logProb(), 1e-9);
        }
        // a wider beam never finds a less probable output under raw log-probability ranking
        GraphDecoder c = GraphDecoder.encode(g, sources, false);
        List<Hypothesis> wide = BeamSearch.best(c, c.initialStates(), SearchSettings.of(4, 9, 0.0));
        for (int i = 0; i < sources.size(); i++) {
            assertTrue(wide.get(i).score() >= greedy.get(i).score() - 1e-9, "sentence " + i);
        }
    }

    @org.junit.jupiter.api.Test
    void recordedAttentionRowsAreDistributionsOverRealSourceTokens() {
        ComputationGraph g = graph(ModelSpec.Cell.GRU, 1, LuongAttention.Score.DOT);
        List<int[]> sources = List.of(new int[]{5, 6, 7}, new int[]{8, 9, 10, 11, 12, 13});
        GraphDecoder d = GraphDecoder.encode(g, sources, true);
        List<List<float[]>> att = d.attention(List.of(new int[]{4, 5}, new int[]{6}));
        assertEquals(3, att.get(0).size());
        assertEquals(2, att.get(1).size());
        for (int s = 0; s < 2; s++) {
            for (float[] row : att.get(s)) {
                assertEquals(sources.get(s).length, row.length);
                double sum = 0;
                for (float w : row) {
                    assertTrue(w >= 0);
                    sum += w;
                }
                assertEquals(1.0, sum, 1e-5);
            }
        }
    }

    /**
     * Finite differences over every parameter of the task's own encoder-decoder (summary fed at every decoder step,
     * general attention, sparse cross-entropy), with padding on both sides, in double precision.
     */
    @Tag("slow")
    @ParameterizedTest
    @EnumSource(ModelSpec.Cell.class)
    void gradientsOfTheWholeEncoderDecoderMatchFiniteDifferences(ModelSpec.Cell cell) {
        org.nd4j.linalg.api.buffer.DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(org.nd4j.linalg.api.buffer.DataType.DOUBLE,
                org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        try {
            ModelSpec encoder = new ModelSpec(cell, 1, 3, true, 3, 0.0, ModelSpec.Pooling.MAX);
            DecoderSpec decoder = new DecoderSpec(1, 4, 3, LuongAttention.Score.GENERAL, 4);
            ComputationGraph g = new ComputationGraph(NetworkFactory.encoderDecoder(encoder, decoder,
                    new OptimizerSpec(OptimizerSpec.Updater.SGD, 1.0, 0, 0, 3), 9, 7));
            g.init();
            g = g.convertDataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
            Nd4j.getRandom().setSeed(5);
            g.params().assign(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, g.params().shape())
                    .subi(0.5).muli(1.6));
            List<EncodedPair> batch = List.of(
                    new EncodedPair(0, new int[]{4, 5, 6}, new int[]{2, 4, 5}, new int[]{4, 5, 3}),
                    new EncodedPair(1, new int[]{7, 8}, new int[]{2, 6}, new int[]{6, 3}));
            MultiDataSet m = TranslationBatch.assemble(batch, TranslationBatch.LabelFormat.INDICES, 7);
            INDArray[] features = new INDArray[2];
            INDArray[] masks = new INDArray[2];
            for (int i = 0; i < 2; i++) {
                features[i] = m.getFeatures(i).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
                masks[i] = m.getFeaturesMaskArray(i).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
            }
            assertTrue(org.deeplearning4j.gradientcheck.GradientCheckUtil.checkGradients(
                    new org.deeplearning4j.gradientcheck.GradientCheckUtil.GraphConfig().net(g).inputs(features)
                            .labels(new INDArray[]{m.getLabels(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)})
                            .inputMask(masks).labelMask(new INDArray[]{masks[1]})
                            .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                            .print(org.deeplearning4j.gradientcheck.GradientCheckUtil.PrintMode.FAILURES_ONLY)
                            .exitOnFirstError(false)), cell.toString());
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
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
