package io.seqpipe.model.crf;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Configuration of a linear-chain CRF output layer for sequence tagging; the computation is in
 * {@link CrfOutputLayer}, the parameters in {@link CrfParamInitializer}, the math in {@link LinearChainCrf}.
 *
 * <p>Input: a time series {@code [batch, nIn, T]} (NCW, a recurrent stack's output). Per step the layer computes the
 * emission scores {@code e_t = x_t W + b} over {@code K = nOut} tags; with its transition, start and end scores they
 * define a {@link LinearChainCrf} per sentence. The loss is the sentence NLL summed over the minibatch and divided by
 * its size (the convention of DL4J's {@code RnnOutputLayer}, whose per-step cross-entropy sums the same way). Labels
 * are one-hot {@code [batch, K, T]}; the features mask ({@code [batch, T]}) gives each sentence's length and a labels
 * mask of 0 inside it marks a step whose tag is unknown (marginalized). The output, at training and inference alike,
 * is the emissions {@code [batch, K, T]}: decode them with {@link CrfOutputLayer#crf()} (Viterbi).
 *
 * <p>Optional {@link TransitionConstraints} ({@link #constraints()}) forbid transitions in training (they get no
 * probability mass) and in decoding. They are part of the configuration, so a saved network decodes the way it was
 * trained. {@code nIn}, {@code nOut}, weight and bias init, dropout (on the input) and regularization (of {@code W})
 * are the usual settings; all survive the JSON form of the network configuration.
 */
public class CrfOutput extends FeedForwardLayer {
    private static final long serialVersionUID = 1L;

    /** {@code [from * K + to]}, or null: no constraints. */
    @JsonProperty
    private boolean[] allowedTransitions;
    @JsonProperty
    private boolean[] allowedStart;
    @JsonProperty
    private boolean[] allowedEnd;

    protected CrfOutput(Builder builder) {
        super(builder);
        TransitionConstraints c = builder.constraints;
        if (c != null) {
            int k = c.tags();
            if (k != builder.getNOut()) {
                throw new IllegalArgumentException("CRF constraints for " + k + " tags on a layer with nOut = "
                        + builder.getNOut());
            }
            allowedTransitions = new boolean[k * k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    allowedTransitions[i * k + j] = c.allowed(i, j);
                }
            }
            allowedStart = c.allowedStarts();
            allowedEnd = c.allowedEnds();
        }
    }

    /** For JSON deserialization. */
    protected CrfOutput() {
    }

    /** The forbidden transitions, or null when none are. */
    public TransitionConstraints constraints() {
        if (allowedTransitions == null) {
            return null;
        }
        int k = allowedStart.length;
        boolean[][] m = new boolean[k][k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(allowedTransitions, i * k, m[i], 0, k);
        }
        return TransitionConstraints.of(m, allowedStart, allowedEnd);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet("CrfOutput", getLayerName(), layerIndex, getNIn(), getNOut());
        CrfOutputLayer layer = new CrfOutputLayer(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return CrfParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        long steps = inputType instanceof InputType.InputTypeRecurrent r ? r.getTimeSeriesLength() : -1;
        return InputType.recurrent(getNOut(), steps);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null; // time series in, time series out
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        return new LayerMemoryReport.Builder(getLayerName(), CrfOutput.class, inputType,
                getOutputType(-1, inputType))
                .standardMemory(numParams, updaterState)
                .workingMemory(0, getNOut(), 0, 4 * getNOut())
                .cacheMemory(0, 0)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrfOutput c && super.equals(o) && Arrays.equals(allowedTransitions, c.allowedTransitions)
                && Arrays.equals(allowedStart, c.allowedStart) && Arrays.equals(allowedEnd, c.allowedEnd);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Arrays.hashCode(allowedTransitions);
    }

    /** Builds a {@link CrfOutput}: set at least {@code nIn} (input width) and {@code nOut} (tags). */
    @SuppressWarnings("unchecked") // DL4J declares build() generic; its own builders override it the same way
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private TransitionConstraints constraints;

        /** Transitions forbidden in training and decoding; null (the default) for none. */
        public Builder constraints(TransitionConstraints constraints) {
            this.constraints = constraints;
            return this;
        }

        @Override
        public CrfOutput build() {
            return new CrfOutput(this);
        }
    }
}
