package io.seqpipe.model;

import io.seqpipe.model.crf.CrfOutput;
import io.seqpipe.model.gru.Gru;
import io.seqpipe.model.lstm.Lstm;
import io.seqpipe.config.ConfigReader;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import io.seqpipe.model.attention.LuongAttention;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

/**
 * Builds DL4J computation graphs from a {@link ModelSpec}: one recurrent stack, with a head per task. The graph input
 * {@value #INPUT} takes token ids {@code [batch, 1, T]} with a features mask {@code [batch, T]}, real steps first
 * ({@code io.seqpipe.train.BatchAssembler} left-aligns every sequence); masks flow through every vertex.
 *
 * <p>Bidirectional layers are built from two recurrent layers rather than DL4J's {@code Bidirectional} wrapper. The
 * wrapper reverses the whole padded tensor, so its backward LSTM reads the padding before the real tokens and its
 * state (driven by the biases over the padded steps) depends on how much padding the batch has: the same sentence
 * scores differently in different batches. Here the backward layer reads {@link MaskedReverseVertex}, which reverses
 * each sequence within its mask, and its output is reversed back before the concatenation. (The wrapper's shallow
 * {@code clone()} also shares dropout state between concurrent Spark tasks.)
 *
 * <p>Other DL4J pitfalls handled here (STACK.md): the embedding's {@code nIn} is set explicitly and no input type is
 * set (it would reset {@code nIn} to 1); dropout is given to DL4J as a <em>retain</em> probability.
 */
public final class NetworkFactory {
    /** The name of the token-id input. */
    public static final String INPUT = "tokens";
    /** The name of the dense-features input. */
    public static final String FEATURES = "features";
    /** The name of the output layer. */
    public static final String OUTPUT = "output";
    /** The embedding layer of {@link #sequenceClassifier} (its {@code nIn}: the vocabulary size). */
    public static final String EMBEDDING = "embedding";
    /** The first recurrent layer of every stack built by {@link #recurrentStack} (its {@code nIn}: the input width). */
    public static final String FIRST_RECURRENT = "rnn1_fwd";

    private NetworkFactory() {
    }

    /**
     * Many-to-one classifier: embedding → recurrent stack → pooling over real steps (or the last real step of each
     * direction) → softmax over {@code classes}.
     */
    public static ComputationGraphConfiguration sequenceClassifier(ModelSpec spec, OptimizerSpec opt, int vocabSize,
                                                                   int classes) {
        return sequenceClassifier(spec, opt, vocabSize, false, null, 0, classes);
    }

    /**
     * {@link #sequenceClassifier(ModelSpec, OptimizerSpec, int, int)} with the embedding ({@value #EMBEDDING}) frozen
     * when {@code frozenEmbedding} (pretrained vectors kept as loaded: no gradient step, no weight penalty), and a
     * character-level word encoder when {@code chars} is enabled: a second input {@value #CHARS} {@code [batch, L, T]}
     * (each word's character ids, 0 = padding) → {@link io.seqpipe.model.chars.CharacterEncoder}
     * ({@value #CHAR_ENCODER}) → one vector per word, concatenated after the word embedding before the recurrent
     * stack. Without either, the graph of the four-argument form.
     *
     * @param chars          the character encoder; null or {@code none}: none
     * @param charVocabulary the character vocabulary size (with chars)
     */
    public static ComputationGraphConfiguration sequenceClassifier(ModelSpec spec, OptimizerSpec opt, int vocabSize,
                                                                   boolean frozenEmbedding, CharEncoderSpec chars,
                                                                   int charVocabulary, int classes) {
        ComputationGraphConfiguration.GraphBuilder g = base(opt).graphBuilder().addInputs(INPUT);
        Layer embedding = new EmbeddingSequenceLayer.Builder().nIn(vocabSize).nOut(spec.embedding()).build();
        g.addLayer(EMBEDDING, frozenIf(frozenEmbedding, embedding), INPUT);
        String stackInput = EMBEDDING;
        int width = spec.embedding();
        if (chars != null && chars.enabled()) {
            width += addCharEncoder(g, chars, charVocabulary);
            g.addVertex("embeddings", new TimeSeriesMergeVertex(), EMBEDDING, CHAR_ENCODER);
            stackInput = "embeddings";
        }
        String pooled = pooledStack(g, spec, INPUT, stackInput, width);
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nIn(spec.outputWidth()).nOut(classes);
        if (spec.dropout() > 0) {
            out.dropOut(1.0 - spec.dropout());
        }
        g.addLayer(OUTPUT, out.build(), pooled);
        return withoutRegularizationOfFrozen(g.setOutputs(OUTPUT).build());
    }

    /**
     * Per-step classifier over dense feature vectors (one-hot tokens, time-series features): input {@value #FEATURES}
     * {@code [batch, inputFeatures, T]} → recurrent stack → softmax over {@code classes} at every step
     * ({@link RnnOutputLayer}, masked by the features mask). The embedding size of {@code spec} is not used.
     */
    public static ComputationGraphConfiguration denseSequenceTagger(ModelSpec spec, OptimizerSpec opt,
                                                                    int inputFeatures, int classes) {
        ComputationGraphConfiguration.GraphBuilder g = base(opt).graphBuilder().addInputs(FEATURES);
        RecurrentStack stack = recurrentStack(g, spec, FEATURES, FEATURES, inputFeatures, true);
        RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nIn(spec.outputWidth()).nOut(classes).dataFormat(RNNFormat.NCW);
        if (spec.dropout() > 0) {
            out.dropOut(1.0 - spec.dropout());
        }
        g.addLayer(OUTPUT, out.build(), stack.output());
        return g.setOutputs(OUTPUT).build();
    }

    /**
     * Per-token tagger over several id channels: input {@value #INPUT} {@code [batch, channels, T]} (channel order as
     * in {@code channels}) → one embedding per channel ({@link IdChannelVertex} picks the channel), concatenated →
     * recurrent stack → softmax over {@code tags} at every step ({@link RnnOutputLayer}; the labels mask keeps padding
     * and unknown tags out of the loss). The embedding size of {@code spec} is not used: each channel has its own.
     */
    public static ComputationGraphConfiguration tokenTagger(ModelSpec spec, OptimizerSpec opt,
                                                            List<TokenChannel> channels, int tags) {
        return tokenTagger(spec, opt, channels, null, 0, tags, TaggerHead.softmax());
    }

    /**
     * The graph input of the character ids {@code [batch, L, T]} of a {@link #tokenTagger} or
     * {@link #sequenceClassifier} with a character encoder (features mask: real words).
     */
    public static final String CHARS = "chars";
    /**
     * The character encoder of a {@link #tokenTagger} or {@link #sequenceClassifier} (its {@code nIn}: the character
     * vocabulary size).
     */
    public static final String CHAR_ENCODER = "char_encoder";

    /**
     * {@link #tokenTagger(ModelSpec, OptimizerSpec, List, int)} with a character-level word encoder when
     * {@code chars} is enabled, and the output layer {@code head}.
     * <ul>
     *   <li>chars: a second input {@value #CHARS} {@code [batch, L, T]} (each word's character ids, 0 = padding) →
     *       {@link io.seqpipe.model.chars.CharacterEncoder} ({@value #CHAR_ENCODER}) → one vector per word,
     *       concatenated after the id channels' embeddings;</li>
     *   <li>head: the softmax, or a linear-chain CRF ({@link CrfOutput}, {@value #OUTPUT}: emissions from the stack's
     *       output, transition scores, sentence NLL; decode with Viterbi).</li>
     * </ul>
     *
     * @param chars          the character encoder; null or {@code none}: none (the graph of the four-argument form)
     * @param charVocabulary the character vocabulary size (with chars)
     */
    public static ComputationGraphConfiguration tokenTagger(ModelSpec spec, OptimizerSpec opt,
                                                            List<TokenChannel> channels, CharEncoderSpec chars,
                                                            int charVocabulary, int tags, TaggerHead head) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a token tagger needs at least one input channel");
        }
        ComputationGraphConfiguration.GraphBuilder g = base(opt).graphBuilder().addInputs(INPUT);
        String[] embedded = new String[channels.size()];
        int width = 0;
        for (int c = 0; c < channels.size(); c++) {
            TokenChannel ch = channels.get(c);
            g.addVertex(ch.name() + "_ids", new IdChannelVertex(c), INPUT);
            embedded[c] = embeddingOf(ch.name());
            Layer embedding = new EmbeddingSequenceLayer.Builder().nIn(ch.vocabulary()).nOut(ch.embedding()).build();
            g.addLayer(embedded[c], frozenIf(ch.frozen(), embedding), ch.name() + "_ids");
            width += ch.embedding();
        }
        if (chars != null && chars.enabled()) {
            width += addCharEncoder(g, chars, charVocabulary);
            embedded = java.util.Arrays.copyOf(embedded, embedded.length + 1);
            embedded[embedded.length - 1] = CHAR_ENCODER;
        }
        String stackInput = embedded[0];
        if (embedded.length > 1) {
            g.addVertex("embeddings", new TimeSeriesMergeVertex(), embedded);
            stackInput = "embeddings";
        }
        RecurrentStack stack = recurrentStack(g, spec, INPUT, stackInput, width, true);
        if (head.output() == TaggerHead.Output.CRF) {
            g.addLayer(OUTPUT, crfOutput(spec, tags, head), stack.output());
            return withoutRegularizationOfFrozen(g.setOutputs(OUTPUT).build());
        }
        RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nIn(spec.outputWidth()).nOut(tags).dataFormat(RNNFormat.NCW);
        if (spec.dropout() > 0) {
            out.dropOut(1.0 - spec.dropout());
        }
        g.addLayer(OUTPUT, out.build(), stack.output());
        return withoutRegularizationOfFrozen(g.setOutputs(OUTPUT).build());
    }

    /**
     * The layer, wrapped in {@link FrozenLayerWithBackprop} when {@code frozen}: DL4J's wrapper zeroes the layer's
     * gradient, so neither the updater nor averaging changes it (see {@link #withoutRegularizationOfFrozen}).
     */
    private static Layer frozenIf(boolean frozen, Layer layer) {
        return frozen ? new FrozenLayerWithBackprop(layer) : layer;
    }

    /**
     * Adds the graph input {@value #CHARS} and the character encoder {@value #CHAR_ENCODER} over it (one vector per
     * word, masked by the words' features mask); returns the encoder's output width.
     */
    private static int addCharEncoder(ComputationGraphConfiguration.GraphBuilder g, CharEncoderSpec chars,
                                      int charVocabulary) {
        g.addInputs(CHARS);
        g.addLayer(CHAR_ENCODER, chars.layer(charVocabulary), CHARS);
        return chars.outputWidth();
    }

    /**
     * The network with no weight penalty and no updater on the layers inside {@link FrozenLayerWithBackprop}: the
     * wrapper zeroes their gradient, but the global L2 would still shrink them at every step.
     */
    private static ComputationGraphConfiguration withoutRegularizationOfFrozen(ComputationGraphConfiguration conf) {
        conf.getVertices().values().forEach(v -> {
            if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof FrozenLayerWithBackprop frozen
                    && frozen.getUnderlying() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer layer) {
                layer.setRegularization(new java.util.ArrayList<>());
                layer.setRegularizationBias(new java.util.ArrayList<>());
                layer.setIUpdater(new org.nd4j.linalg.learning.config.NoOp());
                layer.setBiasUpdater(new org.nd4j.linalg.learning.config.NoOp());
            }
        });
        return conf;
    }

    /** A CRF output layer over {@code tags} on the stack's output; dropout (if any) on its input, as the softmax's. */
    private static CrfOutput crfOutput(ModelSpec spec, int tags, TaggerHead head) {
        CrfOutput.Builder crf = new CrfOutput.Builder().nIn(spec.outputWidth()).nOut(tags)
                .constraints(head.constraints());
        if (spec.dropout() > 0) {
            crf.dropOut(1.0 - spec.dropout());
        }
        return crf.build();
    }

    /** The embedding layer of a {@link #tokenTagger}'s channel (its {@code nIn}: the channel's vocabulary size). */
    public static String embeddingOf(String channel) {
        return channel + "_embedding";
    }

    /** How a {@link #languageModel} feeds token ids to its recurrent stack. */
    public enum TokenInput {
        /** A trained embedding of width {@code model.embedding} (layer {@value NetworkFactory#EMBEDDING}). */
        EMBEDDING,
        /** One-hot vectors of width {@code vocabulary} (vertex {@value NetworkFactory#ONE_HOT}, no parameters). */
        ONE_HOT
    }

    /** The one-hot vertex of a {@link #languageModel} with {@link TokenInput#ONE_HOT} input. */
    public static final String ONE_HOT = "one_hot";

    /**
     * Language model: token ids {@value #INPUT} {@code [batch, 1, T]} → an embedding ({@value #EMBEDDING}) or one-hot
     * vectors ({@value #ONE_HOT}) → the unidirectional recurrent stack ({@code rnn1_fwd}, ...) → softmax over the
     * vocabulary at every step ({@value #OUTPUT}, MCXENT; the labels, one-hot next tokens, are masked by the labels
     * mask, and the features mask keeps padding out of the recurrent state).
     *
     * <p>With {@code tbpttLength > 0} (cells {@code lstm} and {@code gru}) training uses truncated BPTT: each sequence is cut into segments of
     * {@code tbpttLength} steps, each segment is one parameter update, its forward pass starts from the state the
     * previous segment ended in, and its gradient stops at the segment's start (forward and backward length alike).
     * The same stored state carries {@code rnnTimeStep}, for step-by-step generation and for evaluating a long text
     * segment by segment.
     *
     * @param vocabularySize the number of token ids (input and output)
     * @param tbpttLength    the truncated BPTT length in steps; 0 = full backpropagation through time
     */
    public static ComputationGraphConfiguration languageModel(ModelSpec spec, OptimizerSpec opt, int vocabularySize,
                                                              TokenInput input, int tbpttLength) {
        ConfigReader.check(!spec.bidirectional(), "model.bidirectional", true,
                "false for a language model (it predicts each token from the tokens before it only)");
        ConfigReader.check(tbpttLength >= 0, "train.tbptt", tbpttLength, ">= 0 (0 = full backpropagation)");
        // DL4J's SimpleRnn backpropagates a ComputationGraph's truncated-BPTT segment from a zero state, not from the
        // state its forward pass started from: the gradient would be wrong
        ConfigReader.check(tbpttLength == 0 || spec.cell() != ModelSpec.Cell.RNN, "train.tbptt", tbpttLength,
                "0 with model.cell = rnn (truncated BPTT needs model.cell = lstm or gru)");
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("a language model needs a vocabulary, got size " + vocabularySize);
        }
        ComputationGraphConfiguration.GraphBuilder g = base(opt).graphBuilder().addInputs(INPUT);
        String stackInput;
        int width;
        if (input == TokenInput.EMBEDDING) {
            g.addLayer(EMBEDDING, new EmbeddingSequenceLayer.Builder().nIn(vocabularySize).nOut(spec.embedding())
                    .build(), INPUT);
            stackInput = EMBEDDING;
            width = spec.embedding();
        } else {
            g.addVertex(ONE_HOT, new OneHotVertex(vocabularySize), INPUT);
            stackInput = ONE_HOT;
            width = vocabularySize;
        }
        RecurrentStack stack = recurrentStack(g, spec, INPUT, stackInput, width, true);
        RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nIn(spec.outputWidth()).nOut(vocabularySize)
                .dataFormat(RNNFormat.NCW);
        if (spec.dropout() > 0) {
            out.dropOut(1.0 - spec.dropout());
        }
        g.addLayer(OUTPUT, out.build(), stack.output());
        if (tbpttLength > 0) {
            g.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(tbpttLength)
                    .tBPTTBackwardLength(tbpttLength);
        }
        return g.setOutputs(OUTPUT).build();
    }

    /** The loss of a regression head, on scaled targets. */
    public enum RegressionLoss { MSE, MAE }

    /**
     * Many-to-one regressor for direct multi-step forecasting: input {@value #FEATURES} {@code [batch, inputFeatures,
     * L]} (dense, every window the same length, no mask) → recurrent stack → the last step (each direction's last
     * step when bidirectional) or max/mean pooling over the steps → dense {@link OutputLayer} with identity activation
     * and {@code outputs} units (horizon × targets), MSE or MAE loss. The embedding size of {@code spec} is not used.
     */
    public static ComputationGraphConfiguration forecaster(ModelSpec spec, OptimizerSpec opt, int inputFeatures,
                                                           int outputs, RegressionLoss loss) {
        return forecaster(spec, opt, inputFeatures, outputs, (loss == RegressionLoss.MAE
                ? LossFunctions.LossFunction.MEAN_ABSOLUTE_ERROR : LossFunctions.LossFunction.MSE)
                .getILossFunction());
    }

    /** The forecaster with any loss on its output layer, e.g. {@link PinballLoss} for quantile outputs. */
    public static ComputationGraphConfiguration forecaster(ModelSpec spec, OptimizerSpec opt, int inputFeatures,
                                                           int outputs, ILossFunction loss) {
        ComputationGraphConfiguration.GraphBuilder g = base(opt).graphBuilder().addInputs(FEATURES);
        String pooled = pooledStack(g, spec, FEATURES, FEATURES, inputFeatures);
        OutputLayer.Builder out = new OutputLayer.Builder().lossFunction(loss)
                .activation(Activation.IDENTITY).nIn(spec.outputWidth()).nOut(outputs);
        if (spec.dropout() > 0) {
            out.dropOut(1.0 - spec.dropout());
        }
        g.addLayer(OUTPUT, out.build(), pooled);
        return g.setOutputs(OUTPUT).build();
    }

    /** The graph input of an encoder-decoder's source ids {@code [batch, 1, Ts]} (features mask: real source steps). */
    public static final String SOURCE = "source";
    /**
     * The graph input of an encoder-decoder's decoder input ids, {@code <s>} + target, {@code [batch, 1, Td]}
     * (features mask: real target steps).
     */
    public static final String TARGET_INPUT = "target_in";
    /** Vertex names of the encoder-decoder that {@code io.seqpipe.translation.decode.GraphDecoder} reads. */
    public static final String SOURCE_EMBEDDING = "src_embedding";
    public static final String TARGET_EMBEDDING = "tgt_embedding";
    public static final String ENCODER_SUMMARY = "enc_summary";
    public static final String DECODER_PREFIX = "dec";
    public static final String ATTENTION = "attention";

    /**
     * Encoder-decoder with Luong attention, trained with teacher forcing:
     * <pre>
     * source ids → embedding → encoder stack (encoder.cell, layers, bidirectional) → h_s            [b, E, Ts]
     *                                    └→ masked mean over real steps = s (source summary)     [b, E]
     * target_in ids → embedding, concatenated with s at every step → decoder layers → h_t        [b, H, Td]
     * attention(h_t, h_s) over real source steps → c_t; h̃_t = tanh(W_c [c_t; h_t])              [b, A, Td]
     * softmax(W_o h̃_t + b) over the target vocabulary at every step (sparse cross-entropy, target mask)
     * </pre>
     * The decoder layers start from a zero state; the summary fed at every step gives them the whole source, and the
     * attention the aligned part. Feeding the summary (rather than a state) keeps decoding a plain step loop over
     * DL4J's own recurrent layers ({@code GraphDecoder}). Layer names: {@value #SOURCE_EMBEDDING}, {@code enc1_fwd},
     * ..., {@value #ENCODER_SUMMARY}, {@value #TARGET_EMBEDDING}, {@code dec1}, ..., {@value #ATTENTION}(_keys,
     * _hidden), {@value #OUTPUT}.
     */
    public static ComputationGraphConfiguration encoderDecoder(ModelSpec encoder, DecoderSpec decoder,
                                                               OptimizerSpec opt, int sourceVocabulary,
                                                               int targetVocabulary) {
        ComputationGraphConfiguration.GraphBuilder g = base(opt).graphBuilder().addInputs(SOURCE, TARGET_INPUT);
        g.addLayer(SOURCE_EMBEDDING, new EmbeddingSequenceLayer.Builder().nIn(sourceVocabulary)
                .nOut(encoder.embedding()).build(), SOURCE);
        RecurrentStack stack = recurrentStack(g, encoder, "enc", SOURCE, SOURCE_EMBEDDING, encoder.embedding(), true);
        int encoderWidth = encoder.outputWidth();
        g.addLayer(ENCODER_SUMMARY, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), stack.output());
        g.addVertex(ENCODER_SUMMARY + "_steps", new DuplicateToTimeSeriesVertex(TARGET_INPUT), ENCODER_SUMMARY);
        g.addLayer(TARGET_EMBEDDING, new EmbeddingSequenceLayer.Builder().nIn(targetVocabulary)
                .nOut(decoder.embedding()).build(), TARGET_INPUT);
        g.addVertex("dec_input", new TimeSeriesMergeVertex(), TARGET_EMBEDDING, ENCODER_SUMMARY + "_steps");
        String prev = "dec_input";
        int width = decoder.embedding() + encoderWidth;
        for (int i = 1; i <= decoder.layers(); i++) {
            g.addLayer(DECODER_PREFIX + i, recurrentLayer(encoder.cell(), width, decoder.hidden(), encoder.dropout()),
                    prev);
            prev = DECODER_PREFIX + i;
            width = decoder.hidden();
        }
        LuongAttention.Wiring attention = LuongAttention.add(g, ATTENTION, decoder.score(), prev, decoder.hidden(),
                stack.output(), encoderWidth, TARGET_INPUT, SOURCE, decoder.attentionalWidth());
        RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(LossFunctions.LossFunction.SPARSE_MCXENT)
                .activation(Activation.SOFTMAX).nIn(attention.width()).nOut(targetVocabulary)
                .dataFormat(RNNFormat.NCW);
        if (encoder.dropout() > 0) {
            out.dropOut(1.0 - encoder.dropout());
        }
        g.addLayer(OUTPUT, out.build(), attention.output());
        return g.setOutputs(OUTPUT).build();
    }

    /**
     * The recurrent stack of a many-to-one head reduced to one vector per sequence by {@code spec.pooling()}: max or
     * mean over the real steps, or the last real step of each direction (the backward layer's own last real step has
     * read the whole sequence, in reverse). Returns the name of the pooled vertex.
     */
    private static String pooledStack(ComputationGraphConfiguration.GraphBuilder g, ModelSpec spec, String maskInput,
                                      String input, int nIn) {
        boolean lastOnly = spec.pooling() == ModelSpec.Pooling.LAST;
        RecurrentStack stack = recurrentStack(g, spec, maskInput, input, nIn, !lastOnly);
        if (!lastOnly) {
            g.addLayer("pool", new GlobalPoolingLayer.Builder(spec.pooling() == ModelSpec.Pooling.MAX ? PoolingType.MAX
                    : PoolingType.AVG).build(), stack.output());
            return "pool";
        }
        g.addVertex("last_fwd", new LastTimeStepVertex(maskInput), stack.lastForward());
        if (!spec.bidirectional()) {
            return "last_fwd";
        }
        g.addVertex("last_bwd", new LastTimeStepVertex(maskInput), stack.lastBackward());
        g.addVertex("last", new MergeVertex(), "last_fwd", "last_bwd");
        return "last";
    }

    /**
     * The vertices of a built recurrent stack.
     *
     * @param output       the stack's output at every step ({@code [batch, outputWidth, T]}); null when not asked for
     * @param lastForward  the last layer's forward output
     * @param lastBackward the last layer's backward output in reversed time (null when unidirectional)
     */
    public record RecurrentStack(String output, String lastForward, String lastBackward) {
    }

    /**
     * Adds {@code spec.layers()} recurrent layers on top of {@code input} (width {@code nIn}).
     *
     * @param maskInput      the graph input whose features mask marks each sequence's real steps
     * @param sequenceOutput whether the last layer's per-step output is used (else a bidirectional last layer's two
     *                       directions are left unmerged: DL4J rejects vertices that lead nowhere)
     */
    public static RecurrentStack recurrentStack(ComputationGraphConfiguration.GraphBuilder g, ModelSpec spec,
                                                String maskInput, String input, int nIn, boolean sequenceOutput) {
        return recurrentStack(g, spec, "rnn", maskInput, input, nIn, sequenceOutput);
    }

    /** {@link #recurrentStack} with its vertices named {@code <prefix>1_fwd}, {@code <prefix>1_bwd}, ... */
    static RecurrentStack recurrentStack(ComputationGraphConfiguration.GraphBuilder g, ModelSpec spec, String prefix,
                                         String maskInput, String input, int nIn, boolean sequenceOutput) {
        String prev = input;
        int width = nIn;
        String forward = null;
        String backward = null;
        for (int i = 1; i <= spec.layers(); i++) {
            String layer = prefix + i;
            forward = layer + "_fwd";
            g.addLayer(forward, recurrentLayer(spec, width), prev);
            if (spec.bidirectional()) {
                backward = layer + "_bwd";
                g.addVertex(layer + "_bwd_in", new MaskedReverseVertex(maskInput), prev);
                g.addLayer(backward, recurrentLayer(spec, width), layer + "_bwd_in");
                if (i < spec.layers() || sequenceOutput) {
                    g.addVertex(layer + "_bwd_out", new MaskedReverseVertex(maskInput), backward);
                    g.addVertex(layer, new TimeSeriesMergeVertex(), forward, layer + "_bwd_out");
                    prev = layer;
                } else {
                    prev = null;
                }
            } else {
                prev = sequenceOutput || i < spec.layers() ? forward : null;
            }
            width = spec.outputWidth();
        }
        return new RecurrentStack(prev, forward, backward);
    }

    /** One recurrent layer of the spec's cell; dropout (if any) applies to its input. */
    static BaseRecurrentLayer recurrentLayer(ModelSpec spec, int nIn) {
        return recurrentLayer(spec.cell(), nIn, spec.hidden(), spec.dropout());
    }

    private static BaseRecurrentLayer recurrentLayer(ModelSpec.Cell cell, int nIn, int hidden, double dropout) {
        BaseRecurrentLayer.Builder<?> b = switch (cell) {
            case LSTM -> new Lstm.Builder();
            case RNN -> new SimpleRnn.Builder().activation(Activation.TANH);
            case GRU -> new Gru.Builder();
        };
        b.nIn(nIn).nOut(hidden);
        if (dropout > 0) {
            b.dropOut(1.0 - dropout);
        }
        return (BaseRecurrentLayer) b.build();
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
