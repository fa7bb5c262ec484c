package io.seqpipe.tasks.forecast;

import io.seqpipe.inference.ModelBytes;
import io.seqpipe.timeseries.ForecastEvaluation;
import io.seqpipe.train.ParameterAveragingTrainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Forecaster inference: a network applied to windows in minibatches, outputs mapped back to original units; and the
 * per-epoch validator of training (RMSE in original units on the validation windows, computed on the executors).
 */
public final class ForecastInference {
    private ForecastInference() {
    }

    /** Raw network outputs {@code [window][H·K]} of one batch. */
    public static float[][] outputs(ComputationGraph net, ForecastPreprocessing prep, List<WindowExample> batch) {
        return net.output(false, prep.inputs(batch))[0].toFloatMatrix();
    }

    /** Forecasts {@code [window][h][k]} in original units of one batch. */
    public static List<double[][]> forecasts(ComputationGraph net, ForecastPreprocessing prep,
                                             List<WindowExample> batch) {
        float[][] out = outputs(net, prep, batch);
        List<double[][]> forecasts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            forecasts.add(prep.forecast(batch.get(i), out[i]));
        }
        return forecasts;
    }

    /**
     * The model's errors on {@code windows} in original units (no MASE scale: windows do not carry the series'
     * training part; evaluate computes MASE with the whole series).
     */
    public static ForecastEvaluation evaluate(Broadcast<byte[]> model, ForecastPreprocessing prep,
                                              JavaRDD<WindowExample> windows, int horizon, int batchSize) {
        List<String> targets = prep.targetColumns();
        double[] noScale = new double[targets.size()];
        java.util.Arrays.fill(noScale, Double.NaN);
        return windows.mapPartitions((Iterator<WindowExample> it) -> {
            ForecastEvaluation eval = new ForecastEvaluation(targets, horizon);
            if (!it.hasNext()) {
                return Collections.singletonList(eval).iterator();
            }
            ComputationGraph net = ModelBytes.restore(model.value());
            List<WindowExample> batch = new ArrayList<>(batchSize);
            while (it.hasNext()) {
                batch.add(it.next());
                if (batch.size() == batchSize || !it.hasNext()) {
                    List<double[][]> forecasts = forecasts(net, prep, batch);
                    for (int i = 0; i < batch.size(); i++) {
                        WindowExample w = batch.get(i);
                        eval.add(w.key(), w.actualMatrix(targets.size()), forecasts.get(i), noScale);
                    }
                    batch.clear();
                }
            }
            return Collections.singletonList(eval).iterator();
        }).reduce(ForecastEvaluation::merge);
    }

    /** Validation RMSE in original units (all targets pooled), lower is better. */
    public static ParameterAveragingTrainer.Validator rmseValidator(JavaSparkContext sc, ForecastPreprocessing prep,
                                                                     JavaRDD<WindowExample> validation, int horizon,
                                                                     int batchSize) {
        return new ParameterAveragingTrainer.Validator() {
            @Override
            public double score(ComputationGraph network) {
                Broadcast<byte[]> model = sc.broadcast(ModelBytes.of(network, false));
                try {
                    return pooledRmse(evaluate(model, prep, validation, horizon, batchSize));
                } finally {
                    model.destroy();
                }
            }

            @Override
            public String metricName() {
                return "rmse";
            }

            @Override
            public boolean higherIsBetter() {
                return false;
            }
        };
    }

    /** RMSE over every target's pairs (the one target's RMSE when K = 1). */
    static double pooledRmse(ForecastEvaluation eval) {
        double squared = 0;
        long n = 0;
        for (ForecastEvaluation.TargetMetrics t : eval.report().values()) {
            var m = t.overall().overall();
            if (m.count() > 0) {
                squared += m.rmse() * m.rmse() * m.count();
                n += m.count();
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(squared / n);
    }
}
