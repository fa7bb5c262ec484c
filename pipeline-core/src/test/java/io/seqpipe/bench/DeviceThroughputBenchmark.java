package io.seqpipe.bench;

import io.seqpipe.io.Json;
import io.seqpipe.spark.SparkSessions;
import io.seqpipe.tasks.tagging.TaggedExample;
import io.seqpipe.tasks.tagging.TaggingBatches;
import io.seqpipe.train.EarlyStopping;
import io.seqpipe.train.ParameterAveragingTrainer;
import io.seqpipe.train.TrainSettings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference BiLSTM tagger's training throughput ({@link TrainThroughputBenchmark#conf()}, synthetic T = 50
 * sentences) on whatever backend this JVM runs (CPU, or CUDA under {@code -Pcuda}), at a chosen batch size, for
 * comparing one machine's GPU with its CPU cores ({@code scripts/device-check.sh}):
 * <ul>
 *   <li><b>oneJvm</b>: {@code ComputationGraph.fit} over pre-built minibatches in this thread (the GPU's contender;
 *       {@code -Dbench.oneJvm=false} leaves it out);</li>
 *   <li><b>trainer</b>: SeqPipe's {@link ParameterAveragingTrainer} in Spark {@code local[bench.workers]}, one epoch
 *       per round (the CPU's contender at one worker per core, OMP_NUM_THREADS=1 as surefire sets it;
 *       {@code -Dbench.workers=0} leaves it out).</li>
 * </ul>
 * Knobs: {@code bench.batch} (32), {@code bench.workers} (1), {@code bench.sequences} (4096), {@code bench.rounds}
 * (3), {@code bench.warmupRounds} (1), {@code bench.out} (target/bench/device-throughput.json).
 */
@Tag("benchmark")
public class DeviceThroughputBenchmark {

    @Test
    void measure() throws Exception {
        int batch = Integer.getInteger("bench.batch", 32);
        int workers = Integer.getInteger("bench.workers", 1);
        int sequences = Integer.getInteger("bench.sequences", 4096);
        int rounds = Integer.getInteger("bench.rounds", 3);
        int warmupRounds = Integer.getInteger("bench.warmupRounds", 1);
        boolean oneJvm = Boolean.parseBoolean(System.getProperty("bench.oneJvm", "true"));
        Path out = Path.of(System.getProperty("bench.out", "target/bench/device-throughput.json"));

        List<TaggedExample> data = TrainThroughputBenchmark.sentences(sequences, 1);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < data.size(); i += batch) {
            batches.add(TaggingBatches.labelled(data.subList(i, Math.min(data.size(), i + batch)),
                    TrainThroughputBenchmark.TAGS));
        }
        Map<String, List<Double>> runs = new LinkedHashMap<>();
        if (oneJvm) {
            ComputationGraph network = new ComputationGraph(TrainThroughputBenchmark.conf());
            network.init();
            for (int w = 0; w < warmupRounds; w++) {
                batches.forEach(network::fit);
            }
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                batches.forEach(network::fit);
                network.score(); // waits for the device
                runs.computeIfAbsent("oneJvmSeqPerSec", k -> new ArrayList<>()).add(sequences / seconds(t0));
            }
        }
        if (workers > 0) {
            System.setProperty("spark.ui.enabled", "false");
            String master = "local[" + workers + "]";
            SparkSession spark = SparkSession.builder().config(SparkSessions.conf("bench-device", master, 1)
                    .set("spark.master", master)).getOrCreate();
            try {
                JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                JavaRDD<TaggedExample> rdd = sc.parallelize(data, workers).cache();
                rdd.count();
                TrainSettings settings = new TrainSettings(1, batch, TrainThroughputBenchmark.AVERAGING, 2, 7,
                        EarlyStopping.patience(0), 1, 1);
                ParameterAveragingTrainer trainer = new ParameterAveragingTrainer(sc, settings, List.of());
                for (int r = -warmupRounds; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    trainer.fit(TrainThroughputBenchmark.conf(), rdd, sequences,
                            TaggingBatches.format(TrainThroughputBenchmark.TAGS, 0), null);
                    if (r >= 0) {
                        runs.computeIfAbsent("trainerSeqPerSec", k -> new ArrayList<>()).add(sequences / seconds(t0));
                    }
                }
            } finally {
                spark.stop();
            }
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        result.put("devices", Nd4j.getAffinityManager().getNumberOfDevices());
        result.put("batch", batch);
        result.put("workers", workers);
        result.put("sequences", sequences);
        result.put("T", TrainThroughputBenchmark.T);
        result.put("rounds", rounds);
        result.put("warmupRounds", warmupRounds);
        result.put("ompNumThreads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        result.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        result.put("runs", runs);
        Map<String, Object> medians = new LinkedHashMap<>();
        runs.forEach((k, v) -> medians.put(k, TrainThroughputBenchmark.median(v)));
        result.put("medians", medians);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, Json.write(result) + "\n");
        System.out.println(Json.write(result));
        assertTrue(!runs.isEmpty() && runs.values().stream().flatMap(List::stream).allMatch(v -> v > 0),
                runs.toString());
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
