package io.seqpipe.model.rnn;

import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What every SeqPipe recurrent layer configuration does the same way. */
public final class RecurrentLayerSupport {
    private RecurrentLayerSupport() {
    }

    /**
     * {@code existing} plus a copy of each of {@code toAdd} restricted to the parameter {@code param} (how the
     * builders' {@code constrainRecurrent} / {@code constrainInputWeights} reach one weight matrix).
     */
    public static List<LayerConstraint> withParamConstraints(List<LayerConstraint> existing,
                                                             List<LayerConstraint> toAdd, String param) {
        if (toAdd == null || toAdd.isEmpty()) {
            return existing;
        }
        List<LayerConstraint> all = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        for (LayerConstraint c : toAdd) {
            LayerConstraint copy = c.clone();
            copy.setParams(Collections.singleton(param));
            all.add(copy);
        }
        return all;
    }

    /** Wires a new layer implementation to its configuration and parameter view, as DL4J's own layers do. */
    public static <L extends BaseLayer<?>> L instantiate(String kind, BaseRecurrentLayer config, L layer,
                                                         NeuralNetConfiguration conf,
                                                         Collection<TrainingListener> trainingListeners,
                                                         int layerIndex, INDArray layerParamsView,
                                                         boolean initializeParams) {
        LayerValidation.assertNInNOutSet(kind, config.getLayerName(), layerIndex, config.getNIn(), config.getNOut());
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = config.initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }

    /**
     * The memory report of a recurrent layer that keeps {@code trainPerStep} values per example and step for
     * backpropagation and {@code inferencePerStep} during inference.
     */
    public static LayerMemoryReport memoryReport(BaseRecurrentLayer config, Class<?> kind, InputType inputType,
                                                 long trainPerStep, long inferencePerStep) {
        InputType outputType = config.getOutputType(-1, inputType);
        long numParams = config.initializer().numParams(config);
        long updaterState = config.getIUpdater() == null ? 0 : config.getIUpdater().stateSize(numParams);
        long timeSteps = inputType instanceof InputType.InputTypeRecurrent rt && rt.getTimeSeriesLength() > 0
                ? rt.getTimeSeriesLength() : 1;
        Map<CacheMode, Long> trainFixed = new HashMap<>();
        Map<CacheMode, Long> trainVariable = new HashMap<>();
        for (CacheMode mode : CacheMode.values()) {
            trainFixed.put(mode, 0L);
            trainVariable.put(mode, trainPerStep * timeSteps);
        }
        @SuppressWarnings("unchecked")
        Class<? extends org.deeplearning4j.nn.conf.layers.Layer> layerClass =
                (Class<? extends org.deeplearning4j.nn.conf.layers.Layer>) kind;
        return new LayerMemoryReport.Builder(config.getLayerName(), layerClass, inputType, outputType)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, inferencePerStep * timeSteps, trainFixed, trainVariable)
                .cacheMemory(0, 0)
                .build();
    }
}
