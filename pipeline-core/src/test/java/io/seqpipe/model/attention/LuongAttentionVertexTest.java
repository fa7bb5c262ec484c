package io.seqpipe.model.attention;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

import java.io.File;

import static io.seqpipe.model.attention.AttentionTestSupport.embeddedBiGru;
import static io.seqpipe.model.attention.AttentionTestSupport.ids;
import static io.seqpipe.model.attention.AttentionTestSupport.labels;
import static io.seqpipe.model.attention.AttentionTestSupport.mask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The attention graph in float, as training uses it: padding independence, serialization, learning. */
class LuongAttentionVertexTest {
    private static final DataType F = DataType.FLOAT;

    private static ComputationGraph net() {
        ComputationGraph net = new ComputationGraph(embeddedBiGru(F, new Adam(0.05), 9, 7));
        net.init();
        return net;
    }

    /** A sentence's outputs do not depend on how much padding its batch has, nor on the ids at padded steps. */
    @Test
    void outputsIgnoreSourcePaddingAndItsContent() {
        ComputationGraph net = net();
        INDArray src = ids(F, 2, 4, 9, 1);
        INDArray tgt = ids(F, 2, 3, 7, 2);
        INDArray[] masks = {mask(F, 4, 4, 2), mask(F, 3, 3, 3)};
        INDArray out = net.output(false, new INDArray[]{src, tgt}, masks, null)[0];
        // pad the source to 7 steps with junk ids
        INDArray longer = Nd4j.zeros(F, 2, 1, 7).addi(8);
        longer.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 4)).assign(src);
        longer.putScalar(new int[]{1, 0, 2}, 5); // a padded step of the short sentence
        INDArray out2 = net.output(false, new INDArray[]{longer, tgt}, new INDArray[]{mask(F, 7, 4, 2), masks[1]},
                null)[0];
        assertTrue(out.equalsWithEps(out2, 1e-5), () -> out + "\nvs\n" + out2);
        // the short sentence alone
        INDArray alone = net.output(false, new INDArray[]{src.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all(),
                NDArrayIndex.interval(0, 2)), tgt.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all(),
                NDArrayIndex.all())}, null, null)[0];
        INDArray row1 = out.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all(), NDArrayIndex.all());
        assertTrue(row1.equalsWithEps(alone, 1e-5));
        // without masks after a call with masks: nothing stale (all 4 steps count for example 1 now)
        INDArray unmasked = net.output(false, new INDArray[]{src, tgt}, null, null)[0];
        INDArray unmaskedAgain = net.output(false, new INDArray[]{src, tgt})[0];
        assertEquals(unmasked, unmaskedAgain);
        assertTrue(!unmasked.equalsWithEps(out, 1e-5));
    }

    @Test
    void configurationJsonRoundTripAndModelSerializer(@TempDir File tmp) throws Exception {
        ComputationGraph net = net();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        assertEquals(net.getConfiguration(), back);
        LuongAttentionVertex v = assertInstanceOf(LuongAttentionVertex.class, back.getVertices().get("att"));
        assertEquals(AttentionTestSupport.TGT, v.getDecoderMaskInput());
        assertEquals(AttentionTestSupport.SRC, v.getEncoderMaskInput());

        MultiDataSet data = new MultiDataSet(new INDArray[]{ids(F, 3, 5, 9, 1), ids(F, 3, 4, 7, 2)},
                new INDArray[]{labels(F, 3, 7, 4, 3)}, new INDArray[]{mask(F, 5, 5, 3, 1), mask(F, 4, 4, 2, 3)},
                new INDArray[]{mask(F, 4, 4, 2, 3)});
        net.fit(data);
        File file = new File(tmp, "attention.zip");
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertEquals(net.params(), restored.params());
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        INDArray[] in = data.getFeatures();
        INDArray[] m = data.getFeaturesMaskArrays();
        assertEquals(net.output(false, in, m, null)[0], restored.output(false, in, m, null)[0]);
    }

    /** Memorizes a tiny mapping: the loss falls by far in 60 Adam steps (the attention path carries the signal). */
    @Test
    void learnsATinyMapping() {
        ComputationGraph net = net();
        MultiDataSet data = new MultiDataSet(new INDArray[]{ids(F, 4, 5, 9, 1), ids(F, 4, 4, 7, 2)},
                new INDArray[]{labels(F, 4, 7, 4, 3)}, new INDArray[]{mask(F, 5, 5, 3, 4, 2), mask(F, 4, 4, 2, 3, 4)},
                new INDArray[]{mask(F, 4, 4, 2, 3, 4)});
        double before = net.score(data);
        for (int i = 0; i < 60; i++) {
            net.fit(data);
        }
        double after = net.score(data);
        assertTrue(after < 0.3 * before, "score " + before + " -> " + after);
    }

    @Test
    void rejectsAMaskInputThatIsNotAGraphInputAndDotWidthMismatch() {
        assertThrows(IllegalArgumentException.class, () -> LuongAttention.add(
                AttentionTestSupport.base(F, new Adam()).graphBuilder(), "a", LuongAttention.Score.DOT, "d", 4, "e", 5,
                null, null, 0));
        ComputationGraphConfiguration conf = AttentionTestSupport.base(F, new Adam()).graphBuilder()
                .addInputs("x", "y").addVertex("att", new LuongAttentionVertex("nope", null, true), "x", "y")
                .addLayer("out", AttentionTestSupport.softmax(6, 2), "att").setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        assertTrue(assertThrows(IllegalArgumentException.class, net::init).getMessage().contains("'nope'"));
    }
}
