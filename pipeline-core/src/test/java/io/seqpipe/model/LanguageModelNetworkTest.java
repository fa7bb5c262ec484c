package io.seqpipe.model;

import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.model.NetworkFactory.TokenInput;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link NetworkFactory#languageModel} builds: its inputs, truncated-BPTT settings and refusals. */
class LanguageModelNetworkTest {
    private static final OptimizerSpec OPT = new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.01, 0, 0, 3);

    private static ModelSpec spec(ModelSpec.Cell cell, boolean bidirectional) {
        return new ModelSpec(cell, 2, 4, bidirectional, 3, 0.0, ModelSpec.Pooling.MAX);
    }

    @Test
    void truncatedBpttLengthSetsBothDirections() {
        ComputationGraphConfiguration conf = NetworkFactory.languageModel(spec(ModelSpec.Cell.LSTM, false), OPT, 7,
                TokenInput.EMBEDDING, 5);
        assertEquals(BackpropType.TruncatedBPTT, conf.getBackpropType());
        assertEquals(5, conf.getTbpttFwdLength());
        assertEquals(5, conf.getTbpttBackLength());
        // the form dl4j-spark workers rebuild the network from
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
        assertEquals(BackpropType.Standard, NetworkFactory.languageModel(spec(ModelSpec.Cell.GRU, false), OPT, 7,
                TokenInput.EMBEDDING, 0).getBackpropType());
    }

    @Test
    void oneHotInputFeedsTheIdsAsOneHotVectorsWithoutParameters() {
        ComputationGraphConfiguration conf = NetworkFactory.languageModel(spec(ModelSpec.Cell.GRU, false), OPT, 4,
                TokenInput.ONE_HOT, 0);
        ComputationGraph net = new ComputationGraph(ComputationGraphConfiguration.fromJson(conf.toJson()));
        net.init();
        // GRU 4 -> 4 and 4 -> 4: 3 gates × (4 + 4 + 1) × 4 each; output 4 × 4 + 4; no embedding
        assertEquals(2 * 3 * 9 * 4 + 20, net.numParams());
        INDArray ids = Nd4j.createFromArray(new float[][][]{{{2, 0, 3}}, {{1, 1, 0}}});
        Map<String, INDArray> activations = net.feedForward(ids, false);
        INDArray oneHot = activations.get(NetworkFactory.ONE_HOT);
        assertArrayEquals(new long[]{2, 4, 3}, oneHot.shape());
        float[][][] expected = {{{0, 1, 0}, {0, 0, 0}, {1, 0, 0}, {0, 0, 1}}, {{0, 0, 1}, {1, 1, 0}, {0, 0, 0},
                {0, 0, 0}}};
        assertEquals(Nd4j.createFromArray(expected), oneHot.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> net.output(Nd4j.createFromArray(new float[][][]{{{1, 4}}})));
        assertEquals("token id 4.0 at example 0, step 1 is outside the one-hot vocabulary [0, 4)", e.getMessage());
    }

    @Test
    void aBidirectionalLanguageModelIsRefused() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> NetworkFactory.languageModel(
                spec(ModelSpec.Cell.LSTM, true), OPT, 7, TokenInput.EMBEDDING, 0));
        assertEquals("model.bidirectional must be false for a language model (it predicts each token from the tokens "
                + "before it only), got true", e.getMessage());
    }

    @Test
    void truncatedBpttWithTheSimpleRnnIsRefused() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> NetworkFactory.languageModel(
                spec(ModelSpec.Cell.RNN, false), OPT, 7, TokenInput.EMBEDDING, 20));
        assertEquals("train.tbptt must be 0 with model.cell = rnn (truncated BPTT needs model.cell = lstm or gru), "
                + "got 20", e.getMessage());
        assertTrue(NetworkFactory.languageModel(spec(ModelSpec.Cell.RNN, false), OPT, 7, TokenInput.EMBEDDING, 0)
                .getBackpropType() == BackpropType.Standard);
        InvalidConfigException negative = assertThrows(InvalidConfigException.class, () -> NetworkFactory
                .languageModel(spec(ModelSpec.Cell.LSTM, false), OPT, 7, TokenInput.EMBEDDING, -1));
        assertEquals("train.tbptt must be >= 0 (0 = full backpropagation), got -1", negative.getMessage());
    }
}
