package io.seqpipe.model.gru;

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
 * Configuration of a gated recurrent unit (GRU) layer, the layer DL4J 1.0.0-M2.1 lacks; the computation is in
 * {@link GruLayer}, the parameter layout in {@link GruParamInitializer}.
 *
 * <p>For input {@code x_t} ({@code nIn}) and previous state {@code h_{t-1}} ({@code nOut}), with gate blocks in the
 * order reset {@code r}, update {@code z}, candidate {@code n} (the cuDNN / PyTorch formulation: the reset gate scales
 * the recurrent product, after the matrix multiplication):
 * <pre>
 * r_t = sigmoid(x_t W_r + h_{t-1} U_r + b_r)
 * z_t = sigmoid(x_t W_z + h_{t-1} U_z + b_z)
 * n_t = tanh(x_t W_n + r_t ⊙ (h_{t-1} U_n) + b_n)
 * h_t = (1 - z_t) ⊙ n_t + z_t ⊙ h_{t-1}
 * </pre>
 * There is one bias set ({@code b}, {@code [1, 3·nOut]}), outside the reset product. cuDNN and PyTorch keep a second,
 * recurrent-side set; for {@code r} and {@code z} it only adds to the first, and its one distinct part, {@code b_hn}
 * inside {@code r_t ⊙ (h_{t-1} U_n + b_hn)}, is rarely worth its parameters. So this layer equals PyTorch's
 * {@code nn.GRU} with {@code b_hn = 0} ({@code b_r = b_ir + b_hr}, {@code b_z = b_iz + b_hz}, {@code b_n = b_in}).
 * The activations are fixed (sigmoid gates, tanh candidate); the configured activation function is not used.
 *
 * <p>Input and output are DL4J time series {@code [batch, features, T]} (NCW; NWC via {@code dataFormat}), any
 * {@code T}. A features mask {@code [batch, T]} marks real steps: at a masked step the output is 0 and the state
 * passes through unchanged ({@code h_t = h_{t-1}}), so padding affects neither outputs nor gradients.
 *
 * <p>{@code nIn}, {@code nOut}, weight init (also {@code weightInitRecurrent}), bias init, dropout (on the input),
 * regularization and constraints ({@code constrainRecurrent} acts on {@code U}) are the usual
 * {@link BaseRecurrentLayer} settings, and all of them survive the JSON form of the network configuration.
 */
public class Gru extends BaseRecurrentLayer {

    private static final long serialVersionUID = 1L;

    protected Gru(Builder builder) {
        super(builder);
        initializeConstraints(builder);
    }

    /** For JSON deserialization. */
    protected Gru() {
    }

    /** Adds the builder's recurrent-weight ({@code U}) and input-weight ({@code W}) constraints to the others. */
    @Override
    protected void initializeConstraints(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder) {
        super.initializeConstraints(builder);
        if (builder instanceof Builder b) {
            constraints = RecurrentLayerSupport.withParamConstraints(constraints, b.getRecurrentConstraints(),
                    GruParamInitializer.RECURRENT_WEIGHT_KEY);
            constraints = RecurrentLayerSupport.withParamConstraints(constraints, b.getInputWeightConstraints(),
                    GruParamInitializer.WEIGHT_KEY);
        }
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        return RecurrentLayerSupport.instantiate("Gru", this, new GruLayer(conf, networkDataType), conf,
                trainingListeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return GruParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        // per example and step: gate activations (3·nOut), the recurrent candidate product and the carried state
        return RecurrentLayerSupport.memoryReport(this, Gru.class, inputType, 5 * getNOut(), 4 * getNOut());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gru && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Gru.class.hashCode();
    }

    /** Builds a {@link Gru}: set at least {@code nIn} and {@code nOut}. */
    @SuppressWarnings("unchecked") // DL4J declares build() generic; its own builders override it the same way
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        @Override
        public Gru build() {
            return new Gru(this);
        }
    }
}
