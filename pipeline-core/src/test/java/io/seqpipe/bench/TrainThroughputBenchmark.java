package io.seqpipe.bench;

import io.seqpipe.io.Json;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.model.TokenChannel;
import io.seqpipe.tasks.tagging.TaggedExample;
import io.seqpipe.tasks.tagging.TaggingBatches;
import io.seqpipe.testing.TestSpark;
import io.seqpipe.train.EarlyStopping;
import io.seqpipe.train.ParameterAveragingTrainer;
import io.seqpipe.train.TrainSettings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training throughput on the reference BiLSTM tagger (vocab 5000, embedding 64, LSTM hidden 128 per direction, 9
 * tags, T = 50 full-length synthetic sentences, batch 32), contenders alternating in one JVM:
 * <ul>
 *   <li><b>plain DL4J</b>: the model as a DL4J user writes it with DL4J's own layers ({@code EmbeddingSequenceLayer},
 *       {@code Bidirectional(CONCAT, LSTM)}, {@code RnnOutputLayer}), {@code ComputationGraph.fit} over pre-built
 *       minibatches in one JVM;</li>
 *   <li><b>SeqPipe network, one JVM</b>: SeqPipe's network for the same model ({@link NetworkFactory#tokenTagger}:
 *       SeqPipe's LSTM layer and bidirectional vertices), fitted the same way, which separates the layers' share of
 *       the speed-up from the trainer's;</li>
 *   <li><b>SeqPipe local[2]</b>: SeqPipe's {@link ParameterAveragingTrainer} in Spark {@code local[2]} (one epoch
 *       over an RDD of sentences: shuffle, minibatch conversion, averaging every 5 minibatches included);</li>
 * </ul>
 * plus an ND4J float GEMM microbenchmark as the peak. Surefire runs this JVM with OMP_NUM_THREADS=1 (root pom), the
 * setting STACK.md found fastest for every contender. Writes {@code target/bench/train.json}; start it with
 * {@code scripts/bench-train.sh}.
 */
@Tag("benchmark")
public class TrainThroughputBenchmark {
    static final int VOCAB = 5000;
    static final int EMBEDDING = 64;
    static final int HIDDEN = 128;
    static final int TAGS = 9;
    public static final int T = 50;
    static final int BATCH = 32;
    /** Minibatches per worker between averagings: the tagging default, or {@code -Dbench.averaging}. */
    static final int AVERAGING = Integer.getInteger("bench.averaging", 5);

    /**
     * Matmul FLOPs per sequence, forward + backward: each direction's LSTM does, per step, the input projection
     * [E] x [E, 4H] and the recurrent product [H] x [H, 4H], 2·4H·(E+H) FLOPs; the output layer does [2H] x [2H, K],
     * 2·2H·K. Backward costs twice forward (gradients w.r.t. inputs and w.r.t. weights). Gate nonlinearities,
     * elementwise products, the embedding lookup and the softmax are not counted.
     */
    static double flopsPerSequence() {
        double lstm = 2.0 * T * 2 * 4 * HIDDEN * (EMBEDDING + HIDDEN); // 2 directions
        double output = (double) T * 2 * (2 * HIDDEN) * TAGS;
        return 3 * (lstm + output);
    }

    public static ComputationGraphConfiguration conf() {
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.LSTM, 1, HIDDEN, true, EMBEDDING, 0.0, ModelSpec.Pooling.MAX);
        return NetworkFactory.tokenTagger(spec, new OptimizerSpec(OptimizerSpec.Updater.ADAM, 2e-3, 0, 5.0, 7),
                List.of(new TokenChannel("word", VOCAB, EMBEDDING)), TAGS);
    }

    /** The reference model with DL4J's own layers, as a DL4J user would write it (same optimizer settings). */
    public static ComputationGraphConfiguration plainDl4jConf() {
        return new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(2e-3)).weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(5.0)
                .graphBuilder()
                .addInputs("tokens")
                .addLayer("embedding", new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(EMBEDDING).build(),
                        "tokens")
                .addLayer("bilstm", new Bidirectional(Bidirectional.Mode.CONCAT, new LSTM.Builder()
                        .nIn(EMBEDDING).nOut(HIDDEN).activation(Activation.TANH).build()), "embedding")
                .addLayer("output", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(2 * HIDDEN).nOut(TAGS).dataFormat(RNNFormat.NCW).build(),
                        "bilstm")
                .setOutputs("output")
                .build();
    }

    public static List<TaggedExample> sentences(int n, long seed) {
        Random r = new Random(seed);
        List<TaggedExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int[] ids = new int[T];
            int[] tags = new int[T];
            for (int t = 0; t < T; t++) {
                ids[t] = 2 + r.nextInt(VOCAB - 2);
                tags[t] = ids[t] % TAGS;
            }
            out.add(new TaggedExample(i, new int[][]{ids}, tags));
        }
        return out;
    }

    @Test
    void measure() throws Exception {
        int sequences = Integer.getInteger("bench.sequences", 1280);
        int rounds = Integer.getInteger("bench.rounds", 3);
        int warmupRounds = Integer.getInteger("bench.warmupRounds", 2);
        List<TaggedExample> data = sentences(sequences, 1);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < data.size(); i += BATCH) {
            batches.add(TaggingBatches.labelled(data.subList(i, Math.min(data.size(), i + BATCH)), TAGS));
        }
        SparkSession spark = TestSpark.start("bench-train");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<TaggedExample> rdd = sc.parallelize(data, 2).cache();
        rdd.count();
        TrainSettings settings = new TrainSettings(1, BATCH, AVERAGING, 2, 7, EarlyStopping.patience(0), 1, 1);
        ParameterAveragingTrainer trainer = new ParameterAveragingTrainer(sc, settings, List.of());

        ComputationGraph plain = new ComputationGraph(plainDl4jConf());
        plain.init();
        ComputationGraph seqpipeNetwork = new ComputationGraph(conf());
        seqpipeNetwork.init();
        // Warm-up: unmeasured rounds of every contender. A fresh JVM spends its first ~15 s compiling thousands of
        // methods (Spark, Kryo, DL4J, SeqPipe's kernels) on the same two cores; measured before that, every contender
        // is slow and local[2], with the most code, the slowest (docs/PERFORMANCE.md).
        for (int w = 0; w < warmupRounds; w++) {
            batches.forEach(plain::fit);
            batches.forEach(seqpipeNetwork::fit);
            trainer.fit(conf(), rdd, sequences, TaggingBatches.format(TAGS, 0), null);
            gemm(512, 2, 3);
            gemm(1024, 2, 3);
        }

        Map<String, List<Double>> runs = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            batches.forEach(plain::fit);
            add(runs, "plainDl4jSeqPerSec", sequences / seconds(t0));

            t0 = System.nanoTime();
            batches.forEach(seqpipeNetwork::fit);
            add(runs, "seqpipeNetworkOneJvmSeqPerSec", sequences / seconds(t0));

            t0 = System.nanoTime();
            ParameterAveragingTrainer.Result result = trainer.fit(conf(), rdd, sequences,
                    TaggingBatches.format(TAGS, 0), null);
            add(runs, "seqpipeLocal2SeqPerSec", sequences / seconds(t0));
            add(runs, "seqpipeLocal2EpochOnlySeqPerSec", sequences / result.epochs().get(0).seconds());

            for (int n : new int[]{512, 1024}) {
                add(runs, "gemm" + n + "x1ThreadGflops", gemm(n, 1, 5));
                add(runs, "gemm" + n + "x2ThreadsGflops", gemm(n, 2, 5));
            }
        }
        double flops = flopsPerSequence();
        double plainSeq = median(runs.get("plainDl4jSeqPerSec"));
        double seqpipeSeq = median(runs.get("seqpipeLocal2SeqPerSec"));
        double networkSeq = median(runs.get("seqpipeNetworkOneJvmSeqPerSec"));
        double peak = Math.max(median(runs.get("gemm1024x2ThreadsGflops")), median(runs.get("gemm512x2ThreadsGflops")));
        // the best GEMM run seen: on a shared machine the median understates what the hardware can do
        double bestPeak = runs.entrySet().stream().filter(e -> e.getKey().startsWith("gemm"))
                .flatMap(e -> e.getValue().stream()).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        List<Double> paired = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            paired.add(runs.get("seqpipeLocal2SeqPerSec").get(r) / runs.get("plainDl4jSeqPerSec").get(r));
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("shape", Map.of("vocab", VOCAB, "embedding", EMBEDDING, "hiddenPerDirection", HIDDEN,
                "bidirectional", true, "cell", "LSTM", "tags", TAGS, "T", T, "batch", BATCH,
                "averagingFrequency", AVERAGING, "sequencesPerRun", sequences));
        result.put("contenders", Map.of(
                "plainDl4j", "DL4J's own layers: EmbeddingSequenceLayer, Bidirectional(CONCAT, LSTM), RnnOutputLayer;"
                        + " ComputationGraph.fit in this JVM",
                "seqpipeNetworkOneJvm", "NetworkFactory.tokenTagger (SeqPipe's Lstm, MaskedReverseVertex,"
                        + " TimeSeriesMergeVertex); ComputationGraph.fit in this JVM",
                "seqpipeLocal2", "NetworkFactory.tokenTagger trained by ParameterAveragingTrainer in local[2]"));
        result.put("javacppMaxPhysicalBytes", System.getProperty("org.bytedeco.javacpp.maxphysicalbytes"));
        result.put("rounds", rounds);
        result.put("warmupRounds", warmupRounds);
        result.put("ompNumThreads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        result.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        result.put("flopsPerSequence", flops);
        result.put("flopFormula", "3 * (2 dirs * T * 2*4H*(E+H) + T * 2*(2H)*K), E=64 H=128 K=9 T=50; backward = 2x"
                + " forward; matmuls only");
        result.put("runs", runs);
        Map<String, Object> medians = new LinkedHashMap<>();
        runs.forEach((k, v) -> medians.put(k, median(v)));
        result.put("medians", medians);
        Map<String, Object> derived = new LinkedHashMap<>();
        derived.put("plainDl4jTokensPerSec", plainSeq * T);
        derived.put("seqpipeLocal2TokensPerSec", seqpipeSeq * T);
        derived.put("plainDl4jGflops", plainSeq * flops / 1e9);
        derived.put("seqpipeLocal2Gflops", seqpipeSeq * flops / 1e9);
        derived.put("gemmPeakGflops (median, 2 threads)", peak);
        derived.put("seqpipeNetworkOneJvmTokensPerSec", networkSeq * T);
        derived.put("seqpipeNetworkOneJvm/plain", networkSeq / plainSeq);
        derived.put("seqpipe/plain", seqpipeSeq / plainSeq);
        derived.put("seqpipe/plain per round (adjacent runs)", paired);
        derived.put("seqpipe/plain median of per-round ratios", median(paired));
        derived.put("gemmBestRunGflops", bestPeak);
        derived.put("seqpipeFractionOfBestGemmRun", seqpipeSeq * flops / 1e9 / bestPeak);
        derived.put("plainFractionOfPeak", plainSeq * flops / 1e9 / peak);
        derived.put("seqpipeFractionOfPeak", seqpipeSeq * flops / 1e9 / peak);
        derived.put("seqpipeNetworkOneJvmFractionOfPeak", networkSeq * flops / 1e9 / peak);
        result.put("derived", derived);
        Path out = Path.of("target/bench/train.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(result) + "\n");
        System.out.println(Json.write(result));
        spark.stop();
        assertTrue(plainSeq > 0 && seqpipeSeq > 0);
    }

    /**
     * Float GEMM C = A·B of {@code n x n}, {@code threads} Java threads each multiplying its own matrices
     * concurrently (each with this JVM's OpenMP setting); aggregate GFLOP/s (2n³ per product) over {@code reps}.
     */
    static double gemm(int n, int threads, int reps) throws InterruptedException {
        INDArray[][] m = new INDArray[threads][];
        for (int i = 0; i < threads; i++) {
            m[i] = new INDArray[]{Nd4j.rand(DataType.FLOAT, n, n), Nd4j.rand(DataType.FLOAT, n, n),
                    Nd4j.create(DataType.FLOAT, n, n)};
            m[i][0].mmuli(m[i][1], m[i][2]); // warm-up
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            INDArray[] mi = m[i];
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int k = 0; k < reps; k++) {
                    mi[0].mmuli(mi[1], mi[2]);
                }
            });
            th.start();
            workers.add(th);
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread th : workers) {
            th.join();
        }
        return 2.0 * n * n * n * reps * threads / seconds(t0) / 1e9;
    }

    private static void add(Map<String, List<Double>> runs, String key, double v) {
        runs.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    public static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }
}
