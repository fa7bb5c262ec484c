package io.seqpipe.model;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds DL4J networks from a {@link ModelSpec}: one recurrent stack, with a head per task. Inputs are token ids
 * {@code [batch, T]} with a features mask {@code [batch, T]}; masks flow through every layer.
 *
 * <p>DL4J pitfalls handled here (see STACK.md): the embedding's {@code nIn} is set explicitly and no input type is
 * set (it would reset {@code nIn} to 1); dropout is given to DL4J as a <em>retain</em> probability.
 */
public final class NetworkFactory {
    private NetworkFactory() {
    }

    /**
     * Many-to-one classifier: embedding → recurrent stack → pooling over real steps → softmax over {@code classes}.
     */
    public static MultiLayerConfiguration sequenceClassifier(ModelSpec spec, OptimizerSpec opt, int vocabSize,
                                                             int classes) {
        NeuralNetConfiguration.ListBuilder list = base(opt).list();
        list.layer(new EmbeddingSequenceLayer.Builder().nIn(vocabSize).nOut(spec.embedding()).build());
        int nIn = spec.embedding();
        for (int i = 0; i < spec.layers(); i++) {
            Layer rnn = recurrentLayer(spec, nIn);
            boolean last = i == spec.layers() - 1;
            list.layer(last && spec.pooling() == ModelSpec.Pooling.LAST ? new LastTimeStep(rnn) : rnn);
            nIn = spec.outputWidth();
        }
        if (spec.pooling() != ModelSpec.Pooling.LAST) {
            list.layer(new GlobalPoolingLayer.Builder(spec.pooling() == ModelSpec.Pooling.MAX ? PoolingType.MAX
                    : PoolingType.AVG).build());
        }
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nIn(nIn).nOut(classes);
        if (spec.dropout() > 0) {
            out.dropOut(1.0 - spec.dropout());
        }
        list.layer(out.build());
        return list.build();
    }

    /** One recurrent layer of the spec's cell, wrapped in {@link Bidirectional} (concatenating) when asked. */
    static Layer recurrentLayer(ModelSpec spec, int nIn) {
        Layer cell = switch (spec.cell()) {
            case LSTM -> withDropout(new LSTM.Builder().nIn(nIn).nOut(spec.hidden()).activation(Activation.TANH),
                    spec).build();
            case RNN -> withDropout(new SimpleRnn.Builder().nIn(nIn).nOut(spec.hidden()).activation(Activation.TANH),
                    spec).build();
        };
        return spec.bidirectional() ? new CloneSafeBidirectional(Bidirectional.Mode.CONCAT, cell) : cell;
    }

    private static <B extends org.deeplearning4j.nn.conf.layers.Layer.Builder<B>> B withDropout(B builder,
                                                                                               ModelSpec spec) {
        if (spec.dropout() > 0) {
            builder.dropOut(1.0 - spec.dropout());
        }
        return builder;
    }

    private static NeuralNetConfiguration.Builder base(OptimizerSpec opt) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(opt.seed())
                .dataType(DataType.FLOAT)
                .updater(updater(opt))
                .weightInit(WeightInit.XAVIER);
        if (opt.l2() > 0) {
            b.l2(opt.l2());
        }
        if (opt.gradientClip() > 0) {
            b.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(opt.gradientClip());
        }
        return b;
    }

    static IUpdater updater(OptimizerSpec opt) {
        return switch (opt.updater()) {
            case ADAM -> new Adam(opt.learningRate());
            case SGD -> new Sgd(opt.learningRate());
            case RMSPROP -> new RmsProp(opt.learningRate());
            case NESTEROVS -> new Nesterovs(opt.learningRate(), 0.9);
        };
    }
}
