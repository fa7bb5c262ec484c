package io.seqpipe.model.gru;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.seqpipe.model.gru.GruTestSupport.base;
import static io.seqpipe.model.gru.GruTestSupport.bidirectional;
import static io.seqpipe.model.gru.GruTestSupport.gru;
import static io.seqpipe.model.gru.GruTestSupport.labels;
import static io.seqpipe.model.gru.GruTestSupport.mask;
import static io.seqpipe.model.gru.GruTestSupport.softmaxOutput;
import static io.seqpipe.model.gru.GruTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite-difference checks of the GRU's hand-written backward pass, in double precision: every parameter of the
 * network (GRU and the layers around it) against its numerical gradient. GradientCheckUtil logs the largest relative
 * error of each check ("Largest relative error = ...").
 */
class GruGradientCheckTest {
    private static final double EPSILON = 1e-6;
    private static final double MAX_REL_ERROR = 1e-3;
    private static final double MIN_ABS_ERROR = 1e-8;
    private static final DataType D = DataType.DOUBLE;

    private static DataType previousDefault;
    private static DataType previousFloatingPoint;

    @BeforeAll
    static void doublePrecision() {
        previousDefault = Nd4j.dataType();
        previousFloatingPoint = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousDefault, previousFloatingPoint);
    }

    @BeforeEach
    void seed(TestInfo test) {
        Nd4j.getRandom().setSeed(42);
        // GradientCheckUtil's summary line ("Largest relative error = ...") follows in the test output
        System.out.println("gradient check: " + test.getDisplayName());
    }

    /** Larger than Xavier's, non-zero biases: exercises every gate away from its linear region. */
    private static void randomizeParams(INDArray params) {
        params.assign(uniform(D, 0.8, params.shape()));
    }

    private static boolean check(MultiLayerNetwork net, INDArray features, INDArray labels, INDArray mask) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(features)
                .labels(labels).inputMask(mask).labelMask(mask).epsilon(EPSILON).maxRelError(MAX_REL_ERROR)
                .minAbsoluteError(MIN_ABS_ERROR).print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                .exitOnFirstError(false));
    }

    @Test
    void gruAlone() {
        MultiLayerConfiguration conf = base(D).list().layer(gru(3, 4)).layer(softmaxOutput(4, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        randomizeParams(net.params());
        assertTrue(check(net, uniform(D, 1, 3, 3, 5), labels(D, 3, 3, 5, 1), null));
    }

    @Test
    void gruWithMaskAndVariableLengths() {
        MultiLayerConfiguration conf = base(D).list().layer(gru(3, 4)).layer(softmaxOutput(4, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        randomizeParams(net.params());
        assertTrue(check(net, uniform(D, 1, 4, 3, 6), labels(D, 4, 3, 6, 2), mask(D, 6, 6, 4, 1, 3)));
    }

    /** Pre-padding and holes: the state must pass through masked steps between real ones, in both directions. */
    @Test
    void gruWithLeadingPaddingAndHolesInTheMask() {
        MultiLayerConfiguration conf = base(D).list().layer(gru(3, 4)).layer(softmaxOutput(4, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        randomizeParams(net.params());
        INDArray mask = Nd4j.createFromArray(new double[][]{
                {0, 0, 1, 1, 1, 1}, {1, 0, 1, 1, 0, 1}, {1, 1, 0, 0, 1, 0}});
        assertTrue(check(net, uniform(D, 1, 3, 3, 6), labels(D, 3, 3, 6, 6), mask));
    }

    @Test
    void stackedGrus() {
        MultiLayerConfiguration conf = base(D).list().layer(gru(3, 4)).layer(gru(4, 3)).layer(softmaxOutput(3, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        randomizeParams(net.params());
        assertTrue(check(net, uniform(D, 1, 3, 3, 5), labels(D, 3, 2, 5, 3), mask(D, 5, 5, 2, 4)));
    }

    @Test
    void bidirectionalGraphWithMask() {
        ComputationGraph net = new ComputationGraph(bidirectional(D, 3, 3, 2));
        net.init();
        randomizeParams(net.params());
        INDArray mask = mask(D, 5, 5, 3, 1);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{uniform(D, 1, 3, 3, 5)}).labels(new INDArray[]{labels(D, 3, 2, 5, 4)})
                .inputMask(new INDArray[]{mask}).labelMask(new INDArray[]{mask}).epsilon(EPSILON)
                .maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertTrue(ok);
    }

    @Test
    void behindAnEmbeddingLayer() {
        int vocab = 7;
        MultiLayerConfiguration conf = base(D).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(4).build())
                .layer(gru(4, 3))
                .layer(softmaxOutput(3, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        randomizeParams(net.params());
        INDArray tokens = Nd4j.zeros(D, 3, 1, 6);
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 3; i++) {
            for (int t = 0; t < 6; t++) {
                tokens.putScalar(new int[]{i, 0, t}, r.nextInt(vocab));
            }
        }
        assertTrue(check(net, tokens, labels(D, 3, 3, 6, 5), mask(D, 6, 6, 2, 4)));
    }
}
