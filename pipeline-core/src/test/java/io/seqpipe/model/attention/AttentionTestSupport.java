package io.seqpipe.model.attention;

import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.gru.Gru;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

/** Small encoder-decoder graphs with attention, and their data, for the attention tests. */
final class AttentionTestSupport {
    static final String SRC = "src";
    static final String TGT = "tgt";

    private AttentionTestSupport() {
    }

    static NeuralNetConfiguration.Builder base(DataType dataType, IUpdater updater) {
        return new NeuralNetConfiguration.Builder().dataType(dataType).seed(12345).updater(updater)
                .weightInit(WeightInit.XAVIER);
    }

    static RnnOutputLayer softmax(int nIn, int classes) {
        return new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(nIn).nOut(classes).dataFormat(RNNFormat.NCW).build();
    }

    /** Dense inputs [b, 3, T]; LSTM encoder and decoder of width {@code hidden}; attention; softmax over 5. */
    static ComputationGraphConfiguration denseLstm(DataType dt, LuongAttention.Score score, int encoderHidden,
                                                   int decoderHidden, int attentional) {
        ComputationGraphConfiguration.GraphBuilder g = base(dt, new NoOp()).graphBuilder().addInputs(SRC, TGT)
                .addLayer("enc", new LSTM.Builder().nIn(3).nOut(encoderHidden).activation(Activation.TANH).build(), SRC)
                .addLayer("dec", new LSTM.Builder().nIn(3).nOut(decoderHidden).activation(Activation.TANH).build(),
                        TGT);
        LuongAttention.Wiring w = LuongAttention.add(g, "att", score, "dec", decoderHidden, "enc", encoderHidden, TGT,
                SRC, attentional);
        return g.addLayer("out", softmax(w.width(), 5), w.output()).setOutputs("out").build();
    }

    /**
     * The translation shape: source and target embeddings, a bidirectional GRU encoder built by
     * {@link NetworkFactory#recurrentStack} (mask-aware reversal), a GRU decoder, general attention with the
     * attentional state, softmax over the target vocabulary.
     */
    static ComputationGraphConfiguration embeddedBiGru(DataType dt, IUpdater updater, int srcVocab, int tgtVocab) {
        ComputationGraphConfiguration.GraphBuilder g = base(dt, updater).graphBuilder().addInputs(SRC, TGT)
                .addLayer("src_emb", new EmbeddingSequenceLayer.Builder().nIn(srcVocab).nOut(4).build(), SRC)
                .addLayer("tgt_emb", new EmbeddingSequenceLayer.Builder().nIn(tgtVocab).nOut(4).build(), TGT);
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.GRU, 1, 3, true, 4, 0.0, ModelSpec.Pooling.MAX);
        NetworkFactory.RecurrentStack enc = NetworkFactory.recurrentStack(g, spec, SRC, "src_emb", 4, true);
        g.addLayer("dec", new Gru.Builder().nIn(4).nOut(5).build(), "tgt_emb");
        LuongAttention.Wiring w = LuongAttention.add(g, "att", LuongAttention.Score.GENERAL, "dec", 5, enc.output(),
                spec.outputWidth(), TGT, SRC, 4);
        return g.addLayer("out", softmax(w.width(), tgtVocab), w.output()).setOutputs("out").build();
    }

    static INDArray uniform(DataType dt, double scale, long... shape) {
        return Nd4j.rand(dt, shape).subi(0.5).muli(2 * scale);
    }

    /** Prefix mask [batch, T]: row i has lengths[i] real steps. */
    static INDArray mask(DataType dt, int steps, int... lengths) {
        INDArray m = Nd4j.zeros(dt, lengths.length, steps);
        for (int i = 0; i < lengths.length; i++) {
            for (int t = 0; t < lengths[i]; t++) {
                m.putScalar(i, t, 1.0);
            }
        }
        return m;
    }

    static INDArray labels(DataType dt, int batch, int classes, int steps, long seed) {
        Random r = new Random(seed);
        INDArray l = Nd4j.zeros(dt, batch, classes, steps);
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < steps; t++) {
                l.putScalar(new int[]{i, r.nextInt(classes), t}, 1.0);
            }
        }
        return l;
    }

    static INDArray ids(DataType dt, int batch, int steps, int vocab, long seed) {
        Random r = new Random(seed);
        INDArray x = Nd4j.zeros(dt, batch, 1, steps);
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < steps; t++) {
                x.putScalar(new int[]{i, 0, t}, r.nextInt(vocab));
            }
        }
        return x;
    }
}
