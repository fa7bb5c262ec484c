package io.seqpipe.tasks.tagging;

import io.seqpipe.eval.ConfusionMatrix;
import io.seqpipe.tagging.ChunkCounts;
import io.seqpipe.tagging.EntityMetrics;
import io.seqpipe.tagging.TagScheme;
import io.seqpipe.tagging.TagSchemeConverter;
import io.seqpipe.tagging.TaggingAccuracy;
import io.seqpipe.spark.BroadcastModel;
import io.seqpipe.train.ParameterAveragingTrainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Distributed tagging and its metrics: each partition tags its sentences ({@link TaggerAdapter} through a
 * {@link BroadcastModel}) and fills mergeable counts (conlleval chunk counts on IOB2 tags, and a tag confusion matrix
 * whose extra last class stands for gold tags the model has never seen); the driver merges them. conlleval has no rule
 * for IOBES {@code S-} tags, so both gold and predicted tags are converted to IOB2 before chunks are counted.
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

    static Counts evaluate(BroadcastModel model, JavaRDD<Gold> data, List<String> tagNames, TagScheme scheme,
                           int batchSize) {
        int classes = tagNames.size() + 1;
        TagSchemeConverter toIob2 = scheme.hasChunks() ? new TagSchemeConverter(scheme, TagScheme.IOB2) : null;
        return model.predict(data, new TaggerAdapter().on(Gold::example), batchSize).aggregate(
                new Counts(new ChunkCounts(), new ConfusionMatrix(classes)),
                (counts, p) -> add(counts, p.input(), p.output(), tagNames, toIob2), Counts::merge);
    }

    private static Counts add(Counts counts, Gold gold, int[] predicted, List<String> tagNames,
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
        return counts;
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

    /** The per-epoch validator: entity F1 for chunk schemes, token accuracy otherwise. */
    static ParameterAveragingTrainer.Validator validator(JavaSparkContext sc, JavaRDD<Gold> validation,
                                                         List<String> tagNames, TagScheme scheme, int batchSize) {
        return new ParameterAveragingTrainer.Validator() {
            @Override
            public double score(ComputationGraph network) {
                try (BroadcastModel model = BroadcastModel.of(sc, network)) {
                    Counts c = evaluate(model, validation, tagNames, scheme, batchSize);
                    return scheme.hasChunks() ? c.entities().f1() : c.accuracy(tagNames, 0).accuracy();
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
