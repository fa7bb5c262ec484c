package io.seqpipe.model.rnn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;
import java.util.function.BiFunction;

/** Fixtures shared by the tests of SeqPipe's recurrent layers: network defaults, random data, masks, labels. */
public final class RnnTestSupport {
    private RnnTestSupport() {
    }

    public static NeuralNetConfiguration.Builder base(DataType dataType) {
        return new NeuralNetConfiguration.Builder().dataType(dataType).seed(12345).updater(new NoOp())
                .weightInit(WeightInit.XAVIER);
    }
    public static RnnOutputLayer softmaxOutput(int nIn, int classes) {
        return new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(nIn).nOut(classes).dataFormat(RNNFormat.NCW).build();
    }
    /** Uniform in [-scale, scale). */
    public static INDArray uniform(DataType dataType, double scale, long... shape) {
        return Nd4j.rand(dataType, shape).subi(0.5).muli(2 * scale);
    }
    /** {@code [batch, T]} with ones on the first {@code lengths[i]} steps of row i. */
    public static INDArray mask(DataType dataType, int steps, int... lengths) {
        INDArray m = Nd4j.zeros(dataType, lengths.length, steps);
        for (int i = 0; i < lengths.length; i++) {
            for (int t = 0; t < lengths[i]; t++) {
                m.putScalar(i, t, 1.0);
            }
        }
        return m;
    }
    /** One-hot labels {@code [batch, classes, T]}, random classes. */
    public static INDArray labels(DataType dataType, int batch, int classes, int steps, long seed) {
        Random r = new Random(seed);
        INDArray l = Nd4j.zeros(dataType, batch, classes, steps);
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < steps; t++) {
                l.putScalar(new int[]{i, r.nextInt(classes), t}, 1.0);
            }
        }
        return l;
    }
    /** Example {@code i} of {@code [batch, features, T]} as {@code [T][features]}. */
    public static double[][] sequence(INDArray ncw, int i) {
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
    /**
     * A bidirectional layer as {@code NetworkFactory} builds it: a forward layer, and a backward layer reading the
     * input reversed within each sequence's mask, reversed back, concatenated; then a per-step softmax.
     *
     * @param layer builds a recurrent layer from {@code (nIn, nOut)}
     */
    public static ComputationGraphConfiguration bidirectional(DataType dataType,
                                                              BiFunction<Integer, Integer, BaseRecurrentLayer> layer,
                                                              int nIn, int hidden, int classes) {
        return base(dataType).graphBuilder()
                .addInputs("in")
                .addLayer("fwd", layer.apply(nIn, hidden), "in")
                .addVertex("bwd_in", new ReverseTimeSeriesVertex("in"), "in")
                .addLayer("bwd", layer.apply(nIn, hidden), "bwd_in")
                .addVertex("bwd_out", new ReverseTimeSeriesVertex("in"), "bwd")
                .addVertex("merge", new MergeVertex(), "fwd", "bwd_out")
                .addLayer("out", softmaxOutput(2 * hidden, classes), "merge")
                .setOutputs("out")
                .build();
    }

    /** Random token ids {@code [batch, 1, T]} below {@code vocab}, from a seeded generator. */
    public static INDArray tokens(DataType dataType, int batch, int steps, int vocab, long seed) {
        INDArray tokens = Nd4j.zeros(dataType, batch, 1, steps);
        Random r = new Random(seed);
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < steps; t++) {
                tokens.putScalar(new int[]{i, 0, t}, r.nextInt(vocab));
            }
        }
        return tokens;
    }
}
