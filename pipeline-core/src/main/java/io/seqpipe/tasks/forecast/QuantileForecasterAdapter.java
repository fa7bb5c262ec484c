package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.QuantileForecast;
import io.seqpipe.inference.InferenceAdapter;
import io.seqpipe.inference.NetworkInputs;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The forecaster's inference boundary where the quantile forecasts are wanted too: windows → the network input
 * ({@link ForecastPreprocessing#inputs}), outputs → each window's point forecast and, from a quantile forecaster, its
 * forecast at every level, in original units ({@link ForecastPreprocessing#quantileForecast}). evaluate and score use
 * it; the per-epoch validator reads the point forecast only ({@link ForecasterAdapter}).
 */
public final class QuantileForecasterAdapter implements InferenceAdapter<WindowExample, QuantileForecast> {
    private static final long serialVersionUID = 1L;
    private final ForecastPreprocessing prep;

    public QuantileForecasterAdapter(ForecastPreprocessing prep) {
        this.prep = prep;
    }

    @Override
    public NetworkInputs inputs(List<WindowExample> batch) {
        return NetworkInputs.of(prep.inputs(batch));
    }

    @Override
    public List<QuantileForecast> predictions(List<WindowExample> batch, INDArray[] outputs) {
        float[][] out = outputs[0].toFloatMatrix();
        List<QuantileForecast> forecasts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            forecasts.add(prep.quantileForecast(batch.get(i), out[i]));
        }
        return forecasts;
    }
}
