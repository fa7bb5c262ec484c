package io.seqpipe.model;

import io.seqpipe.model.lstm.Lstm;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Function;

import static io.seqpipe.model.rnn.RnnTestSupport.base;
import static io.seqpipe.model.rnn.RnnTestSupport.labels;
import static io.seqpipe.model.rnn.RnnTestSupport.mask;
import static io.seqpipe.model.rnn.RnnTestSupport.softmaxOutput;
import static io.seqpipe.model.rnn.RnnTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SeqPipe's vertices of a bidirectional layer, {@link MaskedReverseVertex} and {@link TimeSeriesMergeVertex}, against
 * DL4J's {@link ReverseTimeSeriesVertex} and {@link MergeVertex} as the reference: the same reversed input, merged
 * output, loss and gradients for every parameter of a bidirectional network, for prefix masks, masks with holes and
 * no mask.
 */
class BidirectionalVerticesTest {
    private static final DataType D = DataType.DOUBLE;

    @Test
    void positionsReverseEachRowWithinItsRealStepsAndKeepPadding() {
        float[][] mask = {{1, 1, 1, 0}, {0, 1, 0, 1}};
        // time-major positions t * 2 + i
        int[] source = MaskedReverseVertex.reversedPositions(mask, 2, 4);
        assertArrayEquals(new int[]{4, 1, 2, 7, 0, 5, 6, 3}, source);
        assertArrayEquals(new int[]{6, 7, 4, 5, 2, 3, 0, 1}, MaskedReverseVertex.reversedPositions(null, 2, 4));
    }

    private static ComputationGraph bidirectional(Function<String, GraphVertex> reverse, GraphVertex merge) {
        ComputationGraphConfiguration conf = base(D).graphBuilder()
                .addInputs("in")
                .addLayer("fwd", new Lstm.Builder().nIn(3).nOut(4).build(), "in")
                .addVertex("bwd_in", reverse.apply("in"), "in")
                .addLayer("bwd", new Lstm.Builder().nIn(3).nOut(4).build(), "bwd_in")
                .addVertex("bwd_out", reverse.apply("in"), "bwd")
                .addVertex("merge", merge, "fwd", "bwd_out")
                .addLayer("out", softmaxOutput(8, 3), "merge")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static void compare(INDArray mask) {
        Nd4j.getRandom().setSeed(3);
        ComputationGraph reference = bidirectional(ReverseTimeSeriesVertex::new, new MergeVertex());
        ComputationGraph fast = bidirectional(MaskedReverseVertex::new, new TimeSeriesMergeVertex());
        fast.params().assign(reference.params());
        INDArray x = uniform(D, 1, 3, 3, 6);
        INDArray y = labels(D, 3, 3, 6, 9);
        INDArray[] masks = mask == null ? null : new INDArray[]{mask};
        reference.setLayerMaskArrays(masks, null);
        fast.setLayerMaskArrays(masks, null);
        java.util.Map<String, INDArray> expected = reference.feedForward(new INDArray[]{x}, false, false);
        java.util.Map<String, INDArray> actual = fast.feedForward(new INDArray[]{x}, false, false);
        for (String vertex : new String[]{"bwd_in", "bwd_out", "merge"}) {
            assertTrue(expected.get(vertex).equalsWithEps(actual.get(vertex), 1e-12), vertex + ":\n"
                    + expected.get(vertex) + "\nvs\n" + actual.get(vertex));
        }
        Gradient[] g = new Gradient[2];
        double[] score = new double[2];
        ComputationGraph[] nets = {reference, fast};
        for (int n = 0; n < 2; n++) {
            nets[n].setInputs(x);
            nets[n].setLabels(y);
            nets[n].setLayerMaskArrays(masks, masks);
            nets[n].computeGradientAndScore();
            g[n] = nets[n].gradient();
            score[n] = nets[n].score();
        }
        assertEquals(score[0], score[1], 1e-12);
        assertTrue(g[0].gradient().equalsWithEps(g[1].gradient(), 1e-12), "gradients differ");
    }

    @Test
    void sameOutputsAndGradientsAsDl4jsVerticesWithPrefixMasks() {
        compare(mask(D, 6, 6, 2, 4));
    }

    @Test
    void sameOutputsAndGradientsAsDl4jsVerticesWithHolesInTheMask() {
        compare(Nd4j.createFromArray(new double[][]{{0, 1, 1, 0, 1, 1}, {1, 0, 1, 1, 0, 0}, {1, 1, 1, 1, 1, 1}}));
    }

    @Test
    void sameOutputsAndGradientsAsDl4jsVerticesWithoutMask() {
        compare(null);
    }
}
