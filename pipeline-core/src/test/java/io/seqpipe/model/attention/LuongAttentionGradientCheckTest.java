package io.seqpipe.model.attention;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.seqpipe.testing.DoublePrecision;
import org.junit.jupiter.api.TestInfo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import static io.seqpipe.model.attention.AttentionTestSupport.denseLstm;
import static io.seqpipe.model.attention.AttentionTestSupport.embeddedBiGru;
import static io.seqpipe.model.attention.AttentionTestSupport.ids;
import static io.seqpipe.model.attention.AttentionTestSupport.labels;
import static io.seqpipe.model.attention.AttentionTestSupport.mask;
import static io.seqpipe.model.attention.AttentionTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite-difference checks (GradientCheckUtil, double precision) of every parameter of encoder-decoder graphs with
 * Luong attention, with source and target masks of different lengths per example: the vertex's backward pass, the
 * general score's W_a, the attentional W_c, and everything below them through the attention's epsilons.
 */
@Tag("slow")
@ExtendWith(DoublePrecision.class)
class LuongAttentionGradientCheckTest {
    private static final DataType D = DataType.DOUBLE;

    @BeforeEach
    void seed(TestInfo test) {
        Nd4j.getRandom().setSeed(42);
        System.out.println("gradient check: " + test.getDisplayName());
    }

    private static boolean check(ComputationGraphConfiguration conf, INDArray src, INDArray tgt, INDArray srcMask,
                                 INDArray tgtMask, INDArray labels) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        net.params().assign(uniform(D, 0.8, net.params().shape()));
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{src, tgt}).labels(new INDArray[]{labels})
                .inputMask(srcMask == null ? null : new INDArray[]{srcMask, tgtMask})
                .labelMask(tgtMask == null ? null : new INDArray[]{tgtMask})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
    }

    @Test
    void dotScoreWithoutMasks() {
        assertTrue(check(denseLstm(D, LuongAttention.Score.DOT, 4, 4, 0), uniform(D, 1, 2, 3, 5),
                uniform(D, 1, 2, 3, 4), null, null, labels(D, 2, 5, 4, 1)));
    }

    @Test
    void dotScoreWithSourceAndTargetMasks() {
        assertTrue(check(denseLstm(D, LuongAttention.Score.DOT, 4, 4, 0), uniform(D, 1, 3, 3, 6),
                uniform(D, 1, 3, 3, 5), mask(D, 6, 6, 2, 4), mask(D, 5, 3, 5, 1), labels(D, 3, 5, 5, 2)));
    }

    @Test
    void generalScoreWithAttentionalStateAndMasks() {
        assertTrue(check(denseLstm(D, LuongAttention.Score.GENERAL, 3, 4, 3), uniform(D, 1, 3, 3, 6),
                uniform(D, 1, 3, 3, 5), mask(D, 6, 1, 6, 3), mask(D, 5, 5, 2, 4), labels(D, 3, 5, 5, 3)));
    }

    @Test
    void embeddedBidirectionalGruEncoderGeneralAttention() {
        assertTrue(check(embeddedBiGru(D, new NoOp(), 9, 7), ids(D, 3, 6, 9, 4), ids(D, 3, 5, 7, 5),
                mask(D, 6, 6, 3, 2), mask(D, 5, 4, 5, 2), labels(D, 3, 7, 5, 6)));
    }
}
