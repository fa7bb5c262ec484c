package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.QuantileForecast;
import io.seqpipe.forecast.QuantileLevels;
import io.seqpipe.inference.BatchedPredictions;
import io.seqpipe.inference.InferenceAdapter;
import io.seqpipe.inference.Prediction;
import io.seqpipe.spark.BroadcastModel;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The networks that forecast together, each broadcast once to the executors: one network (a plain model, whose
 * predictions are exactly {@link BroadcastModel#predict}'s), or an ensemble's members, whose forecasts of each batch
 * are combined by {@link ForecastMedian} (per quantile level for quantile forecasters). Per partition every member is
 * restored once; each batch goes through every member in turn. Closing it destroys the broadcasts; use it in
 * try-with-resources.
 */
public final class ForecasterEnsemble implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    private final List<BroadcastModel> members;

    private ForecasterEnsemble(List<BroadcastModel> members) {
        this.members = members;
    }

    /** Broadcasts the members' serialized networks (a model directory's, {@link ForecasterModel#members}). */
    public static ForecasterEnsemble of(JavaSparkContext sc, List<byte[]> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        List<BroadcastModel> broadcast = new ArrayList<>();
        for (byte[] m : members) {
            broadcast.add(BroadcastModel.of(sc, m));
        }
        return new ForecasterEnsemble(List.copyOf(broadcast));
    }

    /** Broadcasts the parameters of the networks being trained (a validator's view). */
    public static ForecasterEnsemble ofNetworks(JavaSparkContext sc, List<ComputationGraph> members) {
        List<BroadcastModel> broadcast = new ArrayList<>();
        for (ComputationGraph m : members) {
            broadcast.add(BroadcastModel.of(sc, m));
        }
        return new ForecasterEnsemble(List.copyOf(broadcast));
    }

    public int size() {
        return members.size();
    }

    /** How the members' outputs for one input become the ensemble's; applied on the executors. */
    @FunctionalInterface
    public interface Combiner<O> extends Serializable {
        O combine(List<O> members);
    }

    /**
     * Each input with its forecast, lazily, in bounded-memory batches ({@link InferenceAdapter#batching}): the single
     * network's, or the element-wise median of the members'. Actions on the result must run before this is closed.
     */
    public <I> JavaRDD<Prediction<I, double[][]>> predict(JavaRDD<I> inputs, InferenceAdapter<I, double[][]> adapter,
                                                          int batchSize) {
        return predict(inputs, adapter, batchSize, ForecastMedian::of);
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
        return predict(inputs, adapter, batchSize, forecasts -> ForecastMedian.ofQuantiles(forecasts, levels));
    }

    private <I, O> JavaRDD<Prediction<I, O>> predict(JavaRDD<I> inputs, InferenceAdapter<I, O> adapter,
                                                     int batchSize, Combiner<O> combiner) {
        if (members.size() == 1) {
            return members.get(0).predict(inputs, adapter, batchSize);
        }
        List<BroadcastModel> all = members;
        return inputs.mapPartitions(it -> {
            if (!it.hasNext()) {
                return java.util.Collections.emptyIterator();
            }
            List<ComputationGraph> networks = new ArrayList<>();
            return BatchedPredictions.of(adapter.batching(batchSize).batches(it), batch -> {
                if (networks.isEmpty()) {
                    all.forEach(m -> networks.add(m.restore()));
                }
                List<List<O>> byMember = new ArrayList<>();
                for (ComputationGraph network : networks) {
                    byMember.add(adapter.predict(network, batch));
                }
                List<O> combined = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    List<O> outputs = new ArrayList<>(networks.size());
                    for (List<O> member : byMember) {
                        outputs.add(member.get(i));
                    }
                    combined.add(combiner.combine(outputs));
                }
                return combined;
            });
        });
    }

    /** Destroys every member's broadcast. */
    @Override
    public void close() {
        members.forEach(BroadcastModel::close);
    }
}
