package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.QuantileForecast;
import io.seqpipe.forecast.QuantileLevels;
import io.seqpipe.inference.InferenceAdapter;
import io.seqpipe.inference.Prediction;
import io.seqpipe.spark.BroadcastEnsemble;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.Serializable;
import java.util.List;

/**
 * The networks that forecast together ({@link BroadcastEnsemble}): one network (a plain model, whose predictions are
 * exactly {@link io.seqpipe.spark.BroadcastModel#predict}'s), or an ensemble's members, whose forecasts of each batch
 * are combined by {@link ForecastMedian} (per quantile level for quantile forecasters). Closing it destroys the
 * broadcasts; use it in try-with-resources.
 */
public final class ForecasterEnsemble implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    private final BroadcastEnsemble members;

    private ForecasterEnsemble(BroadcastEnsemble members) {
        this.members = members;
    }

    /** Broadcasts the members' serialized networks (a model directory's, {@link ForecasterModel#members}). */
    public static ForecasterEnsemble of(JavaSparkContext sc, List<byte[]> members) {
        return new ForecasterEnsemble(BroadcastEnsemble.of(sc, members));
    }

    /** Broadcasts the parameters of the networks being trained (a validator's view). */
    public static ForecasterEnsemble ofNetworks(JavaSparkContext sc, List<ComputationGraph> members) {
        return new ForecasterEnsemble(BroadcastEnsemble.ofNetworks(sc, members));
    }

    public int size() {
        return members.size();
    }

    /**
     * Each input with its forecast, lazily, in bounded-memory batches ({@link InferenceAdapter#batching}): the single
     * network's, or the element-wise median of the members'. Actions on the result must run before this is closed.
     */
    public <I> JavaRDD<Prediction<I, double[][]>> predict(JavaRDD<I> inputs, InferenceAdapter<I, double[][]> adapter,
                                                          int batchSize) {
        return members.predict(inputs, adapter, batchSize, ForecastMedian::of);
    }

    /**
     * Each input with its point and quantile forecasts ({@link QuantileForecasterAdapter}), lazily: the single
     * network's, or the members' combined per quantile level ({@link ForecastMedian#ofQuantiles}). Actions on the
     * result must run before this is closed.
     *
     * @param levels the networks' quantile levels ({@link QuantileLevels#NONE} for point forecasters)
     */
    public <I> JavaRDD<Prediction<I, QuantileForecast>> predictQuantiles(JavaRDD<I> inputs,
                                                                         InferenceAdapter<I, QuantileForecast> adapter,
                                                                         int batchSize, QuantileLevels levels) {
        return members.predict(inputs, adapter, batchSize, forecasts -> ForecastMedian.ofQuantiles(forecasts, levels));
    }

    /** Destroys every member's broadcast. */
    @Override
    public void close() {
        members.close();
    }
}
