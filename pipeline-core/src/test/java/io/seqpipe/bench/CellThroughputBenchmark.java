package io.seqpipe.bench;

import io.seqpipe.io.Json;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.train.BatchAssembler;
import io.seqpipe.train.EncodedExample;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single-JVM training and inference throughput of each cell on the reference shape (vocab 5000, embedding 64,
 * hidden 128, T = 50 full-length sequences, batch 32), contenders alternating in one run; writes
 * {@code target/bench/cells.json}. A benchmark, not a test: excluded from the default run; start it with
 * {@code scripts/bench-cells.sh}.
 */
@Tag("benchmark")
class CellThroughputBenchmark {
    static final int VOCAB = 5000;
    static final int BATCH = 32;
    static final int T = 50;

    @Test
    void measure() throws Exception {
        int batches = Integer.getInteger("bench.batches", 20);
        int rounds = Integer.getInteger("bench.rounds", 3);
        List<DataSet> data = data(batches);
        Map<String, ComputationGraph> nets = new LinkedHashMap<>();
        for (ModelSpec.Cell cell : ModelSpec.Cell.values()) {
            for (boolean bidirectional : new boolean[]{false, true}) {
                ModelSpec spec = new ModelSpec(cell, 1, 128, bidirectional, 64, 0.0, ModelSpec.Pooling.MAX);
                ComputationGraph net = new ComputationGraph(NetworkFactory.sequenceClassifier(spec,
                        new OptimizerSpec(OptimizerSpec.Updater.ADAM, 1e-3, 0, 0, 1), VOCAB, 2));
                net.init();
                for (int i = 0; i < 3; i++) {
                    net.fit(data.get(i)); // warm-up
                }
                nets.put((bidirectional ? "bi" : "") + cell.name().toLowerCase(), net);
            }
        }
        Map<String, List<Double>> train = new LinkedHashMap<>();
        Map<String, List<Double>> infer = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, ComputationGraph> e : nets.entrySet()) {
                ComputationGraph net = e.getValue();
                long t0 = System.nanoTime();
                data.forEach(net::fit);
                train.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(batches * BATCH / seconds(t0));
                t0 = System.nanoTime();
                for (DataSet d : data) {
                    net.output(false, new INDArray[]{d.getFeatures()}, new INDArray[]{d.getFeaturesMaskArray()});
                }
                infer.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(batches * BATCH / seconds(t0));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("shape", Map.of("vocab", VOCAB, "embedding", 64, "hidden", 128, "T", T, "batch", BATCH,
                "batchesPerRound", batches, "rounds", rounds, "ompNumThreads", String.valueOf(System.getenv(
                        "OMP_NUM_THREADS"))));
        Map<String, Object> medians = new LinkedHashMap<>();
        for (String k : nets.keySet()) {
            medians.put(k, Map.of("trainSeqPerSec", median(train.get(k)), "inferSeqPerSec", median(infer.get(k)),
                    "trainRuns", train.get(k), "inferRuns", infer.get(k)));
        }
        result.put("cells", medians);
        result.put("ratios", Map.of(
                "gru/lstm train", median(train.get("gru")) / median(train.get("lstm")),
                "bigru/bilstm train", median(train.get("bigru")) / median(train.get("bilstm")),
                "gru/lstm infer", median(infer.get("gru")) / median(infer.get("lstm")),
                "bigru/bilstm infer", median(infer.get("bigru")) / median(infer.get("bilstm"))));
        Path out = Path.of("target/bench/cells.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(result) + "\n");
        System.out.println(Json.write(result));
        assertTrue(median(train.get("lstm")) > 0);
    }

    static List<DataSet> data(int batches) {
        Random r = new Random(1);
        List<DataSet> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<EncodedExample> ex = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                int[] ids = new int[T];
                int[] mask = new int[T];
                for (int t = 0; t < T; t++) {
                    ids[t] = 2 + r.nextInt(VOCAB - 2);
                    mask[t] = 1;
                }
                ex.add(new EncodedExample(i, ids, mask, r.nextInt(2)));
            }
            out.add(BatchAssembler.classification(ex, 2));
        }
        return out;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }
}
