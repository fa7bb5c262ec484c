package io.seqpipe.bench;

import io.seqpipe.tasks.tagging.TaggedExample;
import io.seqpipe.tasks.tagging.TaggingBatches;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

/**
 * A profiling target, not a benchmark: fits SeqPipe's network for the reference BiLSTM tagger
 * ({@link TrainThroughputBenchmark#conf()}) in this JVM, round after round, printing sequences/s per round. Run it
 * under a profiler with {@code scripts/profile-train.sh}, which also prints where the samples fall.
 */
public final class ReferenceTaggerProfile {
    private ReferenceTaggerProfile() {
    }

    /** Arguments: [rounds (default 5)] [minibatches per round (default 20)]. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int minibatches = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int batch = TrainThroughputBenchmark.BATCH;
        List<TaggedExample> data = TrainThroughputBenchmark.sentences(minibatches * batch, 1);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < data.size(); i += batch) {
            batches.add(TaggingBatches.labelled(data.subList(i, i + batch), TrainThroughputBenchmark.TAGS));
        }
        ComputationGraph net = new ComputationGraph(TrainThroughputBenchmark.conf());
        net.init();
        batches.subList(0, Math.min(10, batches.size())).forEach(net::fit); // warm-up
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            batches.forEach(net::fit);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d: %.1f seq/s, %.1f ms per minibatch%n", r + 1, data.size() / seconds,
                    seconds * 1000 / batches.size());
        }
    }
}
