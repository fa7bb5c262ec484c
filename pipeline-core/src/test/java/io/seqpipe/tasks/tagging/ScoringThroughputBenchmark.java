package io.seqpipe.tasks.tagging;

import io.seqpipe.inference.BatchedPredictions;
import io.seqpipe.io.Json;
import io.seqpipe.spark.BroadcastModel;
import io.seqpipe.testing.TestSpark;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.seqpipe.bench.TrainThroughputBenchmark.conf;
import static io.seqpipe.bench.TrainThroughputBenchmark.median;
import static io.seqpipe.bench.TrainThroughputBenchmark.sentences;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scoring throughput on the reference BiLSTM tagger (as in {@code TrainThroughputBenchmark}; untrained weights, which
 * does not change the cost), T = 50 full-length synthetic sentences, contenders alternating in one JVM: raw
 * single-JVM DL4J {@code ComputationGraph.output} over pre-built minibatches; SeqPipe's per-partition tagging path
 * ({@link BatchedPredictions} with the {@link TaggerAdapter}: minibatch conversion, output, argmax) in the same JVM
 * without Spark; and the same path as {@code score} runs it in Spark {@code local[2]} ({@code BroadcastModel}: weights
 * broadcast, network restored per partition,
 * sentences tagged per partition and counted; tokenizing text and writing Parquet are not included). Batch 128 (the
 * tagging default {@code score.batchSize}). Writes {@code target/bench/score.json}; start it with
 * {@code scripts/bench-score.sh}.
 */
@Tag("benchmark")
class ScoringThroughputBenchmark {
    static final int BATCH = 128;

    @Test
    void measure() throws Exception {
        int n = Integer.getInteger("bench.sequences", 2560);
        int rounds = Integer.getInteger("bench.rounds", 3);
        List<TaggedExample> data = sentences(n, 3);
        ComputationGraph net = new ComputationGraph(conf());
        net.init();
        List<TaggingBatches.Inputs> inputs = new ArrayList<>();
        for (int i = 0; i < n; i += BATCH) {
            inputs.add(TaggingBatches.inputs(data.subList(i, Math.min(n, i + BATCH))));
        }
        SparkSession spark = TestSpark.start("bench-score");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<TaggedExample> rdd = sc.parallelize(data, 2).cache();
        rdd.count();
        BroadcastModel weights = BroadcastModel.of(sc, net);

        Map<String, List<Double>> runs = new LinkedHashMap<>();
        for (int r = -1; r < rounds; r++) { // round -1: warm-up, not recorded
            long t0 = System.nanoTime();
            for (TaggingBatches.Inputs in : inputs) {
                net.output(false, new INDArray[]{in.features()}, new INDArray[]{in.mask()});
            }
            record(runs, r, "rawDl4jOutputSeqPerSec", n / seconds(t0));

            t0 = System.nanoTime();
            long count = 0;
            for (Iterator<?> it = BatchedPredictions.of(data.iterator(), new TaggerAdapter(), BATCH, () -> net);
                 it.hasNext(); it.next()) {
                count++;
            }
            assertEquals(n, count);
            record(runs, r, "seqpipePredictAllSingleJvmSeqPerSec", n / seconds(t0));

            t0 = System.nanoTime();
            long tagged = weights.predict(rdd, new TaggerAdapter(), BATCH).map(p -> (long) p.output().length)
                    .reduce(Long::sum);
            assertEquals((long) n * io.seqpipe.bench.TrainThroughputBenchmark.T, tagged);
            record(runs, r, "seqpipeLocal2SeqPerSec", n / seconds(t0));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("shape", Map.of("model", "BiLSTM tagger vocab 5000 emb 64 hidden 128/direction, 9 tags", "T",
                io.seqpipe.bench.TrainThroughputBenchmark.T, "batch", BATCH, "sequencesPerRun", n, "rounds", rounds,
                "ompNumThreads", String.valueOf(System.getenv("OMP_NUM_THREADS"))));
        result.put("runs", runs);
        Map<String, Object> medians = new LinkedHashMap<>();
        runs.forEach((k, v) -> medians.put(k, median(v)));
        result.put("medians", medians);
        double raw = median(runs.get("rawDl4jOutputSeqPerSec"));
        result.put("ratios", Map.of(
                "seqpipeLocal2/rawDl4j", median(runs.get("seqpipeLocal2SeqPerSec")) / raw,
                "seqpipePredictAllSingleJvm/rawDl4j", median(runs.get("seqpipePredictAllSingleJvmSeqPerSec")) / raw));
        Path out = Path.of("target/bench/score.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(result) + "\n");
        System.out.println(Json.write(result));
        weights.close();
        spark.stop();
    }

    private static void record(Map<String, List<Double>> runs, int round, String key, double v) {
        if (round >= 0) {
            runs.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
