package io.seqpipe.tasks.forecast;

import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forecaster head over every cell, direction and pooling: [batch, F, L] in, [batch, H·K] out, and it learns. */
class ForecasterNetworkTest {

    @Test
    void everyCellDirectionAndPoolingGivesHTimesKOutputs() {
        OptimizerSpec opt = new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.01, 0, 5, 7);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 3, 6);
        for (ModelSpec.Cell cell : ModelSpec.Cell.values()) {
            for (boolean bidirectional : new boolean[]{false, true}) {
                for (ModelSpec.Pooling pooling : ModelSpec.Pooling.values()) {
                    ModelSpec spec = new ModelSpec(cell, 2, 5, bidirectional, 1, 0.1, pooling);
                    ComputationGraph net = new ComputationGraph(NetworkFactory.forecaster(spec, opt, 3, 8,
                            NetworkFactory.RegressionLoss.MAE));
                    net.init();
                    assertArrayEquals(new long[]{4, 8}, net.outputSingle(x).shape(), cell + " " + bidirectional
                            + " " + pooling);
                }
            }
        }
    }

    @Test
    void anLstmForecasterFitsASimpleMapping() {
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.LSTM, 1, 8, false, 1, 0, ModelSpec.Pooling.LAST);
        ComputationGraph net = new ComputationGraph(NetworkFactory.forecaster(spec,
                new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.02, 0, 5, 7), 1, 2, NetworkFactory.RegressionLoss.MSE));
        net.init();
        // target: the last input and twice it
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 32, 1, 4).subi(0.5);
        INDArray last = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex
                .point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(3)).reshape(32, 1);
        INDArray y = Nd4j.hstack(last, last.mul(2));
        DataSet d = new DataSet(x, y);
        double before = net.score(d);
        for (int i = 0; i < 200; i++) {
            net.fit(d);
        }
        double after = net.score(d);
        assertTrue(after < before / 10, before + " -> " + after);
    }
}
