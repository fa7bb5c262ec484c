package io.seqpipe.model.crf;

import io.seqpipe.model.lstm.Lstm;
import io.seqpipe.model.rnn.DoublePrecisionGradientChecks;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import static io.seqpipe.model.rnn.RnnTestSupport.base;
import static io.seqpipe.model.rnn.RnnTestSupport.labels;
import static io.seqpipe.model.rnn.RnnTestSupport.mask;
import static io.seqpipe.model.rnn.RnnTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite-difference checks of {@link CrfOutputLayer}'s hand-written backward pass inside a ComputationGraph, in double
 * precision, with padded steps (features mask) and a labels mask with an unknown tag inside a sentence; and the
 * layer's loss against the pure {@link LinearChainCrf}.
 */
class CrfOutputGradientCheckTest extends DoublePrecisionGradientChecks {
    private static final int TAGS = 3;

    /** Forbids 0 → 2 and 2 first. */
    private static TransitionConstraints constraints() {
        boolean[][] allowed = {{true, true, false}, {true, true, true}, {true, true, true}};
        return TransitionConstraints.of(allowed, new boolean[]{true, true, false}, new boolean[]{true, true, true});
    }

    private static ComputationGraph graph(boolean withLstm, TransitionConstraints c) {
        ComputationGraphConfiguration.GraphBuilder g = base(D).graphBuilder().addInputs("in");
        String into = "in";
        int width = 3;
        if (withLstm) {
            g.addLayer("rnn", new Lstm.Builder().nIn(3).nOut(4).build(), "in");
            into = "rnn";
            width = 4;
        }
        g.addLayer("out", new CrfOutput.Builder().nIn(width).nOut(TAGS).constraints(c).build(), into);
        ComputationGraph net = new ComputationGraph(g.setOutputs("out").build());
        net.init();
        return net;
    }

    /** Labels that keep away from the forbidden transitions (0 → 2, 2 first): tags 0 and 1 only, then a 2 after 1. */
    private static INDArray validLabels(int batch, int steps) {
        INDArray l = labels(D, batch, 2, steps, 5);
        INDArray out = Nd4j.zeros(D, batch, TAGS, steps);
        out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(l);
        // sentence 0: tag 2 at step 2, after a 1
        out.putScalar(new int[]{0, 0, 1}, 0);
        out.putScalar(new int[]{0, 1, 1}, 1);
        out.putScalar(new int[]{0, 0, 2}, 0);
        out.putScalar(new int[]{0, 1, 2}, 0);
        out.putScalar(new int[]{0, 2, 2}, 1);
        return out;
    }

    private static boolean check(ComputationGraph net, INDArray features, INDArray labels, INDArray featuresMask,
                                 INDArray labelsMask) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{features}).labels(new INDArray[]{labels})
                .inputMask(new INDArray[]{featuresMask}).labelMask(new INDArray[]{labelsMask}).epsilon(EPSILON)
                .maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
    }

    @Test
    void crfAloneWithPadding() {
        ComputationGraph net = graph(false, null);
        randomizeParams(net.params());
        INDArray m = mask(D, 5, 5, 3, 1);
        assertTrue(check(net, uniform(D, 1, 3, 3, 5), labels(D, 3, TAGS, 5, 2), m, m));
    }

    @Test
    void lstmAndConstrainedCrfWithPaddingAndAnUnknownTag() {
        ComputationGraph net = graph(true, constraints());
        randomizeParams(net.params());
        INDArray featuresMask = mask(D, 5, 5, 4, 2);
        INDArray labelsMask = featuresMask.dup();
        labelsMask.putScalar(1, 1, 0); // sentence 1's tag at step 1 is unknown
        assertTrue(check(net, uniform(D, 1, 3, 3, 5), validLabels(3, 5), featuresMask, labelsMask));
    }

    /** The graph's score is the mean sentence NLL of the pure CRF with the layer's parameters; padding plays no part. */
    @Test
    void scoreIsTheMeanSentenceNllAndIgnoresPadding() {
        ComputationGraph net = graph(false, null);
        randomizeParams(net.params());
        INDArray features = uniform(D, 1, 2, 3, 4);
        INDArray labels = labels(D, 2, TAGS, 4, 3);
        INDArray m = mask(D, 4, 4, 2);
        double score = net.score(new MultiDataSet(new INDArray[]{features}, new INDArray[]{labels},
                new INDArray[]{m}, new INDArray[]{m}));

        CrfOutputLayer layer = (CrfOutputLayer) net.getLayer("out");
        INDArray emissions = net.output(false, new INDArray[]{features}, new INDArray[]{m})[0]; // [2, K, 4]
        LinearChainCrf crf = layer.crf();
        double expected = 0;
        int[] lengths = {4, 2};
        for (int i = 0; i < 2; i++) {
            double[][] em = emissions.slice(i).transpose().toDoubleMatrix();
            int[] gold = new int[4];
            for (int t = 0; t < 4; t++) {
                gold[t] = labels.slice(i).getColumn(t).argMax().getInt(0);
            }
            expected += crf.negativeLogLikelihood(em, lengths[i], gold, 1, new double[4][TAGS],
                    new LinearChainCrf.Gradient(TAGS));
        }
        assertEquals(expected / 2, score, 1e-10);

        // padded steps with other features and labels: the same score
        features.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4)).assign(7);
        double again = net.score(new MultiDataSet(new INDArray[]{features}, new INDArray[]{labels.dup()},
                new INDArray[]{m}, new INDArray[]{m}));
        assertEquals(score, again, 1e-10);

        // an unknown last tag (labels mask 0 inside the features mask) is marginalized, not cut off
        INDArray labelsMask = m.dup();
        labelsMask.putScalar(0, 3, 0);
        double partly = net.score(new MultiDataSet(new INDArray[]{features}, new INDArray[]{labels.dup()},
                new INDArray[]{m}, new INDArray[]{labelsMask}));
        double expectedPartly = 0;
        for (int i = 0; i < 2; i++) {
            double[][] em = emissions.slice(i).transpose().toDoubleMatrix();
            int[] gold = new int[4];
            for (int t = 0; t < 4; t++) {
                gold[t] = i == 0 && t == 3 ? -1 : labels.slice(i).getColumn(t).argMax().getInt(0);
            }
            expectedPartly += crf.negativeLogLikelihood(em, lengths[i], gold, 1, new double[4][TAGS],
                    new LinearChainCrf.Gradient(TAGS));
        }
        assertEquals(expectedPartly / 2, partly, 1e-10);
    }

    @Test
    void constraintsSurviveTheJsonConfiguration() {
        ComputationGraph net = graph(true, constraints());
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        CrfOutput out = (CrfOutput) ((org.deeplearning4j.nn.conf.graph.LayerVertex) back.getVertices().get("out"))
                .getLayerConf().getLayer();
        assertEquals(constraints(), out.constraints());
        assertEquals(net.getConfiguration(), back);
    }
}
