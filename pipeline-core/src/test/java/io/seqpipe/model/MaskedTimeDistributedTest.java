package io.seqpipe.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The time-distributed wrapper with example-major mask flattening, against DL4J's own (which misplaces masks). */
class MaskedTimeDistributedTest {
    private static ComputationGraph graph(boolean fixed) {
        DenseLayer dense = new DenseLayer.Builder().nIn(2).nOut(2).hasBias(false).activation(Activation.IDENTITY)
                .build();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1)
                .graphBuilder().addInputs("in")
                .addLayer("td", fixed ? new MaskedTimeDistributed(dense, RNNFormat.NCW)
                        : new TimeDistributed(dense, RNNFormat.NCW), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).nIn(2).nOut(1).dataFormat(RNNFormat.NCW).build(), "td")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Batch of 2, T = 3, the second example one step long: its steps 1 and 2 must be 0 and every real step W x. */
    @Test
    void masksTheStepsTheyBelongTo() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 3).addi(1);
        INDArray mask = Nd4j.createFromArray(new double[][]{{1, 1, 1}, {1, 0, 0}});
        for (boolean fixed : new boolean[]{true, false}) {
            ComputationGraph net = graph(fixed);
            INDArray w = net.getParam("td_W");
            net.setLayerMaskArrays(new INDArray[]{mask}, null);
            Map<String, INDArray> acts = net.feedForward(new INDArray[]{x}, false, false);
            INDArray td = acts.get("td");
            INDArray expected = Nd4j.create(DataType.DOUBLE, 2, 2, 3);
            for (int i = 0; i < 2; i++) {
                for (int t = 0; t < 3; t++) {
                    if (mask.getDouble(i, t) != 0) {
                        expected.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(t))
                                .assign(w.transpose().mmul(x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                        org.nd4j.linalg.indexing.NDArrayIndex.point(t)).reshape(2, 1)).reshape(2));
                    }
                }
            }
            if (fixed) {
                assertEquals(expected, td);
            } else {
                // DL4J 1.0.0-M2.1's TimeDistributed: the mask lands on the wrong rows
                assertNotEquals(expected, td);
            }
        }
    }

    @Test
    void survivesTheJsonRoundTrip() {
        ComputationGraph net = graph(true);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        assertEquals(net.getConfiguration(), back);
        ComputationGraph rebuilt = new ComputationGraph(back);
        rebuilt.init();
        assertInstanceOf(MaskedTimeDistributed.Impl.class, rebuilt.getLayer("td"));
    }
}
