package io.seqpipe.model.rnn;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Base of the finite-difference gradient checks of SeqPipe's recurrent layers: ND4J's defaults switched to double
 * precision for the class (and restored after), a fixed seed per test, and the thresholds and call of
 * {@link GradientCheckUtil}, which logs the largest relative error of each check ("Largest relative error = ...").
 */
public abstract class DoublePrecisionGradientChecks {
    protected static final double EPSILON = 1e-6;
    protected static final double MAX_REL_ERROR = 1e-3;
    protected static final double MIN_ABS_ERROR = 1e-8;
    protected static final DataType D = DataType.DOUBLE;

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
    protected static void randomizeParams(INDArray params) {
        params.assign(RnnTestSupport.uniform(D, 0.8, params.shape()));
    }

    /** Checks every parameter of a one-input graph against its numerical gradient; masks features and labels. */
    protected static boolean checkGraph(ComputationGraph net, INDArray features, INDArray labels, INDArray mask) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{features}).labels(new INDArray[]{labels})
                .inputMask(new INDArray[]{mask}).labelMask(new INDArray[]{mask}).epsilon(EPSILON)
                .maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
    }

    /** Checks every parameter of {@code net} against its numerical gradient; masks both features and labels. */
    protected static boolean check(MultiLayerNetwork net, INDArray features, INDArray labels, INDArray mask) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(features)
                .labels(labels).inputMask(mask).labelMask(mask).epsilon(EPSILON).maxRelError(MAX_REL_ERROR)
                .minAbsoluteError(MIN_ABS_ERROR).print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                .exitOnFirstError(false));
    }
}
