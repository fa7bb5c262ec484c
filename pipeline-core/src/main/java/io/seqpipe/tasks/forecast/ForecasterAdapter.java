package io.seqpipe.tasks.forecast;

import io.seqpipe.inference.InferenceAdapter;
import io.seqpipe.inference.NetworkInputs;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The forecaster's inference boundary: windows → the network input {@code [batch, F, L]}
 * ({@link ForecastPreprocessing#inputs}), outputs → each window's forecast {@code [h][k]} in original units
 * ({@link ForecastPreprocessing#forecast}). Shared by evaluate, score (next-H and rolling forecasts) and the per-epoch
 * validator.
 */
public final class ForecasterAdapter implements InferenceAdapter<WindowExample, double[][]> {
    private static final long serialVersionUID = 1L;
    private final ForecastPreprocessing prep;

    public ForecasterAdapter(ForecastPreprocessing prep) {
        this.prep = prep;
    }

    @Override
    public NetworkInputs inputs(List<WindowExample> batch) {
        return NetworkInputs.of(prep.inputs(batch));
    }

    @Override
    public List<double[][]> predictions(List<WindowExample> batch, INDArray[] outputs) {
        float[][] out = outputs[0].toFloatMatrix();
        List<double[][]> forecasts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            forecasts.add(prep.forecast(batch.get(i), out[i]));
        }
        return forecasts;
    }
}
