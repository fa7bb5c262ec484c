package io.seqpipe.tasks.classification;

import io.seqpipe.inference.BatchedPredictor;
import io.seqpipe.inference.ModelBytes;
import io.seqpipe.inference.Prediction;
import io.seqpipe.train.EncodedExample;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Distributed classifier inference: the serialized network is broadcast once; each partition restores it and scores
 * its examples in minibatches ({@link BatchedPredictor}), holding one batch at a time.
 */
public final class ClassifierInference {
    private ClassifierInference() {
    }

    public static JavaRDD<Prediction> predict(Broadcast<byte[]> model, JavaRDD<EncodedExample> examples,
                                              int batchSize) {
        return examples.mapPartitions(it -> {
            if (!it.hasNext()) {
                return java.util.Collections.emptyIterator();
            }
            ComputationGraph net = ModelBytes.restore(model.value());
            return new BatchedPredictor(net, it, batchSize);
        });
    }
}
