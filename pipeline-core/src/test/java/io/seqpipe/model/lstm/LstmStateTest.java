package io.seqpipe.model.lstm;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static io.seqpipe.model.rnn.RnnTestSupport.base;
import static io.seqpipe.model.rnn.RnnTestSupport.mask;
import static io.seqpipe.model.rnn.RnnTestSupport.softmaxOutput;
import static io.seqpipe.model.rnn.RnnTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The LSTM's stored state ({@code rnnTimeStep}), which decoding relies on: stepping equals the full-sequence pass, and
 * after a masked batch each row's stored {@code h} and {@code c} are those after its own last real step (the state
 * passes through masked steps), for masks of real steps then padding and for masks with holes.
 */
class LstmStateTest {
    private static final DataType D = DataType.DOUBLE;

    private static MultiLayerNetwork network() {
        Nd4j.getRandom().setSeed(5);
        MultiLayerNetwork net = new MultiLayerNetwork(base(D).list()
                .layer(new Lstm.Builder().nIn(3).nOut(4).build()).layer(softmaxOutput(4, 2)).build());
        net.init();
        net.params().assign(uniform(D, 0.8, net.params().shape()));
        return net;
    }

    private static void assertSame(INDArray expected, INDArray actual, String what) {
        assertTrue(expected.reshape(expected.length()).equalsWithEps(actual.reshape(actual.length()), 1e-10),
                what + ": expected\n" + expected + "\nbut got\n" + actual);
    }

    /** The layer's stored state after {@code rnnTimeStep} on {@code x} (with {@code mask}, or none). */
    private static Map<String, INDArray> stateAfter(MultiLayerNetwork net, INDArray x, INDArray mask) {
        net.rnnClearPreviousState();
        net.setLayerMaskArrays(mask, null);
        net.rnnTimeStep(x);
        net.clearLayerMaskArrays();
        return net.rnnGetPreviousState(0);
    }

    @Test
    void steppingEqualsTheFullSequencePass() {
        MultiLayerNetwork net = network();
        INDArray x = uniform(D, 1, 2, 3, 6);
        INDArray full = net.output(x);
        net.rnnClearPreviousState();
        for (int t = 0; t < 6; t++) {
            INDArray step = net.rnnTimeStep(x.get(all(), all(), interval(t, t + 1)));
            assertSame(full.get(all(), all(), interval(t, t + 1)), step, "output at step " + t);
        }
    }

    @Test
    void theStoredStateOfAPaddedRowIsTheStateAfterItsLastRealStep() {
        MultiLayerNetwork net = network();
        INDArray x = uniform(D, 1, 3, 3, 7);
        int[] lengths = {7, 4, 1};
        Map<String, INDArray> batch = stateAfter(net, x, mask(D, 7, lengths));
        for (int i = 0; i < 3; i++) {
            INDArray alone = x.get(interval(i, i + 1), all(), interval(0, lengths[i]));
            Map<String, INDArray> own = stateAfter(net, alone, null);
            for (String key : new String[]{LstmLayer.STATE_KEY_PREV_ACTIVATION, LstmLayer.STATE_KEY_PREV_MEMCELL}) {
                assertSame(own.get(key), batch.get(key).getRow(i), key + " of row " + i);
            }
        }
    }

    @Test
    void theStatePassesThroughMaskedStepsBetweenRealOnes() {
        MultiLayerNetwork net = network();
        INDArray x = uniform(D, 1, 1, 3, 6);
        INDArray holes = Nd4j.createFromArray(new double[][]{{0, 1, 1, 0, 1, 0}});
        Map<String, INDArray> masked = stateAfter(net, x, holes);
        INDArray realSteps = Nd4j.concat(2, x.get(all(), all(), interval(1, 3)), x.get(all(), all(), interval(4, 5)));
        Map<String, INDArray> own = stateAfter(net, realSteps, null);
        for (String key : new String[]{LstmLayer.STATE_KEY_PREV_ACTIVATION, LstmLayer.STATE_KEY_PREV_MEMCELL}) {
            assertSame(own.get(key), masked.get(key), key);
        }
        // and the output at a masked step is 0
        net.rnnClearPreviousState();
        net.setLayerMaskArrays(holes, null);
        INDArray lstmOut = net.feedForward(x, false).get(1);
        assertTrue(lstmOut.get(point(0), all(), point(3)).sumNumber().doubleValue() == 0.0, "masked step output");
    }
}
