package io.seqpipe.model.rnn;

import io.seqpipe.model.gru.Gru;
import io.seqpipe.model.lstm.Lstm;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Map;

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
 * Single precision runs the recurrent layers' elementwise work in Java ({@link FloatKernels}, the LSTM's and GRU's
 * kernels); double precision runs ND4J's exact operations, which {@code LstmEquivalenceTest} ties to DL4J's own LSTM
 * and the gradient checks to finite differences. The same network in both precisions, same parameters, must agree to
 * float precision: outputs, loss, every parameter gradient and the input gradient, with no masks, prefix masks and
 * masks with holes, stacked, step by step ({@code rnnTimeStep}) and under truncated BPTT, for each cell. Sizes are odd
 * so that the SIMD loops' remainders are exercised.
 */
class FloatKernelsTest {
    private static final int N_IN = 3;
    private static final int H = 5;
    private static final int CLASSES = 3;
    private static final int BATCH = 7;
    private static final int T = 9;
    /** Float against double after a few steps of a small LSTM: float rounding is ~1e-7 per operation. */
    private static final double TOLERANCE = 2e-5;

    private static org.deeplearning4j.nn.conf.layers.Layer cell(String cell, int nIn) {
        return cell.equals("lstm") ? new Lstm.Builder().nIn(nIn).nOut(H).build()
                : new Gru.Builder().nIn(nIn).nOut(H).build();
    }

    private static MultiLayerNetwork network(String cell, DataType type, boolean stacked, int tbptt) {
        var list = base(type).updater(new Sgd(0.5)).list()
                .layer(cell(cell, N_IN));
        if (stacked) {
            list.layer(cell(cell, H));
        }
        list.layer(softmaxOutput(H, CLASSES));
        if (tbptt > 0) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTLength(tbptt);
        }
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The same network in double and in float, with the same (double-drawn) parameters. */
    private static MultiLayerNetwork[] pair(String cell, boolean stacked, int tbptt) {
        Nd4j.getRandom().setSeed(11);
        MultiLayerNetwork reference = network(cell, DataType.DOUBLE, stacked, tbptt);
        reference.params().assign(uniform(DataType.DOUBLE, 0.9, reference.params().shape()));
        MultiLayerNetwork single = network(cell, DataType.FLOAT, stacked, tbptt);
        single.params().assign(reference.params().castTo(DataType.FLOAT));
        return new MultiLayerNetwork[]{reference, single};
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        INDArray e = expected.castTo(DataType.DOUBLE).reshape(expected.length());
        INDArray a = actual.castTo(DataType.DOUBLE).reshape(actual.length());
        double scale = Math.max(1.0, e.amaxNumber().doubleValue());
        double worst = e.sub(a).amaxNumber().doubleValue();
        assertTrue(worst <= TOLERANCE * scale, what + ": float differs from double by " + worst + " (scale " + scale
                + ")\nexpected " + e + "\nactual   " + a);
    }

    @SuppressWarnings("unchecked")
    private static void compare(MultiLayerNetwork[] nets, INDArray mask) {
        Nd4j.getRandom().setSeed(3);
        INDArray x = uniform(DataType.DOUBLE, 1.5, BATCH, N_IN, T);
        INDArray y = labels(DataType.DOUBLE, BATCH, CLASSES, T, 5);
        INDArray[] out = new INDArray[2];
        Pair<Gradient, INDArray>[] grads = new Pair[2];
        double[] scores = new double[2];
        for (int k = 0; k < 2; k++) {
            DataType type = k == 0 ? DataType.DOUBLE : DataType.FLOAT;
            INDArray m = mask == null ? null : mask.castTo(type);
            MultiLayerNetwork net = nets[k];
            out[k] = net.output(x.castTo(type), false, m, m);
            grads[k] = net.calculateGradients(x.castTo(type), y.castTo(type), m, m);
            net.setInput(x.castTo(type));
            net.setLabels(y.castTo(type));
            net.setLayerMaskArrays(m, m);
            net.computeGradientAndScore();
            scores[k] = net.score();
        }
        assertClose(out[0], out[1], "output");
        assertEquals(scores[0], scores[1], TOLERANCE * Math.max(1, Math.abs(scores[0])), "loss");
        for (Map.Entry<String, INDArray> e : grads[0].getFirst().gradientForVariable().entrySet()) {
            assertClose(e.getValue(), grads[1].getFirst().gradientForVariable().get(e.getKey()), "gradient "
                    + e.getKey());
        }
        assertClose(grads[0].getSecond(), grads[1].getSecond(), "input gradient");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void unmaskedStackedAndPrefixMaskedMinibatchesAgreeWithTheExactDoublePath(String cell) {
        compare(pair(cell, false, 0), null);
        compare(pair(cell, true, 0), null);
        compare(pair(cell, true, 0), mask(DataType.DOUBLE, T, 9, 4, 1, 9, 6, 2, 8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void masksWithHolesAgreeWithTheExactDoublePath(String cell) {
        INDArray holes = mask(DataType.DOUBLE, T, 9, 9, 9, 9, 9, 9, 9);
        holes.putScalar(0, 2, 0);
        holes.putScalar(1, 0, 0);
        holes.putScalar(3, 5, 0);
        holes.putScalar(3, 6, 0);
        holes.putScalar(6, 8, 0);
        compare(pair(cell, false, 0), holes);
        compare(pair(cell, true, 0), holes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void steppingAgreesWithTheExactDoublePath(String cell) {
        MultiLayerNetwork[] nets = pair(cell, true, 0);
        Nd4j.getRandom().setSeed(4);
        INDArray x = uniform(DataType.DOUBLE, 1.5, BATCH, N_IN, T);
        for (int t = 0; t < T; t++) {
            INDArray step = x.get(all(), all(), interval(t, t + 1));
            assertClose(nets[0].rnnTimeStep(step), nets[1].rnnTimeStep(step.castTo(DataType.FLOAT)), "step " + t);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void truncatedBpttTrainingAgreesWithTheExactDoublePath(String cell) {
        MultiLayerNetwork[] nets = pair(cell, true, 4);
        Nd4j.getRandom().setSeed(5);
        INDArray x = uniform(DataType.DOUBLE, 1.5, BATCH, N_IN, T);
        INDArray y = labels(DataType.DOUBLE, BATCH, CLASSES, T, 6);
        INDArray m = mask(DataType.DOUBLE, T, 9, 4, 1, 9, 6, 2, 8);
        INDArray before = nets[0].params().dup();
        for (int k = 0; k < 2; k++) {
            DataType type = k == 0 ? DataType.DOUBLE : DataType.FLOAT;
            nets[k].fit(new org.nd4j.linalg.dataset.DataSet(x.castTo(type), y.castTo(type), m.castTo(type),
                    m.castTo(type)));
        }
        assertTrue(nets[0].params().sub(before).amaxNumber().doubleValue() > 1e-3, "training moved the parameters");
        assertClose(nets[0].params(), nets[1].params(), "parameters after a truncated-BPTT fit");
    }

    @Test
    void tanhIsWithinFourTenMillionthsOfTheExactValueAndSaturates() {
        double worst = 0;
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            float x = i * 1e-5f;
            worst = Math.max(worst, Math.abs(FloatKernels.tanh(x) - Math.tanh(x)));
            worst = Math.max(worst, Math.abs(FloatKernels.sigmoid(x) - 1 / (1 + Math.exp(-x))));
        }
        assertTrue(worst < 4e-7, "max error " + worst);
        assertEquals(1f, FloatKernels.tanh(50f));
        assertEquals(-1f, FloatKernels.tanh(Float.NEGATIVE_INFINITY));
        assertEquals(0f, FloatKernels.sigmoid(-1e6f));
        assertEquals(1e-8f, FloatKernels.tanh(1e-8f), 1e-15f);
        assertTrue(Float.isNaN(FloatKernels.tanh(Float.NaN)));
    }
}
