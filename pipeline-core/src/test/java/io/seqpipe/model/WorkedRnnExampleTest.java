package io.seqpipe.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The course material's worked SimpleRNN forward pass, through SeqPipe's own network builder: vocabulary
 * {I, love, deep, learning, _} one-hot, hidden 3, tanh, h_0 = 0, input "I love deep learning".
 *
 * <p>The slide prints y_1 = [0.1743, 0.1933, 0.2323, 0.2120, 0.1880]. That is an arithmetic slip on the slide: its
 * W_y·h_1 keeps only the first product of each row. The correct softmax(W_y h_1 + b_y) is asserted here, and
 * h_2..h_4 are checked against an independent plain-Java computation.
 */
class WorkedRnnExampleTest {
    static final double[][] W_H = {{0.2, -0.3, 0.1, 0.4, 0.1}, {0.5, 0.1, -0.2, 0.2, -0.4}, {-0.1, 0.3, 0.2, -0.1, 0.2}};
    static final double[][] U_H = {{0.1, 0.3, -0.2}, {0.4, -0.1, 0.5}, {-0.3, 0.2, 0.1}};
    static final double[] B_H = {0.1, 0.1, -0.1};
    static final double[][] W_Y = {{-0.2, 0.1, 0.2}, {0.3, -0.4, 0.5}, {0.1, 0.2, -0.3}, {-0.5, 0.4, 0.1},
            {0.2, -0.1, 0.3}};
    static final double[] B_Y = {0, 0.1, 0, 0.1, 0};

    @Test
    void seqPipeSimpleRnnReproducesTheWorkedExample() {
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.RNN, 1, 3, false, 1, 0.0, ModelSpec.Pooling.MAX);
        ComputationGraph net = new ComputationGraph(NetworkFactory.denseSequenceTagger(spec,
                new OptimizerSpec(OptimizerSpec.Updater.SGD, 0.1, 0, 0, 1), 5, 5));
        net.init();
        net.setParam("rnn1_fwd_W", Nd4j.create(transpose(W_H)).castTo(DataType.FLOAT));
        net.setParam("rnn1_fwd_RW", Nd4j.create(transpose(U_H)).castTo(DataType.FLOAT));
        net.setParam("rnn1_fwd_b", Nd4j.create(new double[][]{B_H}).castTo(DataType.FLOAT));
        net.setParam(NetworkFactory.OUTPUT + "_W", Nd4j.create(transpose(W_Y)).castTo(DataType.FLOAT));
        net.setParam(NetworkFactory.OUTPUT + "_b", Nd4j.create(new double[][]{B_Y}).castTo(DataType.FLOAT));

        // "I love deep learning" = ids 0 1 2 3, one-hot [batch 1, 5 features, 4 steps]
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 5, 4);
        for (int t = 0; t < 4; t++) {
            x.putScalar(new int[]{0, t, t}, 1.0);
        }
        INDArray y = net.output(x)[0];
        INDArray h = net.feedForward(x, false).get("rnn1_fwd");

        assertArrayEquals(new double[]{0.2913, 0.5370, -0.1974}, column(h, 0), 1e-4);
        assertArrayEquals(new double[]{0.1854, 0.1707, 0.2356, 0.2249, 0.1834}, column(y, 0), 1e-4);

        double[] prev = new double[3];
        for (int t = 0; t < 4; t++) {
            double[] expectedH = new double[3];
            for (int i = 0; i < 3; i++) {
                double z = W_H[i][t] + B_H[i];
                for (int j = 0; j < 3; j++) {
                    z += U_H[i][j] * prev[j];
                }
                expectedH[i] = Math.tanh(z);
            }
            assertArrayEquals(expectedH, column(h, t), 1e-5, "h_" + (t + 1));
            assertArrayEquals(softmax(expectedH), column(y, t), 1e-5, "y_" + (t + 1));
            prev = expectedH;
        }
    }

    private static double[] softmax(double[] h) {
        double[] z = new double[5];
        double sum = 0;
        for (int k = 0; k < 5; k++) {
            z[k] = B_Y[k];
            for (int j = 0; j < 3; j++) {
                z[k] += W_Y[k][j] * h[j];
            }
            z[k] = Math.exp(z[k]);
            sum += z[k];
        }
        for (int k = 0; k < 5; k++) {
            z[k] /= sum;
        }
        return z;
    }

    private static double[] column(INDArray a, int t) {
        return a.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(t)).toDoubleVector();
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }
}
