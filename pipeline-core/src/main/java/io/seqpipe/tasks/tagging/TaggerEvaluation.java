package io.seqpipe.tasks.tagging;

import io.seqpipe.eval.ConfusionMatrix;
import io.seqpipe.inference.ModelBytes;
import io.seqpipe.tagging.ChunkCounts;
import io.seqpipe.tagging.EntityMetrics;
import io.seqpipe.tagging.TagScheme;
import io.seqpipe.tagging.TagSchemeConverter;
import io.seqpipe.tagging.TaggingAccuracy;
import io.seqpipe.train.ParameterAveragingTrainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Distributed tagging and its metrics: each partition restores the broadcast network once, tags its sentences in
 * minibatches and fills mergeable counts (conlleval chunk counts on IOB2 tags, and a tag confusion matrix whose extra
 * last class stands for gold tags the model has never seen); the driver merges them. conlleval has no rule for IOBES
 * {@code S-} tags, so both gold and predicted tags are converted to IOB2 before chunks are counted.
 */
final class TaggerEvaluation {
    private TaggerEvaluation() {
    }

    /** Mergeable counts of one or all partitions. */
    record Counts(ChunkCounts chunks, ConfusionMatrix confusion) implements Serializable {
        Counts merge(Counts other) {
            return new Counts(chunks.merge(other.chunks), confusion.merge(other.confusion));
        }

        EntityMetrics entities() {
            return EntityMetrics.of(chunks);
        }

        /** Token accuracy per tag; {@code tagNames} plus the unseen-gold class. */
        TaggingAccuracy accuracy(List<String> tagNames, int topErrors) {
            List<String> names = new ArrayList<>(tagNames);
            names.add(UNSEEN_TAG);
            return TaggingAccuracy.of(confusion, names, topErrors);
        }
    }

    /** The confusion-matrix name of gold tags outside the model's tag set. */
    static final String UNSEEN_TAG = "<unseen>";

    /** A sentence to evaluate: its example and its gold tags in the model's scheme. */
    record Gold(TaggedExample example, List<String> tags) implements Serializable {
    }

    static Counts evaluate(Broadcast<byte[]> weights, JavaRDD<Gold> data, List<String> tagNames, TagScheme scheme,
                           int batchSize) {
        int classes = tagNames.size() + 1;
        return data.mapPartitions(it -> {
            Counts counts = new Counts(new ChunkCounts(), new ConfusionMatrix(classes));
            if (!it.hasNext()) {
                return List.of(counts).iterator();
            }
            ComputationGraph net = ModelBytes.restore(weights.value());
            TagSchemeConverter toIob2 = scheme.hasChunks() ? new TagSchemeConverter(scheme, TagScheme.IOB2) : null;
            List<Gold> batch = new ArrayList<>(batchSize);
            while (it.hasNext()) {
                batch.add(it.next());
                if (batch.size() == batchSize || !it.hasNext()) {
                    List<int[]> predicted = predict(net, batch.stream().map(Gold::example).toList());
                    for (int i = 0; i < batch.size(); i++) {
                        add(counts, batch.get(i), predicted.get(i), tagNames, toIob2);
                    }
                    batch.clear();
                }
            }
            return List.of(counts).iterator();
        }).reduce(Counts::merge);
    }

    private static void add(Counts counts, Gold gold, int[] predicted, List<String> tagNames,
                            TagSchemeConverter toIob2) {
        int unseen = tagNames.size();
        int[] goldIds = gold.example().tags();
        List<String> predictedNames = new ArrayList<>(predicted.length);
        for (int t = 0; t < predicted.length; t++) {
            counts.confusion().add(goldIds[t] < 0 ? unseen : goldIds[t], predicted[t]);
            predictedNames.add(tagNames.get(predicted[t]));
        }
        if (toIob2 != null) {
            counts.chunks().add(iob2(toIob2, gold.tags()), iob2(toIob2, predictedNames));
        }
    }

    /** IOB2 tags of a sentence; tags the converter reports as invalid are read as outside any chunk. */
    static List<String> iob2(TagSchemeConverter toIob2, List<String> tags) {
        var conversion = toIob2.convert(tags);
        if (conversion.isValid()) {
            return conversion.tags();
        }
        List<String> cleaned = new ArrayList<>(tags);
        conversion.problems().forEach(p -> cleaned.set(p.position(), TagScheme.OUTSIDE));
        return toIob2.convert(cleaned).tags();
    }

    /** The most likely tag index at each real step of each example. */
    static List<int[]> predict(ComputationGraph net, List<TaggedExample> batch) {
        TaggingBatches.Inputs in = TaggingBatches.inputs(batch);
        INDArray probs = net.output(false, new INDArray[]{in.features()}, new INDArray[]{in.mask()})[0];
        INDArray best = Nd4j.argMax(probs, 1); // [batch, T]
        List<int[]> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            int len = batch.get(i).length();
            int[] tags = new int[len];
            for (int t = 0; t < len; t++) {
                tags[t] = best.getInt(i, t);
            }
            out.add(tags);
        }
        return out;
    }

    /** Predicted tag ids per example of a partition, in input order, one minibatch in memory at a time. */
    static Iterator<int[]> predictAll(ComputationGraph net, Iterator<TaggedExample> source, int batchSize) {
        return new Iterator<>() {
            private final List<int[]> ready = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                if (next < ready.size()) {
                    return true;
                }
                ready.clear();
                next = 0;
                List<TaggedExample> batch = new ArrayList<>(batchSize);
                while (source.hasNext() && batch.size() < batchSize) {
                    batch.add(source.next());
                }
                if (!batch.isEmpty()) {
                    ready.addAll(predict(net, batch));
                }
                return !ready.isEmpty();
            }

            @Override
            public int[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.get(next++);
            }
        };
    }

    /** The per-epoch validator: entity F1 for chunk schemes, token accuracy otherwise. */
    static ParameterAveragingTrainer.Validator validator(JavaSparkContext sc, JavaRDD<Gold> validation,
                                                         List<String> tagNames, TagScheme scheme, int batchSize) {
        return new ParameterAveragingTrainer.Validator() {
            @Override
            public double score(ComputationGraph network) {
                Broadcast<byte[]> weights = sc.broadcast(ModelBytes.of(network, false));
                try {
                    Counts c = evaluate(weights, validation, tagNames, scheme, batchSize);
                    return scheme.hasChunks() ? c.entities().f1() : c.accuracy(tagNames, 0).accuracy();
                } finally {
                    weights.destroy();
                }
            }

            @Override
            public String metricName() {
                return scheme.hasChunks() ? "entity F1" : "token accuracy";
            }

            @Override
            public boolean higherIsBetter() {
                return true;
            }
        };
    }
}
