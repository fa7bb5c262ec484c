package io.seqpipe.model.gru;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

/** Shared fixtures of the GRU tests: networks, random data, masks, and an independent plain-Java GRU. */
final class GruTestSupport {
    private GruTestSupport() {
    }

    static NeuralNetConfiguration.Builder base(DataType dataType) {
        return new NeuralNetConfiguration.Builder().dataType(dataType).seed(12345).updater(new NoOp())
                .weightInit(WeightInit.XAVIER);
    }

    static RnnOutputLayer softmaxOutput(int nIn, int classes) {
        return new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(nIn).nOut(classes).dataFormat(RNNFormat.NCW).build();
    }

    static Gru gru(int nIn, int nOut) {
        return new Gru.Builder().nIn(nIn).nOut(nOut).build();
    }

    /**
     * Bidirectional GRU as {@code NetworkFactory} builds it: forward GRU, and a backward GRU reading the input reversed
     * within each sequence's mask, reversed back, concatenated; then a per-step softmax.
     */
    static ComputationGraphConfiguration bidirectional(DataType dataType, int nIn, int hidden, int classes) {
        return base(dataType).graphBuilder()
                .addInputs("in")
                .addLayer("fwd", gru(nIn, hidden), "in")
                .addVertex("bwd_in", new ReverseTimeSeriesVertex("in"), "in")
                .addLayer("bwd", gru(nIn, hidden), "bwd_in")
                .addVertex("bwd_out", new ReverseTimeSeriesVertex("in"), "bwd")
                .addVertex("merge", new MergeVertex(), "fwd", "bwd_out")
                .addLayer("out", softmaxOutput(2 * hidden, classes), "merge")
                .setOutputs("out")
                .build();
    }

    /** Uniform in [-scale, scale). */
    static INDArray uniform(DataType dataType, double scale, long... shape) {
        return Nd4j.rand(dataType, shape).subi(0.5).muli(2 * scale);
    }

    /** {@code [batch, T]} with ones on the first {@code lengths[i]} steps of row i. */
    static INDArray mask(DataType dataType, int steps, int... lengths) {
        INDArray m = Nd4j.zeros(dataType, lengths.length, steps);
        for (int i = 0; i < lengths.length; i++) {
            for (int t = 0; t < lengths[i]; t++) {
                m.putScalar(i, t, 1.0);
            }
        }
        return m;
    }

    /** One-hot labels {@code [batch, classes, T]}, random classes. */
    static INDArray labels(DataType dataType, int batch, int classes, int steps, long seed) {
        Random r = new Random(seed);
        INDArray l = Nd4j.zeros(dataType, batch, classes, steps);
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < steps; t++) {
                l.putScalar(new int[]{i, r.nextInt(classes), t}, 1.0);
            }
        }
        return l;
    }

    /**
     * Plain-Java GRU over one sequence, written from the equations alone (reset gate after the recurrent product).
     *
     * @param w    input weights {@code [nIn][3·nOut]}, gate blocks r, z, n
     * @param u    recurrent weights {@code [nOut][3·nOut]}
     * @param b    bias {@code [3·nOut]}
     * @param x    input {@code [T][nIn]}
     * @param mask {@code [T]} (1 = real step) or null
     * @param h0   initial state {@code [nOut]} or null for zeros
     * @return the outputs {@code [T][nOut]}, 0 at masked steps
     */
    static double[][] referenceGru(double[][] w, double[][] u, double[] b, double[][] x, double[] mask,
                                   double[] h0) {
        int nOut = u.length;
        int nIn = w.length;
        double[] h = h0 == null ? new double[nOut] : h0.clone();
        double[][] out = new double[x.length][nOut];
        for (int t = 0; t < x.length; t++) {
            if (mask != null && mask[t] == 0) {
                continue;
            }
            double[] next = new double[nOut];
            for (int j = 0; j < nOut; j++) {
                double ar = b[j];
                double az = b[nOut + j];
                double an = b[2 * nOut + j];
                for (int i = 0; i < nIn; i++) {
                    ar += x[t][i] * w[i][j];
                    az += x[t][i] * w[i][nOut + j];
                    an += x[t][i] * w[i][2 * nOut + j];
                }
                double hr = 0;
                double hz = 0;
                double hn = 0;
                for (int k = 0; k < nOut; k++) {
                    hr += h[k] * u[k][j];
                    hz += h[k] * u[k][nOut + j];
                    hn += h[k] * u[k][2 * nOut + j];
                }
                double r = 1 / (1 + Math.exp(-(ar + hr)));
                double z = 1 / (1 + Math.exp(-(az + hz)));
                double n = Math.tanh(an + r * hn);
                next[j] = (1 - z) * n + z * h[j];
            }
            h = next;
            out[t] = next.clone();
        }
        return out;
    }

    /** Example {@code i} of {@code [batch, features, T]} as {@code [T][features]}. */
    static double[][] sequence(INDArray ncw, int i) {
        int features = (int) ncw.size(1);
        int steps = (int) ncw.size(2);
        double[][] s = new double[steps][features];
        for (int t = 0; t < steps; t++) {
            for (int f = 0; f < features; f++) {
                s[t][f] = ncw.getDouble(i, f, t);
            }
        }
        return s;
    }
}
