package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.ForecastEvaluation;
import io.seqpipe.train.ParameterAveragingTrainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;

/**
 * The per-epoch validator of training: the network's errors on the validation windows in original units
 * ({@link QuantileForecasterAdapter} through a {@link ForecasterEnsemble}: the point forecast, an ensemble's combined
 * as in evaluate and score), computed on the executors.
 */
public final class ForecastInference {
    private ForecastInference() {
    }

    /**
     * The model's errors on {@code windows} in original units (no MASE scale: windows do not carry the series'
     * training part; evaluate computes MASE with the whole series).
     */
    public static ForecastEvaluation evaluate(ForecasterEnsemble model, ForecastPreprocessing prep,
                                              JavaRDD<WindowExample> windows, int horizon, int batchSize) {
        List<String> targets = prep.targetColumns();
        double[] noScale = new double[targets.size()];
        java.util.Arrays.fill(noScale, Double.NaN);
        return model.predictQuantiles(windows, new QuantileForecasterAdapter(prep), batchSize, prep.quantiles())
                .aggregate(new ForecastEvaluation(targets, horizon), (eval, p) -> {
                    WindowExample w = p.input();
                    eval.add(w.key(), w.actualMatrix(targets.size()), p.output().point(), noScale);
                    return eval;
                }, ForecastEvaluation::merge);
    }

    /** Validation RMSE in original units (all targets pooled), lower is better. */
    public static ParameterAveragingTrainer.Validator rmseValidator(JavaSparkContext sc, ForecastPreprocessing prep,
                                                                     JavaRDD<WindowExample> validation, int horizon,
                                                                     int batchSize) {
        return new ParameterAveragingTrainer.Validator() {
            @Override
            public double score(ComputationGraph network) {
                return ensembleRmse(sc, prep, validation, horizon, batchSize, List.of(network));
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

    /**
     * Validation RMSE in original units of the members' combined forecasts ({@link ForecasterEnsemble}; one member:
     * that network's RMSE).
     */
    public static double ensembleRmse(JavaSparkContext sc, ForecastPreprocessing prep,
                                      JavaRDD<WindowExample> validation, int horizon, int batchSize,
                                      List<ComputationGraph> members) {
        try (ForecasterEnsemble model = ForecasterEnsemble.ofNetworks(sc, members)) {
            return pooledRmse(evaluate(model, prep, validation, horizon, batchSize));
        }
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
