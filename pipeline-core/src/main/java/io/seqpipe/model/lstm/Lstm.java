package io.seqpipe.model.lstm;

import io.seqpipe.model.rnn.RecurrentLayerSupport;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Configuration of SeqPipe's long short-term memory (LSTM) layer; the computation is in {@link LstmLayer}, the
 * parameter layout in {@link LstmParamInitializer}.
 *
 * <p>For input {@code x_t} ({@code nIn}), previous output {@code h_{t-1}} and cell {@code c_{t-1}} ({@code nOut}),
 * with gate blocks in the order output {@code o}, input {@code i}, forget {@code f}, candidate {@code g}:
 * <pre>
 * [o, i, f]_t = sigmoid(x_t W_{oif} + h_{t-1} U_{oif} + b_{oif})
 * g_t         = tanh(x_t W_g + h_{t-1} U_g + b_g)
 * c_t         = f_t ⊙ c_{t-1} + i_t ⊙ g_t
 * h_t         = o_t ⊙ tanh(c_t)
 * </pre>
 * These are the equations of DL4J's {@code LSTM} (no peepholes; {@code GravesLSTM} has them) and of PyTorch's
 * {@code nn.LSTM} with one bias set; only the column order of the gate blocks differs (it lets the three sigmoid gates
 * be one block and the three gradients driven by the cell be another). The forget-gate bias starts at
 * {@link Builder#forgetGateBiasInit} (default 1.0, as DL4J's), the other biases at the bias init. The activations are
 * fixed; the configured activation function is not used.
 *
 * <p>Input and output are DL4J time series {@code [batch, features, T]} (NCW; NWC via {@code dataFormat}), any
 * {@code T}. A features mask {@code [batch, T]} marks real steps: at a masked step the output is 0 and the state
 * ({@code h}, {@code c}) passes through unchanged, so padding affects neither outputs nor gradients. (DL4J's
 * {@code LSTM} instead resets its state to 0 at a masked step; for SeqPipe's masks, real steps first, both give the
 * same outputs.)
 *
 * <p>{@code nIn}, {@code nOut}, weight init (also {@code weightInitRecurrent}), bias init, dropout (on the input),
 * regularization and constraints ({@code constrainRecurrent} acts on {@code U}) are the usual
 * {@link BaseRecurrentLayer} settings, and all of them survive the JSON form of the network configuration.
 */
public class Lstm extends BaseRecurrentLayer {

    private static final long serialVersionUID = 1L;

    private double forgetGateBiasInit = 1.0;

    protected Lstm(Builder builder) {
        super(builder);
        this.forgetGateBiasInit = builder.forgetGateBiasInit;
        initializeConstraints(builder);
    }

    /** For JSON deserialization. */
    protected Lstm() {
    }

    /** The initial value of the forget gate's biases. */
    public double getForgetGateBiasInit() {
        return forgetGateBiasInit;
    }

    /** For JSON deserialization. */
    public void setForgetGateBiasInit(double forgetGateBiasInit) {
        this.forgetGateBiasInit = forgetGateBiasInit;
    }

    /** Adds the builder's recurrent-weight ({@code U}) and input-weight ({@code W}) constraints to the others. */
    @Override
    protected void initializeConstraints(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder) {
        super.initializeConstraints(builder);
        if (builder instanceof Builder b) {
            constraints = RecurrentLayerSupport.withParamConstraints(constraints, b.getRecurrentConstraints(),
                    LstmParamInitializer.RECURRENT_WEIGHT_KEY);
            constraints = RecurrentLayerSupport.withParamConstraints(constraints, b.getInputWeightConstraints(),
                    LstmParamInitializer.WEIGHT_KEY);
        }
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        return RecurrentLayerSupport.instantiate("Lstm", this, new LstmLayer(conf, networkDataType), conf,
                trainingListeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return LstmParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        // per example and step: gate activations and their derivative factors (2 x 4·nOut), cell, tanh(cell),
        // output, and the cell-gradient factor (4 x nOut)
        return RecurrentLayerSupport.memoryReport(this, Lstm.class, inputType, 12 * getNOut(), 5 * getNOut());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lstm other && super.equals(o) && forgetGateBiasInit == other.forgetGateBiasInit;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(forgetGateBiasInit);
    }

    /** Builds an {@link Lstm}: set at least {@code nIn} and {@code nOut}. */
    @SuppressWarnings("unchecked") // DL4J declares build() generic; its own builders override it the same way
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {
        private double forgetGateBiasInit = 1.0;

        /** The initial value of the forget gate's biases (default 1.0, as DL4J's LSTM). */
        public Builder forgetGateBiasInit(double value) {
            this.forgetGateBiasInit = value;
            return this;
        }

        @Override
        public Lstm build() {
            return new Lstm(this);
        }
    }
}
