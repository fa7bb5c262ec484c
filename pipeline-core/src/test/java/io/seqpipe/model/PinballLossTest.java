package io.seqpipe.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pinball loss: its score on hand-computed values, its hand-written gradient against central differences of the
 * score (identity and tanh outputs, without a mask, with a per-example and with a per-output mask), and its round trip
 * through the network JSON and ModelSerializer.
 */
class PinballLossTest {
    static final double[] LEVELS = {0.1, 0.5, 0.9};
    static final IActivation IDENTITY = Activation.IDENTITY.getActivationFunction();

    @Test
    void scoreOnHandComputedValues() {
        // one example, 3 levels x 2 outputs: labels repeated per block (as ForecastPreprocessing tiles them)
        INDArray labels = Nd4j.createFromArray(new double[][]{{10, 5, 10, 5, 10, 5}});
        INDArray out = Nd4j.createFromArray(new double[][]{{8, 1, 11, 2, 13, 4}});
        // rho: q0.1 (e=2) 0.2, (e=4) 0.4; q0.5 (e=-1) 0.5, (e=3) 1.5; q0.9 (e=-3) 0.3, (e=1) 0.9
        double expected = (0.2 + 0.4 + 0.5 + 1.5 + 0.3 + 0.9) / 6;
        PinballLoss loss = new PinballLoss(LEVELS);
        assertEquals(expected, loss.computeScore(labels, out, IDENTITY, null, true), 1e-12);
        assertEquals(expected, loss.computeScoreArray(labels, out, IDENTITY, null).getDouble(0, 0), 1e-12);
        INDArray twice = Nd4j.vstack(labels, labels);
        assertEquals(2 * expected, loss.computeScore(twice, Nd4j.vstack(out, out), IDENTITY, null, false), 1e-12);
        assertEquals(expected, loss.computeScore(twice, Nd4j.vstack(out, out), IDENTITY, null, true), 1e-12);
    }

    @Test
    void atTheMedianAloneItIsHalfOfDl4jsMae() {
        Random random = new Random(3);
        INDArray labels = randomMatrix(random, 4, 5);
        INDArray out = randomMatrix(random, 4, 5);
        PinballLoss median = new PinballLoss(new double[]{0.5});
        assertEquals(0.5 * new LossMAE().computeScore(labels, out, IDENTITY, null, true),
                median.computeScore(labels, out, IDENTITY, null, true), 1e-12);
        assertArrayEquals(new LossMAE().computeGradient(labels, out, IDENTITY, null).mul(0.5).ravel().toDoubleVector(),
                median.computeGradient(labels, out, IDENTITY, null).ravel().toDoubleVector(), 1e-12);
    }

    @Test
    void gradientMatchesCentralDifferencesWithAndWithoutMasks() {
        Random random = new Random(11);
        int rows = 4;
        int columns = 6;
        INDArray perExample = Nd4j.createFromArray(new double[][]{{1}, {0}, {1}, {1}});
        INDArray perOutput = Nd4j.create(DataType.DOUBLE, rows, columns);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                perOutput.putScalar(i, j, random.nextBoolean() ? 1 : 0);
            }
        }
        for (Activation activation : new Activation[]{Activation.IDENTITY, Activation.TANH}) {
            for (INDArray mask : new INDArray[]{null, perExample, perOutput}) {
                IActivation fn = activation.getActivationFunction();
                INDArray labels = randomMatrix(random, rows, columns);
                INDArray pre = randomMatrix(random, rows, columns);
                // keep every output at least 0.05 from its label: the loss has a kink where they meet
                INDArray outputs = fn.getActivation(pre.dup(), false);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < columns; j++) {
                        double gap = outputs.getDouble(i, j) - labels.getDouble(i, j);
                        if (Math.abs(gap) < 0.05) {
                            labels.putScalar(i, j, labels.getDouble(i, j) + (gap < 0 ? 0.1 : -0.1));
                        }
                    }
                }
                checkGradient(new PinballLoss(LEVELS), labels, pre, fn, mask, activation + " mask " + (mask == null
                        ? "none" : mask.columns() == 1 ? "per example" : "per output"));
            }
        }
    }

    private static void checkGradient(PinballLoss loss, INDArray labels, INDArray pre, IActivation fn, INDArray mask,
                                      String what) {
        INDArray analytic = loss.computeGradient(labels, pre, fn, mask);
        double eps = 1e-6;
        int nonZero = 0;
        for (int i = 0; i < pre.rows(); i++) {
            for (int j = 0; j < pre.columns(); j++) {
                double original = pre.getDouble(i, j);
                pre.putScalar(i, j, original + eps);
                double plus = loss.computeScore(labels, pre, fn, mask, false);
                pre.putScalar(i, j, original - eps);
                double minus = loss.computeScore(labels, pre, fn, mask, false);
                pre.putScalar(i, j, original);
                double numeric = (plus - minus) / (2 * eps);
                assertEquals(numeric, analytic.getDouble(i, j), 1e-7, what + " at (" + i + ", " + j + ")");
                nonZero += numeric != 0 ? 1 : 0;
            }
        }
        assertTrue(nonZero > 0, what);
    }

    @Test
    void roundTripsThroughTheNetworkJsonAndModelSerializer() {
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.LSTM, 1, 4, false, 1, 0, ModelSpec.Pooling.LAST);
        ComputationGraphConfiguration conf = NetworkFactory.forecaster(spec,
                new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.01, 0, 5, 7), 2, 3 * 2, new PinballLoss(LEVELS));
        String json = conf.toJson();
        assertTrue(json.contains("\"@class\" : \"io.seqpipe.model.PinballLoss\""), json);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertEquals(conf, back);

        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 2, 5);
        INDArray y = Nd4j.rand(DataType.FLOAT, 3, 6);
        net.fit(new DataSet(x, y));
        ComputationGraph restored = ModelBytes.restore(ModelBytes.of(net, true));
        OutputLayer out = (OutputLayer) restored.getLayer(NetworkFactory.OUTPUT).conf().getLayer();
        assertEquals(new PinballLoss(LEVELS), out.getLossFn());
        assertEquals(net.score(new DataSet(x, y)), restored.score(new DataSet(x, y)), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new PinballLoss(new double[]{0.5, 1.0}));
    }

    private static INDArray randomMatrix(Random random, int rows, int columns) {
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return Nd4j.createFromArray(values);
    }
}
