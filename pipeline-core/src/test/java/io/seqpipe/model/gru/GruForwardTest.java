package io.seqpipe.model.gru;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.List;

import static io.seqpipe.model.rnn.RnnTestSupport.base;
import static io.seqpipe.model.gru.GruTestSupport.bidirectional;
import static io.seqpipe.model.gru.GruTestSupport.gru;
import static io.seqpipe.model.rnn.RnnTestSupport.labels;
import static io.seqpipe.model.rnn.RnnTestSupport.mask;
import static io.seqpipe.model.gru.GruTestSupport.referenceGru;
import static io.seqpipe.model.rnn.RnnTestSupport.sequence;
import static io.seqpipe.model.rnn.RnnTestSupport.softmaxOutput;
import static io.seqpipe.model.rnn.RnnTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/** The GRU's forward pass against a plain-Java reference, masking, stored state and the parameter layout. */
class GruForwardTest {
    private static final DataType D = DataType.DOUBLE;

    @BeforeEach
    void seed() {
        Nd4j.getRandom().setSeed(7);
    }

    /** GRU (nIn → nOut) then a per-step softmax, double precision, random parameters in [-1, 1). */
    private static MultiLayerNetwork gruNet(int nIn, int nOut) {
        MultiLayerConfiguration conf = base(D).list().layer(gru(nIn, nOut)).layer(softmaxOutput(nOut, 2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.params().assign(uniform(D, 1, net.params().shape()));
        return net;
    }

    private static INDArray gruOutput(MultiLayerNetwork net, INDArray features, INDArray mask) {
        List<INDArray> acts = net.feedForward(features, mask, null);
        return acts.get(1);
    }

    private static void assertMatchesReference(MultiLayerNetwork net, INDArray features, INDArray mask,
                                               INDArray actual) {
        double[][] w = net.getParam("0_W").toDoubleMatrix();
        double[][] u = net.getParam("0_RW").toDoubleMatrix();
        double[] b = net.getParam("0_b").toDoubleVector();
        for (int i = 0; i < features.size(0); i++) {
            double[] m = mask == null ? null : mask.getRow(i).toDoubleVector();
            double[][] expected = referenceGru(w, u, b, sequence(features, i), m, null);
            double[][] got = sequence(actual, i);
            for (int t = 0; t < expected.length; t++) {
                assertArrayEquals(expected[t], got[t], 1e-6, "example " + i + " step " + t);
            }
        }
    }

    @Test
    void parameterShapesAndCount() {
        MultiLayerNetwork net = gruNet(3, 5);
        assertArrayEquals(new long[]{3, 15}, net.getParam("0_W").shape());
        assertArrayEquals(new long[]{5, 15}, net.getParam("0_RW").shape());
        assertArrayEquals(new long[]{1, 15}, net.getParam("0_b").shape());
        assertEquals(3 * 15 + 5 * 15 + 15, net.getLayer(0).numParams());
        // the parameter tables are views of the network's flattened vector, in layout order
        INDArray flat = net.params();
        flat.assign(Nd4j.linspace(DataType.DOUBLE, 0, flat.length(), 1).reshape(flat.shape()));
        assertEquals(2 * 3 + 1, net.getParam("0_W").getDouble(1, 2), 0.0);
        assertEquals(45 + 14 * 5 + 4, net.getParam("0_RW").getDouble(4, 14), 0.0);
        assertEquals(45 + 75 + 7, net.getParam("0_b").getDouble(0, 7), 0.0);
    }

    @Test
    void defaultInitializationIsXavierWithZeroBias() {
        MultiLayerNetwork net = new MultiLayerNetwork(base(D).list().layer(gru(40, 50))
                .layer(softmaxOutput(50, 2)).build());
        net.init();
        assertEquals(0.0, net.getParam("0_b").amaxNumber().doubleValue(), 0.0);
        double std = net.getParam("0_W").stdNumber().doubleValue();
        assertEquals(Math.sqrt(2.0 / (40 + 50)), std, 0.02, "W: Xavier per gate, fanIn = nIn, fanOut = nOut");
        assertEquals(Math.sqrt(2.0 / (50 + 50)), net.getParam("0_RW").stdNumber().doubleValue(), 0.02);
    }

    @Test
    void forwardMatchesPlainJavaReference() {
        MultiLayerNetwork net = gruNet(3, 4);
        INDArray features = uniform(D, 1, 2, 3, 7);
        assertMatchesReference(net, features, null, gruOutput(net, features, null));
    }

    @Test
    void maskedForwardMatchesPlainJavaReference() {
        MultiLayerNetwork net = gruNet(3, 4);
        INDArray features = uniform(D, 1, 3, 3, 6);
        INDArray mask = mask(D, 6, 6, 2, 4);
        assertMatchesReference(net, features, mask, gruOutput(net, features, mask));
    }

    /** A mask with a gap inside a row (not real steps then padding) takes the per-step masking path. */
    @Test
    void maskWithInteriorGapsMatchesPlainJavaReference() {
        MultiLayerNetwork net = gruNet(3, 4);
        INDArray features = uniform(D, 1, 3, 3, 6);
        INDArray mask = mask(D, 6, 6, 4, 5);
        mask.putScalar(1, 1, 0.0);
        mask.putScalar(2, 0, 0.0);
        assertMatchesReference(net, features, mask, gruOutput(net, features, mask));
    }

    /** The stored state after a masked chunk is each row's state after its own last real step. */
    @Test
    void storedStateOfMaskedRowsIsTheStateAfterEachRowsLastRealStep() {
        MultiLayerNetwork net = gruNet(3, 4);
        GruLayer gru = (GruLayer) net.getLayer(0);
        INDArray features = uniform(D, 1, 3, 3, 6);
        INDArray mask = mask(D, 6, 6, 2, 0);
        gru.setMaskArray(mask);
        gru.rnnTimeStep(features, LayerWorkspaceMgr.noWorkspaces());
        INDArray state = gru.rnnGetPreviousState().get(GruLayer.STATE_KEY_PREV_ACTIVATION);
        double[][] w = net.getParam("0_W").toDoubleMatrix();
        double[][] u = net.getParam("0_RW").toDoubleMatrix();
        double[] b = net.getParam("0_b").toDoubleVector();
        int[] lengths = {6, 2, 0};
        for (int i = 0; i < 3; i++) {
            double[][] outs = referenceGru(w, u, b, sequence(features, i), mask.getRow(i).toDoubleVector(), null);
            double[] expected = lengths[i] == 0 ? new double[4] : outs[lengths[i] - 1];
            assertArrayEquals(expected, state.getRow(i).toDoubleVector(), 1e-10, "row " + i);
        }
    }

    @Test
    void maskedStepsOutputZeroAndPaddingDoesNotChangeAnExample() {
        MultiLayerNetwork net = gruNet(3, 4);
        INDArray batch = uniform(D, 1, 3, 3, 8);
        INDArray mask = mask(D, 8, 3, 8, 5);
        INDArray out = gruOutput(net, batch, mask);
        for (int t = 3; t < 8; t++) {
            assertEquals(0.0, out.get(point(0), all(), point(t)).amaxNumber().doubleValue(), 0.0, "step " + t);
        }
        for (int t = 5; t < 8; t++) {
            assertEquals(0.0, out.get(point(2), all(), point(t)).amaxNumber().doubleValue(), 0.0, "step " + t);
        }
        // example 0 alone, unpadded and unmasked
        INDArray alone = batch.get(interval(0, 1), all(), interval(0, 3)).dup();
        INDArray aloneOut = gruOutput(net, alone, null);
        assertTrue(aloneOut.equalsWithEps(out.get(interval(0, 1), all(), interval(0, 3)), 1e-12));
        // example 2 alone, padded with its own garbage
        INDArray third = gruOutput(net, batch.get(interval(2, 3), all(), all()).dup(), null);
        assertTrue(third.get(all(), all(), interval(0, 5)).equalsWithEps(
                out.get(interval(2, 3), all(), interval(0, 5)), 1e-12));
    }

    @Test
    void valuesAtMaskedStepsChangeNeitherScoreNorGradients() {
        MultiLayerNetwork net = gruNet(3, 4);
        INDArray features = uniform(D, 1, 3, 3, 6);
        INDArray mask = mask(D, 6, 6, 2, 4);
        INDArray labels = labels(D, 3, 2, 6, 9);
        INDArray garbled = features.dup();
        garbled.get(point(1), all(), interval(2, 6)).assign(uniform(D, 5, 3, 4));
        garbled.get(point(2), all(), interval(4, 6)).assign(uniform(D, 5, 3, 2));

        net.setLayerMaskArrays(mask, mask);
        net.setInput(features);
        net.setLabels(labels);
        net.computeGradientAndScore();
        double score = net.score();
        INDArray gradient = net.gradient().gradient().dup();

        net.setInput(garbled);
        net.computeGradientAndScore();
        assertEquals(score, net.score(), 1e-12);
        assertTrue(gradient.equalsWithEps(net.gradient().gradient(), 1e-12));
        assertTrue(gradient.norm2Number().doubleValue() > 0, "some gradient at all");
    }

    @Test
    void maskedBidirectionalGraphScoresAnExampleAsIfAlone() {
        ComputationGraph net = new ComputationGraph(bidirectional(D, 3, 4, 2));
        net.init();
        net.params().assign(uniform(D, 1, net.params().shape()));
        INDArray batch = uniform(D, 1, 3, 3, 7);
        INDArray mask = mask(D, 7, 4, 7, 2);
        INDArray together = net.output(false, new INDArray[]{batch}, new INDArray[]{mask})[0];
        INDArray alone = net.output(false, new INDArray[]{batch.get(interval(0, 1), all(), interval(0, 4)).dup()},
                null)[0];
        assertTrue(alone.equalsWithEps(together.get(interval(0, 1), all(), interval(0, 4)), 1e-10));
    }

    @Test
    void rnnTimeStepMatchesTheFullSequence() {
        MultiLayerConfiguration conf = base(D).list().layer(gru(3, 4)).layer(gru(4, 5)).layer(softmaxOutput(5, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.params().assign(uniform(D, 1, net.params().shape()));
        INDArray features = uniform(D, 1, 2, 3, 6);
        INDArray full = net.output(features);

        net.rnnClearPreviousState();
        for (int t = 0; t < 6; t++) {
            INDArray step = net.rnnTimeStep(features.get(all(), all(), interval(t, t + 1)).dup());
            assertTrue(full.get(all(), all(), interval(t, t + 1)).equalsWithEps(step, 1e-10), "step " + t);
        }
        // chunks of several steps continue the same way
        net.rnnClearPreviousState();
        INDArray first = net.rnnTimeStep(features.get(all(), all(), interval(0, 2)).dup());
        INDArray rest = net.rnnTimeStep(features.get(all(), all(), interval(2, 6)).dup());
        assertTrue(full.get(all(), all(), interval(0, 2)).equalsWithEps(first, 1e-10));
        assertTrue(full.get(all(), all(), interval(2, 6)).equalsWithEps(rest, 1e-10));
        // the stored state is the last hidden state
        INDArray lastHidden = net.feedForward(features, false).get(2).get(all(), all(), point(5));
        assertTrue(lastHidden.equalsWithEps(net.rnnGetPreviousState(1).get(GruLayer.STATE_KEY_PREV_ACTIVATION),
                1e-10));
    }

    @Test
    void storedStateForTruncatedBpttContinuesTheSequence() {
        MultiLayerNetwork net = gruNet(3, 4);
        Layer layer = net.getLayer(0);
        GruLayer gru = (GruLayer) layer;
        INDArray features = uniform(D, 1, 2, 3, 6);
        INDArray full = layer.activate(features, false, LayerWorkspaceMgr.noWorkspaces());
        gru.rnnClearPreviousState();
        INDArray a = gru.rnnActivateUsingStoredState(features.get(all(), all(), interval(0, 4)).dup(), false, true,
                LayerWorkspaceMgr.noWorkspaces());
        INDArray b = gru.rnnActivateUsingStoredState(features.get(all(), all(), interval(4, 6)).dup(), false, true,
                LayerWorkspaceMgr.noWorkspaces());
        assertTrue(full.get(all(), all(), interval(0, 4)).equalsWithEps(a, 1e-10));
        assertTrue(full.get(all(), all(), interval(4, 6)).equalsWithEps(b, 1e-10));
    }

    @Test
    void truncatedBpttOverTheWholeSequenceEqualsStandardBackprop() {
        MultiLayerConfiguration conf = base(D).updater(new Sgd(0.5)).list().layer(gru(3, 4))
                .layer(softmaxOutput(4, 2)).build();
        MultiLayerNetwork standard = new MultiLayerNetwork(conf);
        standard.init();
        standard.params().assign(uniform(D, 1, standard.params().shape()));
        MultiLayerConfiguration tbpttConf = base(D).updater(new Sgd(0.5)).list().layer(gru(3, 4))
                .layer(softmaxOutput(4, 2)).backpropType(BackpropType.TruncatedBPTT).tBPTTLength(6).build();
        MultiLayerNetwork tbptt = new MultiLayerNetwork(tbpttConf);
        tbptt.init(standard.params().dup(), false);
        INDArray before = standard.params().dup();
        DataSet data = new DataSet(uniform(D, 1, 2, 3, 6), labels(D, 2, 2, 6, 3));

        standard.fit(data);
        tbptt.fit(data);
        assertTrue(before.sub(standard.params()).norm2Number().doubleValue() > 1e-3, "one SGD step moved");
        assertTrue(standard.params().equalsWithEps(tbptt.params(), 1e-10));
    }

    @Test
    void nwcDataFormatIsTheTransposedNcw() {
        MultiLayerNetwork ncw = gruNet(3, 4);
        Gru nwcConf = new Gru.Builder().nIn(3).nOut(4).dataFormat(RNNFormat.NWC).build();
        MultiLayerNetwork nwc = new MultiLayerNetwork(base(D).list().layer(nwcConf)
                .layer(new RnnOutputLayer.Builder().nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NWC)
                        .build()).build());
        nwc.init(ncw.params().dup(), false);
        INDArray features = uniform(D, 1, 2, 3, 5);
        INDArray expected = ncw.getLayer(0).activate(features, false, LayerWorkspaceMgr.noWorkspaces());
        INDArray actual = nwc.getLayer(0).activate(features.permute(0, 2, 1).dup(), false,
                LayerWorkspaceMgr.noWorkspaces());
        assertTrue(expected.permute(0, 2, 1).equalsWithEps(actual, 1e-12));
    }
}
