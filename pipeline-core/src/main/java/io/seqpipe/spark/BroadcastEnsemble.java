package io.seqpipe.spark;

import io.seqpipe.inference.BatchedPredictions;
import io.seqpipe.inference.InferenceAdapter;
import io.seqpipe.inference.Prediction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The networks that predict together, each broadcast once to the executors: one network (a plain model, whose
 * predictions are exactly {@link BroadcastModel#predict}'s), or the members of an ensemble ({@code train.ensemble}),
 * whose outputs for each input are combined by a task's {@link Combiner} (the forecaster's median, the classifier's
 * mean probabilities). Per partition every member is restored once; each batch goes through every member in turn.
 * Closing it destroys the broadcasts; use it in try-with-resources.
 */
public final class BroadcastEnsemble implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    private final List<BroadcastModel> members;

    private BroadcastEnsemble(List<BroadcastModel> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        this.members = List.copyOf(members);
    }

    /** Broadcasts the members' serialized networks (a model directory's members, member 0 first). */
    public static BroadcastEnsemble of(JavaSparkContext sc, List<byte[]> members) {
        List<BroadcastModel> broadcast = new ArrayList<>();
        for (byte[] m : members) {
            broadcast.add(BroadcastModel.of(sc, m));
        }
        return new BroadcastEnsemble(broadcast);
    }

    /** Broadcasts the parameters of networks being trained (a validator's view). */
    public static BroadcastEnsemble ofNetworks(JavaSparkContext sc, List<ComputationGraph> members) {
        List<BroadcastModel> broadcast = new ArrayList<>();
        for (ComputationGraph m : members) {
            broadcast.add(BroadcastModel.of(sc, m));
        }
        return new BroadcastEnsemble(broadcast);
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
     * Each input with its prediction, lazily, in bounded-memory batches ({@link InferenceAdapter#batching}): the single
     * network's as it is, or the members' outputs combined by {@code combiner}. Actions on the result must run before
     * this is closed.
     */
    public <I, O> JavaRDD<Prediction<I, O>> predict(JavaRDD<I> inputs, InferenceAdapter<I, O> adapter, int batchSize,
                                                    Combiner<O> combiner) {
        if (members.size() == 1) {
            return members.get(0).predict(inputs, adapter, batchSize);
        }
        List<BroadcastModel> all = members;
        return inputs.mapPartitions(it -> {
            if (!it.hasNext()) {
                return Collections.emptyIterator();
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
