package io.seqpipe.model.lstm;

import io.seqpipe.model.rnn.RnnTestSupport;
import io.seqpipe.model.rnn.DoublePrecisionGradientChecks;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.seqpipe.model.rnn.RnnTestSupport.base;
import static io.seqpipe.model.rnn.RnnTestSupport.labels;
import static io.seqpipe.model.rnn.RnnTestSupport.mask;
import static io.seqpipe.model.rnn.RnnTestSupport.softmaxOutput;
import static io.seqpipe.model.rnn.RnnTestSupport.tokens;
import static io.seqpipe.model.rnn.RnnTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite-difference checks of the LSTM's hand-written backward pass, in double precision: every parameter of the
 * network (LSTM and the layers around it) against its numerical gradient. GradientCheckUtil computes the analytic
 * gradient with a training forward pass followed by backpropagation, the path where the layer reuses its forward
 * pass. Masks: real steps first (the layer's fast path, no per-step masking) and masks with holes and leading padding
 * (masked step by step, state passing through).
 */
class LstmGradientCheckTest extends DoublePrecisionGradientChecks {
    static Lstm lstm(int nIn, int nOut) {
        return new Lstm.Builder().nIn(nIn).nOut(nOut).build();
    }

    private static MultiLayerNetwork network(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        randomizeParams(net.params());
        return net;
    }

    @Test
    void lstmAlone() {
        MultiLayerNetwork net = network(base(D).list().layer(lstm(3, 4)).layer(softmaxOutput(4, 3)).build());
        assertTrue(check(net, uniform(D, 1, 3, 3, 5), labels(D, 3, 3, 5, 1), null));
    }

    @Test
    void lstmWithPrefixMasksOfVariableLength() {
        MultiLayerNetwork net = network(base(D).list().layer(lstm(3, 4)).layer(softmaxOutput(4, 3)).build());
        assertTrue(check(net, uniform(D, 1, 4, 3, 6), labels(D, 4, 3, 6, 2), mask(D, 6, 6, 4, 1, 3)));
    }

    /** Pre-padding and holes: the state must pass through masked steps between real ones. */
    @Test
    void lstmWithLeadingPaddingAndHolesInTheMask() {
        MultiLayerNetwork net = network(base(D).list().layer(lstm(3, 4)).layer(softmaxOutput(4, 3)).build());
        INDArray mask = Nd4j.createFromArray(new double[][]{
                {0, 0, 1, 1, 1, 1}, {1, 0, 1, 1, 0, 1}, {1, 1, 0, 0, 1, 0}});
        assertTrue(check(net, uniform(D, 1, 3, 3, 6), labels(D, 3, 3, 6, 6), mask));
    }

    @Test
    void stackedLstmsWithAForgetBiasOtherThanOne() {
        MultiLayerNetwork net = network(base(D).list().layer(lstm(3, 4))
                .layer(new Lstm.Builder().nIn(4).nOut(3).forgetGateBiasInit(-0.5).build())
                .layer(softmaxOutput(3, 2)).build());
        assertTrue(check(net, uniform(D, 1, 3, 3, 5), labels(D, 3, 2, 5, 3), mask(D, 5, 5, 2, 4)));
    }

    @Test
    void bidirectionalGraphWithMask() {
        ComputationGraph net = new ComputationGraph(RnnTestSupport.bidirectional(D, LstmGradientCheckTest::lstm,
                3, 3, 2));
        net.init();
        randomizeParams(net.params());
        INDArray mask = mask(D, 5, 5, 3, 1);
        assertTrue(checkGraph(net, uniform(D, 1, 3, 3, 5), labels(D, 3, 2, 5, 4), mask));
    }

    @Test
    void behindAnEmbeddingLayer() {
        int vocab = 7;
        MultiLayerNetwork net = network(base(D).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(4).build())
                .layer(lstm(4, 3))
                .layer(softmaxOutput(3, 3))
                .build());
        INDArray tokens = tokens(D, 3, 6, vocab, 5);
        assertTrue(check(net, tokens, labels(D, 3, 3, 6, 5), mask(D, 6, 6, 2, 4)));
    }
}
