package io.seqpipe.model.lstm;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.seqpipe.model.rnn.RnnTestSupport.base;
import static io.seqpipe.model.rnn.RnnTestSupport.labels;
import static io.seqpipe.model.rnn.RnnTestSupport.mask;
import static io.seqpipe.model.rnn.RnnTestSupport.softmaxOutput;
import static io.seqpipe.model.rnn.RnnTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * SeqPipe's LSTM against DL4J's own {@code LSTM} as the independent reference, in double precision: the same
 * parameters (DL4J's gate blocks are candidate, forget, output, input; SeqPipe's output, input, forget, candidate)
 * must give the same outputs, loss, parameter gradients and input gradient, with and without masks (real steps
 * first, where the two layers' masking conventions agree).
 */
class LstmEquivalenceTest {
    private static final DataType D = DataType.DOUBLE;
    private static final int N_IN = 3;
    private static final int H = 4;
    private static final int CLASSES = 3;
    /** SeqPipe block {@code k} (o, i, f, g) is DL4J block {@code DL4J_BLOCK[k]} (DL4J order g, f, o, i). */
    private static final int[] DL4J_BLOCK = {2, 3, 1, 0};

    private static MultiLayerNetwork network(boolean dl4j) {
        MultiLayerConfiguration conf = base(D).list()
                .layer(dl4j ? new LSTM.Builder().nIn(N_IN).nOut(H).activation(Activation.TANH).build()
                        : new Lstm.Builder().nIn(N_IN).nOut(H).build())
                .layer(softmaxOutput(H, CLASSES))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** SeqPipe's layout of a DL4J {@code [rows, 4H]} parameter. */
    private static INDArray toSeqPipe(INDArray dl4j) {
        INDArray out = Nd4j.create(dl4j.dataType(), dl4j.shape());
        for (int k = 0; k < 4; k++) {
            out.get(all(), interval(k * H, (k + 1) * H))
                    .assign(dl4j.get(all(), interval(DL4J_BLOCK[k] * H, (DL4J_BLOCK[k] + 1) * H)));
        }
        return out;
    }

    private static MultiLayerNetwork[] pair() {
        Nd4j.getRandom().setSeed(7);
        MultiLayerNetwork reference = network(true);
        reference.params().assign(uniform(D, 0.8, reference.params().shape()));
        MultiLayerNetwork seqpipe = network(false);
        for (String key : new String[]{"W", "RW", "b"}) {
            seqpipe.getLayer(0).getParam(key).assign(toSeqPipe(reference.getLayer(0).getParam(key)));
        }
        for (String key : new String[]{"W", "b"}) {
            seqpipe.getLayer(1).getParam(key).assign(reference.getLayer(1).getParam(key));
        }
        return new MultiLayerNetwork[]{reference, seqpipe};
    }

    private static void assertSameArray(INDArray expected, INDArray actual, String what) {
        assertTrue(expected.reshape(expected.length()).equalsWithEps(actual.reshape(actual.length()), 1e-10), what + ": expected\n" + expected + "\nbut got\n" + actual);
    }

    private static void compare(INDArray features, INDArray labels, INDArray mask) {
        compare(pair(), features, labels, mask);
    }

    private static void compare(MultiLayerNetwork[] nets, INDArray features, INDArray labels, INDArray mask) {
        MultiLayerNetwork reference = nets[0];
        MultiLayerNetwork seqpipe = nets[1];
        INDArray expectedOut = reference.output(features, false, mask, mask);
        INDArray actualOut = seqpipe.output(features, false, mask, mask);
        INDArray real = mask == null ? Nd4j.ones(D, features.size(0), features.size(2)) : mask;
        for (int i = 0; i < features.size(0); i++) {
            for (int t = 0; t < features.size(2); t++) {
                if (real.getDouble(i, t) != 0) {
                    assertSameArray(expectedOut.get(interval(i, i, true), all(), interval(t, t, true)),
                            actualOut.get(interval(i, i, true), all(), interval(t, t, true)),
                            "softmax output at example " + i + " step " + t);
                }
            }
        }

        Gradient[] gradients = new Gradient[2];
        double[] scores = new double[2];
        INDArray[] inputGradients = new INDArray[2];
        for (int n = 0; n < 2; n++) {
            MultiLayerNetwork net = nets[n];
            net.setInput(features);
            net.setLabels(labels);
            net.setLayerMaskArrays(mask, mask);
            net.computeGradientAndScore();
            gradients[n] = net.gradient();
            scores[n] = net.score();
            inputGradients[n] = net.calculateGradients(features, labels, mask, mask).getSecond();
        }
        assertEquals(scores[0], scores[1], 1e-10, "loss");
        for (String key : new String[]{"W", "RW", "b"}) {
            assertSameArray(toSeqPipe(gradients[0].getGradientFor("0_" + key)), gradients[1].getGradientFor("0_" + key),
                    "gradient of the LSTM's " + key);
        }
        assertSameArray(gradients[0].getGradientFor("1_W"), gradients[1].getGradientFor("1_W"), "output layer W");
        assertSameArray(inputGradients[0], inputGradients[1], "gradient w.r.t. the input");
    }

    @Test
    void sameOutputsLossAndGradientsAsDl4jsLstmWithoutMask() {
        compare(uniform(D, 1, 3, N_IN, 6), labels(D, 3, CLASSES, 6, 11), null);
    }

    @Test
    void sameOutputsLossAndGradientsAsDl4jsLstmWithPrefixMasks() {
        compare(uniform(D, 1, 4, N_IN, 7), labels(D, 4, CLASSES, 7, 12), mask(D, 7, 7, 3, 1, 5));
    }

    /**
     * Training keeps the layer's working arrays between minibatches and grows them for longer ones: minibatches of
     * varying length and size, one after another on the same networks, must each match DL4J.
     */
    @Test
    void sameGradientsAsDl4jsLstmAcrossMinibatchesOfChangingShape() {
        MultiLayerNetwork[] nets = pair();
        int[][] shapes = {{4, 7}, {4, 3}, {4, 12}, {2, 5}, {3, 6}, {4, 9}};
        for (int s = 0; s < shapes.length; s++) {
            int batch = shapes[s][0];
            int steps = shapes[s][1];
            int[] lengths = new int[batch];
            for (int i = 0; i < batch; i++) {
                lengths[i] = Math.max(1, steps - i * 2);
            }
            compare(nets, uniform(D, 1, batch, N_IN, steps), labels(D, batch, CLASSES, steps, 20 + s),
                    mask(D, steps, lengths));
        }
    }

    /** Backpropagation without the training forward pass of the same input recomputes it: same gradients. */
    @Test
    void backpropagationWithoutItsForwardPassRecomputesIt() {
        MultiLayerNetwork net = pair()[1];
        net.initGradientsView();
        INDArray x = uniform(D, 1, 3, N_IN, 6);
        INDArray eps = uniform(D, 1, 3, H, 6);
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(0);
        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr ws =
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, ws);
        layer.activate(true, ws);
        INDArray kept = layer.backpropGradient(eps, ws).getSecond().dup();
        INDArray keptGradient = net.getLayer(0).getGradientsViewArray().dup();
        layer.setInput(x.dup(), ws); // another input object: the kept pass does not apply
        layer.activate(false, ws);
        INDArray recomputed = layer.backpropGradient(eps, ws).getSecond();
        assertSameArray(kept, recomputed, "epsilon");
        assertSameArray(keptGradient, net.getLayer(0).getGradientsViewArray(), "parameter gradients");
    }

    /** Weights start from DL4J's LSTM distribution (same fans): the spread of W and U matches DL4J's within 3 %. */
    @Test
    void weightsStartWithTheSpreadOfDl4jsLstm() {
        Nd4j.getRandom().setSeed(11);
        MultiLayerNetwork[] nets = new MultiLayerNetwork[2];
        for (int n = 0; n < 2; n++) {
            nets[n] = new MultiLayerNetwork(base(D).list()
                    .layer(n == 0 ? new LSTM.Builder().nIn(64).nOut(128).activation(Activation.TANH).build()
                            : new Lstm.Builder().nIn(64).nOut(128).build())
                    .layer(softmaxOutput(128, CLASSES)).build());
            nets[n].init();
        }
        for (String key : new String[]{"W", "RW"}) {
            double dl4j = nets[0].getLayer(0).getParam(key).stdNumber().doubleValue();
            double seqpipe = nets[1].getLayer(0).getParam(key).stdNumber().doubleValue();
            assertEquals(dl4j, seqpipe, 0.03 * dl4j, key + " standard deviation");
        }
    }

    @Test
    void forgetGateBiasesStartAtOneAndTheOthersAtTheBiasInit() {
        MultiLayerNetwork net = new MultiLayerNetwork(base(D).list()
                .layer(new Lstm.Builder().nIn(N_IN).nOut(H).biasInit(0.25).build())
                .layer(new Lstm.Builder().nIn(H).nOut(H).forgetGateBiasInit(3.0).build())
                .layer(softmaxOutput(H, CLASSES)).build());
        net.init();
        double[] first = net.getLayer(0).getParam("b").toDoubleVector();
        double[] second = net.getLayer(1).getParam("b").toDoubleVector();
        for (int j = 0; j < 4 * H; j++) {
            boolean forget = j / H == LstmParamInitializer.FORGET_GATE;
            assertEquals(forget ? 1.0 : 0.25, first[j], "layer 0 bias " + j);
            assertEquals(forget ? 3.0 : 0.0, second[j], "layer 1 bias " + j);
        }
    }
}
