package io.seqpipe.model.chars;

import io.seqpipe.model.rnn.DoublePrecisionGradientChecks;
import io.seqpipe.model.rnn.RnnTestSupport;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import static io.seqpipe.model.rnn.RnnTestSupport.base;
import static io.seqpipe.model.rnn.RnnTestSupport.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The character encoder: finite-difference gradient checks in double precision (every parameter: the character
 * embedding, the LSTM directions or the filters, and the output layer above) with padded words and padded characters,
 * and the promise that padding changes nothing: the same words with more padding characters, or in a batch with more
 * padded words, give the same outputs.
 */
class CharacterEncoderTest extends DoublePrecisionGradientChecks {
    private static final int VOCAB = 7;

    private static ComputationGraph network(CharacterEncoder.Kind kind) {
        CharacterEncoder encoder = new CharacterEncoder.Builder().kind(kind).nIn(VOCAB).charEmbedding(3).hidden(2)
                .filters(3).width(3).build();
        ComputationGraphConfiguration conf = base(D).graphBuilder().addInputs("chars")
                .addLayer("encoder", encoder, "chars")
                .addLayer("out", RnnTestSupport.softmaxOutput((int) encoder.getNOut(), 3), "encoder")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        randomizeParams(net.params());
        return net;
    }

    /**
     * Ids {@code [2, 4, 3]}: example 0 has 3 words (lengths 3, 1, 4), example 1 has 2 words (lengths 2, 4) and a
     * padded third word; character positions after each word's end are padding.
     */
    private static INDArray chars() {
        double[][][] ids = new double[2][4][3];
        int[][][] words = {{{2, 3, 4}, {5}, {6, 2, 2, 3}}, {{4, 5}, {3, 3, 6, 2}, {}}};
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < 3; t++) {
                for (int l = 0; l < words[i][t].length; l++) {
                    ids[i][l][t] = words[i][t][l];
                }
            }
        }
        return Nd4j.createFromArray(ids).castTo(D);
    }

    private static INDArray mask() {
        return Nd4j.createFromArray(new double[][]{{1, 1, 1}, {1, 1, 0}}).castTo(D);
    }

    @Test
    void lstmGradientsWithPaddedWordsAndCharacters() {
        ComputationGraph net = network(CharacterEncoder.Kind.LSTM);
        assertTrue(checkGraph(net, chars(), labels(D, 2, 3, 3, 7), mask()));
    }

    @Test
    void cnnGradientsWithPaddedWordsAndCharacters() {
        ComputationGraph net = network(CharacterEncoder.Kind.CNN);
        assertTrue(checkGraph(net, chars(), labels(D, 2, 3, 3, 7), mask()));
    }

    @Test
    void paddingChangesNothing() {
        for (CharacterEncoder.Kind kind : CharacterEncoder.Kind.values()) {
            ComputationGraph net = network(kind);
            INDArray chars = chars();
            INDArray out = encoded(net, chars, mask());
            // three more padding characters per word, and a fourth, padded word per example
            INDArray wider = Nd4j.zeros(D, 2, 7, 4);
            wider.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)).assign(chars);
            wider.putScalar(new long[]{1, 0, 3}, 5); // characters under a masked word are ignored too
            INDArray widerMask = Nd4j.createFromArray(new double[][]{{1, 1, 1, 0}, {1, 1, 0, 0}}).castTo(D);
            INDArray padded = encoded(net, wider, widerMask);
            assertEquals(0, out.sub(padded.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)))
                    .amaxNumber().doubleValue(), 1e-12, kind.name());
            assertEquals(0, padded.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(3))
                    .amaxNumber().doubleValue(), 0, "padded words encode to zero");
            // one word alone encodes as it does in the batch
            INDArray single = Nd4j.zeros(D, 1, 4, 1);
            single.putScalar(new long[]{0, 0, 0}, 3);
            single.putScalar(new long[]{0, 1, 0}, 3);
            single.putScalar(new long[]{0, 2, 0}, 6);
            single.putScalar(new long[]{0, 3, 0}, 2);
            INDArray alone = encoded(net, single, Nd4j.ones(D, 1, 1));
            assertEquals(0, alone.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                    .sub(out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                            org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(1)))
                    .amaxNumber().doubleValue(), 1e-12, kind.name());
        }
    }

    @Test
    void survivesSerialization() throws Exception {
        ComputationGraph net = network(CharacterEncoder.Kind.LSTM);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()),
                false);
        assertEquals(net.getConfiguration(), back.getConfiguration());
        assertEquals(0, encoded(net, chars(), mask()).sub(encoded(back, chars(), mask())).amaxNumber().doubleValue(),
                0);
    }

    private static INDArray encoded(ComputationGraph net, INDArray chars, INDArray mask) {
        net.setLayerMaskArrays(new INDArray[]{mask}, null);
        INDArray out = net.feedForward(new INDArray[]{chars}, false, false).get("encoder").dup();
        net.clearLayerMaskArrays();
        return out;
    }

    @SuppressWarnings("unused")
    private static final Class<?> UTIL = GradientCheckUtil.class;
}
