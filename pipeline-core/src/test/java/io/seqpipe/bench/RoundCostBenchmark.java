package io.seqpipe.bench;

import io.seqpipe.io.Json;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.model.TokenChannel;
import io.seqpipe.spark.SparkSessions;
import io.seqpipe.tasks.tagging.TaggedExample;
import io.seqpipe.tasks.tagging.TaggingBatches;
import io.seqpipe.train.EarlyStopping;
import io.seqpipe.train.ParameterAveragingTrainer;
import io.seqpipe.train.TrainSettings;
import io.seqpipe.train.TrainingListener;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

import static io.seqpipe.bench.TrainThroughputBenchmark.median;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cost model of {@link ParameterAveragingTrainer} ({@link ScalingProjection}), measured on the real trainer:
 * <ul>
 *   <li><b>fixed cost of an averaging round</b> (Spark job launch, broadcast of parameters and updater state, the
 *       workers' set-up, the driver's averaging, result collection) for BiLSTM taggers of ~10 k, 100 k, 1 M and 5 M
 *       parameters ({@link NetworkFactory#tokenTagger}, Adam) in {@code local[k]}, k = 1, 2, 4, 8. Each worker fits
 *       minibatches of one example of length 2 (length 1 trips DL4J's per-output masking check), so a round is
 *       almost all fixed cost, with averaging frequency 1. The one tiny minibatch's own cost (mostly gradient
 *       clipping and Adam over all P parameters), measured alone in one thread, is subtracted, once per worker a core
 *       runs: fixed = round − t_tiny(P) · ceil(k / cores). A round's time is the gap between the trainer's progress
 *       events (so the epoch plan is not in it); per (P, k) the median of the rounds after the first of
 *       {@code bench.repeats} fits of {@code bench.roundsPerFit} rounds. fixed(P, k) = a + b·k + c·P + d·P·k is
 *       fitted to the 16 points;</li>
 *   <li><b>compute per minibatch</b> of the reference tagger (vocab 5000, embedding 64, hidden 128 per direction,
 *       T = 50, batch 32; {@link TrainThroughputBenchmark#conf}) in one thread, minibatch conversion included, and in
 *       two concurrent threads (two networks): their ratio is the contention of two busy cores;</li>
 *   <li>the reference tagger trained by the trainer in each {@code local[k]} (averaging every 5): the measured round
 *       against the model's fixed + 5 · t_minibatch · contention, and the epoch plan's time.</li>
 * </ul>
 * Writes {@code target/bench/round-cost.json}, then the projection ({@link #project}) to
 * {@code target/bench/projection.json}. Start it with {@code scripts/bench-round-cost.sh}.
 */
@Tag("benchmark")
public class RoundCostBenchmark {
    static final int TAGS = 9;
    /** {vocab, embedding, hidden per direction}: ~9 k, ~96 k, ~0.97 M, ~5.0 M parameters. */
    static final int[][] SHAPES = {{300, 16, 16}, {2000, 32, 48}, {12000, 64, 128}, {54000, 80, 256}};
    static final Path OUT = Path.of("target/bench/round-cost.json");
    static final Path PROJECTION = Path.of("target/bench/projection.json");

    static ComputationGraphConfiguration tagger(int vocab, int embedding, int hidden, int tags) {
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.LSTM, 1, hidden, true, embedding, 0.0, ModelSpec.Pooling.MAX);
        return NetworkFactory.tokenTagger(spec, new OptimizerSpec(OptimizerSpec.Updater.ADAM, 2e-3, 0, 5.0, 7),
                List.of(new TokenChannel("word", vocab, embedding)), tags);
    }

    static long params(ComputationGraphConfiguration conf) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net.numParams();
    }

    /** Records the gap between the trainer's progress events: one averaging round each (the first holds the plan). */
    static final class RoundClock implements TrainingListener {
        final List<Double> marks = new ArrayList<>();

        @Override
        public void onProgress(int epoch, long seen, long total, double loss, double epochSeconds, double elapsed) {
            marks.add(epochSeconds);
        }

        List<Double> rounds() {
            List<Double> out = new ArrayList<>();
            for (int i = 1; i < marks.size(); i++) {
                out.add(marks.get(i) - marks.get(i - 1));
            }
            return out;
        }
    }

    static TrainSettings settings(int batch, int averaging) {
        return new TrainSettings(1, batch, averaging, 2, 7, EarlyStopping.patience(0), 1, 1);
    }

    /** One fit of {@code rounds} rounds; returns the clock (round gaps after the first, the first's mark). */
    static RoundClock fit(JavaSparkContext sc, ComputationGraphConfiguration conf, JavaRDD<TaggedExample> rdd, long n,
                          int batch, int averaging) {
        RoundClock clock = new RoundClock();
        new ParameterAveragingTrainer(sc, settings(batch, averaging), List.of(clock))
                .fit(conf, rdd, n, TaggingBatches.format(TAGS, 0), null);
        return clock;
    }

    static List<TaggedExample> lengthTwo(int n, long seed) {
        Random r = new Random(seed);
        List<TaggedExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int a = 2 + r.nextInt(SHAPES[0][0] - 2);
            int b = 2 + r.nextInt(SHAPES[0][0] - 2);
            out.add(new TaggedExample(i, new int[][]{{a, b}}, new int[]{a % TAGS, b % TAGS}));
        }
        return out;
    }

    static SparkSession start(int k) {
        System.setProperty("spark.ui.enabled", "false");
        String master = "local[" + k + "]";
        return SparkSession.builder().config(SparkSessions.conf("bench-round-cost", master, 1)
                .set("spark.master", master).set("spark.sql.shuffle.partitions", "4")).getOrCreate();
    }

    @Test
    void measure() throws Exception {
        int repeats = Integer.getInteger("bench.repeats", 3);
        int rounds = Integer.getInteger("bench.roundsPerFit", 6);
        int referenceRounds = Integer.getInteger("bench.referenceRounds", 6);
        int[] ks = java.util.Arrays.stream(System.getProperty("bench.workers", "1,2,4,8").split(","))
                .mapToInt(Integer::parseInt).toArray();
        long begin = System.nanoTime();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("setup", Map.of("repeats", repeats, "roundsPerFit", rounds, "averagingFrequency", 1,
                "tinyMinibatch", "1 example of length 2", "referenceRounds", referenceRounds,
                "availableProcessors", Runtime.getRuntime().availableProcessors(),
                "ompNumThreads", String.valueOf(System.getenv("OMP_NUM_THREADS")),
                "loadAverageAtStart", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()));
        Map<String, Object> compute = computePerMinibatch(Math.max(repeats, 5));
        result.put("computePerMinibatch", compute);
        double tMinibatch = (double) compute.get("oneThreadSecondsMedian");
        double contention = (double) compute.get("contention2");

        List<Map<String, Object>> shapes = new ArrayList<>();
        long[] shapeParams = new long[SHAPES.length];
        double[] tinyMinibatch = new double[SHAPES.length];
        int cores = Runtime.getRuntime().availableProcessors();
        for (int s = 0; s < SHAPES.length; s++) {
            ComputationGraph net = new ComputationGraph(tagger(SHAPES[s][0], SHAPES[s][1], SHAPES[s][2], TAGS));
            net.init();
            shapeParams[s] = net.numParams();
            tinyMinibatch[s] = tinyMinibatchSeconds(net);
            shapes.add(Map.of("vocab", SHAPES[s][0], "embedding", SHAPES[s][1], "hiddenPerDirection", SHAPES[s][2],
                    "params", shapeParams[s], "tinyMinibatchSecondsOneThread", tinyMinibatch[s]));
        }
        long referenceParams = params(TrainThroughputBenchmark.conf());
        result.put("shapes", shapes);

        List<Map<String, Object>> points = new ArrayList<>();
        List<Map<String, Object>> reference = new ArrayList<>();
        for (int k : ks) {
            SparkSession spark = start(k);
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Map<Integer, JavaRDD<TaggedExample>> tiny = new LinkedHashMap<>();
            JavaRDD<TaggedExample> tinyRdd = sc.parallelize(lengthTwo(k * rounds, k), k).cache();
            tinyRdd.count();
            tiny.put(1, tinyRdd);
            int refN = k * 5 * 32 * referenceRounds;
            JavaRDD<TaggedExample> refRdd = sc.parallelize(TrainThroughputBenchmark.sentences(refN, k), k).cache();
            refRdd.count();
            // warm-up (JIT, the session's first jobs): unmeasured fits of the smallest shape and the reference
            for (int w = 0; w < (k == ks[0] ? 2 : 1); w++) {
                fit(sc, tagger(SHAPES[0][0], SHAPES[0][1], SHAPES[0][2], TAGS), tiny.get(1), k * rounds, 1, 1);
                if (k == ks[0]) {
                    fit(sc, TrainThroughputBenchmark.conf(), refRdd, refN, 32, 5);
                }
            }
            for (int s = 0; s < SHAPES.length; s++) {
                ComputationGraphConfiguration conf = tagger(SHAPES[s][0], SHAPES[s][1], SHAPES[s][2], TAGS);
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("params", shapeParams[s]);
                point.put("workers", k);
                List<List<Double>> perFit = new ArrayList<>();
                List<Double> pooled = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    List<Double> gaps = fit(sc, conf, tiny.get(1), (long) k * rounds, 1, 1).rounds();
                    perFit.add(gaps);
                    pooled.addAll(gaps);
                }
                double round = median(pooled);
                int perCore = (k + cores - 1) / cores;
                point.put("roundSecondsPerFit", perFit);
                point.put("roundSeconds", round);
                point.put("tinyMinibatchSeconds", tinyMinibatch[s]);
                point.put("fixedSeconds", round - tinyMinibatch[s] * perCore);
                points.add(point);
                System.out.println("round-cost " + Json.write(point).replaceAll("\\s+", " "));
            }
            RoundClock clock = fit(sc, TrainThroughputBenchmark.conf(), refRdd, refN, 32, 5);
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("workers", k);
            ref.put("roundSecondsRuns", clock.rounds());
            double refRound = median(clock.rounds());
            ref.put("roundSecondsMedian", refRound);
            ref.put("planAndFirstRoundSeconds", clock.marks.get(0));
            ref.put("planSeconds", clock.marks.get(0) - refRound);
            reference.add(ref);
            refRdd.unpersist();
            tiny.values().forEach(JavaRDD::unpersist);
            spark.stop();
        }
        result.put("points", points);

        double[] p = new double[points.size()];
        int[] kk = new int[points.size()];
        double[] fixed = new double[points.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = ((Number) points.get(i).get("params")).doubleValue();
            kk[i] = (int) points.get(i).get("workers");
            fixed[i] = (double) points.get(i).get("fixedSeconds");
        }
        ScalingProjection.FixedCost model = ScalingProjection.FixedCost.fit(p, kk, fixed);
        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("formula", "fixed(P, k) = a + b*k + c*P + d*P*k seconds (weighted least squares, relative error)");
        fit.put("a", model.a());
        fit.put("b", model.b());
        fit.put("c", model.c());
        fit.put("d", model.d());
        List<Map<String, Object>> residuals = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            double predicted = model.seconds(p[i], kk[i]);
            residuals.add(Map.of("params", (long) p[i], "workers", kk[i], "measured", fixed[i], "fitted", predicted,
                    "relativeError", (predicted - fixed[i]) / fixed[i]));
        }
        fit.put("residuals", residuals);
        result.put("fixedCostFit", fit);

        // the reference model's rounds against the model: fixed(P_ref, k) + 5 · t_minibatch · contention(k)
        for (Map<String, Object> ref : reference) {
            int k = (int) ref.get("workers");
            double busy = Math.min(k, Runtime.getRuntime().availableProcessors());
            // k workers on fewer cores: each core runs k / cores of them one after the other
            double perCore = k / busy;
            double predicted = model.seconds(referenceParams, k) + 5 * tMinibatch * perCore
                    * (busy >= 2 ? contention : 1);
            ref.put("modelRoundSeconds", predicted);
            ref.put("modelRelativeError", (predicted - (double) ref.get("roundSecondsMedian"))
                    / (double) ref.get("roundSecondsMedian"));
        }
        result.put("referenceParams", referenceParams);
        result.put("reference", reference);
        result.put("benchmarkSeconds", (System.nanoTime() - begin) / 1e9);
        Files.createDirectories(OUT.getParent());
        Files.writeString(OUT, Json.write(result) + "\n");
        System.out.println(Json.write(result));
        project();
        assertTrue(tMinibatch > 0 && !points.isEmpty());
    }

    /**
     * Compute per minibatch of the reference tagger: {@code ComputationGraph.fit} of 20 minibatches (each built from
     * its 32 examples, as a worker does) in one thread, and in two threads at once on two networks; medians of
     * {@code repeats} measurements after two warm-up passes.
     */
    static Map<String, Object> computePerMinibatch(int repeats) throws InterruptedException {
        int minibatches = 20;
        List<TaggedExample> data = TrainThroughputBenchmark.sentences(32 * minibatches, 1);
        ComputationGraph[] nets = new ComputationGraph[2];
        for (int i = 0; i < 2; i++) {
            nets[i] = new ComputationGraph(TrainThroughputBenchmark.conf());
            nets[i].init();
        }
        Runnable pass0 = () -> pass(nets[0], data);
        for (int w = 0; w < 2; w++) {
            pass0.run();
            pass(nets[1], data);
        }
        List<Double> one = new ArrayList<>();
        List<Double> two = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            pass0.run();
            one.add((System.nanoTime() - t0) / 1e9 / minibatches);
            Thread a = new Thread(pass0);
            Thread b = new Thread(() -> pass(nets[1], data));
            t0 = System.nanoTime();
            a.start();
            b.start();
            a.join();
            b.join();
            two.add((System.nanoTime() - t0) / 1e9 / minibatches);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", "reference BiLSTM tagger: vocab 5000, embedding 64, hidden 128/direction, 9 tags, T 50,"
                + " batch 32, Adam");
        out.put("minibatchesPerMeasurement", minibatches);
        out.put("oneThreadSecondsRuns", one);
        out.put("oneThreadSecondsMedian", median(one));
        out.put("twoThreadsSecondsRuns", two);
        out.put("twoThreadsSecondsMedian", median(two));
        out.put("contention2", median(two) / median(one));
        out.put("oneThreadSequencesPerSecond", 32 / median(one));
        return out;
    }

    /** One thread fitting the benchmark's tiny minibatch (one example of length 2): median of 15 after 5 warm-up. */
    static double tinyMinibatchSeconds(ComputationGraph net) {
        DataSet batch = TaggingBatches.labelled(lengthTwo(1, 3), TAGS);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            net.fit(batch);
            if (i >= 5) {
                times.add((System.nanoTime() - t0) / 1e9);
            }
        }
        return median(times);
    }

    private static void pass(ComputationGraph net, List<TaggedExample> data) {
        for (int i = 0; i < data.size(); i += 32) {
            DataSet batch = TaggingBatches.labelled(data.subList(i, i + 32), TAGS);
            net.fit(batch);
        }
    }

    /**
     * Reads {@code round-cost.json} and the examples-to-target figures ({@code -Dbench.scaling=file.json}, a JSON
     * object {"k": examples}; without it placeholders 1.0, 1.1, 1.2, 1.4 × {@code bench.examplesK1} at k = 1, 2, 4,
     * 8; {@code -Dbench.minibatchSeconds} and {@code -Dbench.contention} replace the measured compute and
     * contention, e.g. with quiet-machine figures), writes {@code projection.json}: time to target on n nodes of c cores, where the round's overhead reaches its
     * compute, the fastest k, and the model against every cluster measurement in docs/PERFORMANCE.md.
     */
    @Test
    void project() throws Exception {
        if (!Files.exists(OUT)) {
            throw new IllegalStateException(OUT.toAbsolutePath() + " is missing: run scripts/bench-round-cost.sh"
                    + " (without --project-only) first");
        }
        Map<String, Object> cost = Json.readMap(Files.readString(OUT));
        Map<String, Object> fit = map(cost.get("fixedCostFit"));
        ScalingProjection.FixedCost fixed = new ScalingProjection.FixedCost(num(fit.get("a")), num(fit.get("b")),
                num(fit.get("c")), num(fit.get("d")));
        Map<String, Object> compute = map(cost.get("computePerMinibatch"));
        double tMinibatch = Double.parseDouble(System.getProperty("bench.minibatchSeconds",
                String.valueOf(num(compute.get("oneThreadSecondsMedian")))));
        double contention = Double.parseDouble(System.getProperty("bench.contention",
                String.valueOf(num(compute.get("contention2")))));
        double referenceParams = num(cost.get("referenceParams"));
        int averaging = Integer.getInteger("bench.averaging", 5);
        double gbps = Double.parseDouble(System.getProperty("bench.networkGbps", "10"));
        NavigableMap<Integer, Double> examples = new TreeMap<>();
        String scaling = System.getProperty("bench.scaling", "");
        String examplesSource;
        if (scaling.isEmpty()) {
            double k1 = Double.parseDouble(System.getProperty("bench.examplesK1", "12000"));
            examples.put(1, k1);
            examples.put(2, 1.1 * k1);
            examples.put(4, 1.2 * k1);
            examples.put(8, 1.4 * k1);
            examplesSource = "PLACEHOLDER: 1.0, 1.1, 1.2, 1.4 x " + k1 + " (bench.examplesK1) at k = 1, 2, 4, 8";
        } else {
            Json.readMap(Files.readString(Path.of(scaling)))
                    .forEach((k, v) -> examples.put(Integer.parseInt(k), num(v)));
            examplesSource = scaling;
        }
        ScalingProjection.Inputs in = new ScalingProjection.Inputs(fixed, referenceParams, tMinibatch, contention,
                averaging, 32, 3 * referenceParams, gbps * 1e9 / 8, examples);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", "time = examplesNeeded(k) / (k*H*B) * (fixed(P,k) + network(P,k) + H*t_minibatch*contention)");
        out.put("inputs", Map.of("params", referenceParams, "minibatchSeconds", tMinibatch, "contention", contention,
                "averagingFrequency", averaging, "batch", 32, "networkGbps", gbps, "fixedCost", fit,
                "examplesNeeded", examples, "examplesNeededSource", examplesSource));
        List<Object> grid = new ArrayList<>();
        for (int c : new int[]{1, 4, 8, 16}) {
            for (int n : new int[]{1, 2, 4, 8, 16, 32, 64}) {
                grid.add(ScalingProjection.project(in, n, c, true));
            }
        }
        out.put("projection (networked cluster, driver on its own machine)", grid);
        Map<String, Object> flattens = new LinkedHashMap<>();
        for (int c : new int[]{1, 4, 8, 16}) {
            flattens.put("cores " + c, Map.of(
                    "overheadEqualsComputeAtK", ScalingProjection.overheadEqualsCompute(in, c, true, 4096),
                    "overheadEqualsComputeAtK (no network)", ScalingProjection.overheadEqualsCompute(in, c, false, 4096),
                    "efficiencyBelowHalfAtK", ScalingProjection.efficiencyBelow(in, c, true, 4096, 0.5),
                    "fastest (power-of-two nodes up to 1024 workers)", ScalingProjection.fastest(in, c, true, 1024)));
        }
        out.put("whereItFlattens", flattens);
        out.put("validation", validation(in, cost, tMinibatch, contention));
        Files.createDirectories(PROJECTION.getParent());
        Files.writeString(PROJECTION, Json.write(out) + "\n");
        System.out.println(Json.write(out));
    }

    /**
     * The model against the cluster figures of docs/PERFORMANCE.md, "Standalone cluster: 1 vs 2 executors" (one
     * 2-core box, {@code scripts/bench-cluster.sh}; per-epoch seconds, the warmest epoch compared) and the local[2]
     * epoch of "Training throughput":
     * absolutely (the measured t_minibatch; only the current code) and calibrated (t_minibatch solved from the
     * 1-executor epoch, the 2-executor epoch predicted: tests the k-dependence alone, on every code version).
     */
    static List<Map<String, Object>> validation(ScalingProjection.Inputs in, Map<String, Object> cost,
                                                double tMinibatch, double contention) {
        Map<Integer, Double> plan = new TreeMap<>();
        for (Object o : (List<?>) cost.get("reference")) {
            Map<String, Object> r = map(o);
            plan.put((int) num(r.get("workers")), Math.max(0, num(r.get("planSeconds"))));
        }
        double plan1 = plan.getOrDefault(1, 0.0);
        double plan2 = plan.getOrDefault(2, plan1);
        // {label, examples, averaging, params, seconds k=1, seconds k=2, current code}; CoNLL: conf/conll2003.conf on
        // its first 4000 sentences, P ≈ 1.33 M (8326 words × 100, casing 8, four affix channels × 24 of ~6.3 k
        // affixes seen twice, BiLSTM 128 over 204 inputs, 17 IOBES tags), averaging every 10
        Object[][] rows = {
                {"cluster reference f0d12aa (epoch 2)", 1280L, 5, in.params(), 4.78, 5.20, true},
                {"cluster reference fd48623 (epoch 2)", 1280L, 5, in.params(), 5.42, 4.92, false},
                {"cluster reference 46ef8a4 (epoch 2)", 1280L, 5, in.params(), 5.73, 6.08, false},
                {"cluster reference, DL4J LSTM (epoch 2)", 1280L, 5, in.params(), 15.5, 13.9, false},
                {"cluster CoNLL 4000 f0d12aa (epoch 3)", 4000L, 10, 1.33e6, 8.56, 7.83, false},
                {"cluster CoNLL 4000 fd48623 (epoch 3)", 4000L, 10, 1.33e6, 11.0, 7.93, false},
                {"cluster CoNLL 4000 46ef8a4 (epoch 3)", 4000L, 10, 1.33e6, 11.6, 9.83, false},
                {"cluster CoNLL 4000, DL4J LSTM (epoch 3)", 4000L, 10, 1.33e6, 19.5, 15.0, false},
        };
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] row : rows) {
            long n = (long) row[1];
            int h = (int) row[2];
            double params = (double) row[3];
            double m1 = (double) row[4];
            double m2 = (double) row[5];
            ScalingProjection.Inputs at = new ScalingProjection.Inputs(in.fixed(), params, tMinibatch, contention, h,
                    32, 3 * params, in.bytesPerSecond(), in.examplesNeeded());
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("run", row[0]);
            v.put("measuredEpochSeconds k1, k2", List.of(m1, m2));
            v.put("measured k2/k1", m2 / m1);
            if ((boolean) row[6]) {
                double p1 = ScalingProjection.epochSeconds(at, n, 1, 1, plan1, false);
                double p2 = ScalingProjection.epochSeconds(at, n, 2, 2, plan2, false);
                v.put("absolute: predicted k1, k2", List.of(p1, p2));
                v.put("absolute: error k1, k2", List.of((p1 - m1) / m1, (p2 - m2) / m2));
            }
            // calibrated: t_minibatch from the k = 1 epoch
            double rounds1 = Math.ceil(n / (double) (h * 32));
            double t = ((m1 - plan1) / rounds1 - in.fixed().seconds(params, 1)) / h;
            ScalingProjection.Inputs cal = new ScalingProjection.Inputs(in.fixed(), params, t, contention, h, 32,
                    3 * params, in.bytesPerSecond(), in.examplesNeeded());
            double p2 = ScalingProjection.epochSeconds(cal, n, 2, 2, plan2, false);
            v.put("calibrated t_minibatch", t);
            v.put("calibrated: predicted k2", p2);
            v.put("calibrated: predicted k2/k1", p2 / m1);
            v.put("calibrated: error k2", (p2 - m2) / m2);
            out.add(v);
        }
        // section 1, local[2] (warm JVM, after warm-up rounds): 1280 sequences, medians of three quiet runs
        ScalingProjection.Inputs local = new ScalingProjection.Inputs(in.fixed(), in.params(), tMinibatch, contention,
                5, 32, 3 * in.params(), in.bytesPerSecond(), in.examplesNeeded());
        double p2 = ScalingProjection.epochSeconds(local, 1280, 2, 2, plan2, false);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("run", "local[2] reference db04e36 (section 1, quiet machine, seq/s medians of 3 runs: 539, 578, 501)");
        v.put("measuredEpochSeconds", List.of(1280 / 539.0, 1280 / 578.0, 1280 / 501.0));
        v.put("absolute: predicted", p2);
        v.put("absolute: error vs middle run", (p2 - 1280 / 539.0) / (1280 / 539.0));
        out.add(v);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
