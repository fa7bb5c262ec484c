package io.seqpipe.train;

import io.seqpipe.io.Json;
import io.seqpipe.tasks.tagging.TaggedExample;
import io.seqpipe.testing.TestSpark;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.MapStatus;
import org.apache.spark.scheduler.MapStatus$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.BlockManagerId$;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SizeEstimator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.Tuple2;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The driver's side of an epoch at 1 M, 10 M and 100 M synthetic examples, without training (batch 32, averaging every
 * 5, 8 workers, length-bucketing pool 50 unless set by {@code bench.*} properties), for the placement with one
 * partition per (round, worker) (what {@link BucketedEpoch} did before partitions were capped; the same code with no
 * cap) and the current one ({@link BucketedEpoch#MAX_PARTITIONS}):
 * <ul>
 *   <li><b>plan</b>: the {@link BucketedEpoch.Schedule} built for real at every size (construction time, its bytes,
 *       driver heap after GC), partitions and Spark jobs per epoch;</li>
 *   <li><b>map output state</b>: the size of one shuffle map task's status on the driver ({@link SizeEstimator}) and
 *       of its shuffle index file, for the placed RDD's partition count, with each map task writing to the partitions
 *       of {@code minibatches / bench.mapTasks} minibatches;</li>
 *   <li><b>per-round job</b>: wall time of a near-empty round job in {@code local[2]} ({@link BucketedEpoch#round}
 *       over the placed RDD, persisted as in training) where the placed RDD holds every minibatch of the epoch as an
 *       empty example list at its real slot (so the partition count, the shuffle and the scheduler's work are those of
 *       the real epoch, and the examples' own size is left out);</li>
 *   <li><b>real plan at {@code bench.planExamples}</b> (1 M): {@link BucketedEpoch#plan} on synthetic examples (rows
 *       and lengths 1..40) through the first round, with its Spark jobs counted.</li>
 * </ul>
 * Compute is projected at 200 sequences/s per core (the reference BiLSTM tagger), one core per worker. Writes
 * {@code target/bench/driver.json}; start it with {@code scripts/bench-driver.sh}.
 */
@Tag("benchmark")
class DriverPlanBenchmark {
    static final int BATCH = Integer.getInteger("bench.batch", 32);
    static final int FREQUENCY = Integer.getInteger("bench.frequency", 5);
    static final int WORKERS = Integer.getInteger("bench.workers", 8);
    static final int POOL = Integer.getInteger("bench.pool", 50);
    static final double SEQUENCES_PER_CORE_SECOND = 200;
    static final long SEED = 42;

    @Test
    void measure() throws Exception {
        long[] sizes = Arrays.stream(System.getProperty("bench.sizes", "1000000,10000000,100000000").split(","))
                .mapToLong(Long::parseLong).toArray();
        int jobs = Integer.getInteger("bench.jobs", 30);
        int mapTasks = Integer.getInteger("bench.mapTasks", 800);
        long planExamples = Long.getLong("bench.planExamples", 1_000_000L);
        SparkSession spark = TestSpark.start("bench-driver");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        AtomicInteger jobCount = new AtomicInteger();
        sc.sc().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                jobCount.incrementAndGet();
            }
        });
        TrainSettings settings = new TrainSettings(1, BATCH, FREQUENCY, 0, SEED, EarlyStopping.patience(0), 1, POOL);
        ParameterAveragingTrainer trainer = new ParameterAveragingTrainer(sc, settings, List.of());

        Map<String, Object> results = new LinkedHashMap<>();
        for (long n : sizes) {
            int rounds = trainer.roundsPerEpoch(n, WORKERS);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("examples", n);
            r.put("roundsPerEpoch", rounds);
            r.put("sparkJobsPerEpoch", rounds + " rounds + 4 planning jobs");
            double epochCompute = n / (SEQUENCES_PER_CORE_SECOND * WORKERS);
            double roundCompute = FREQUENCY * BATCH / SEQUENCES_PER_CORE_SECOND;
            r.put("projectedEpochComputeSeconds", epochCompute);
            r.put("projectedRoundComputeSeconds", roundCompute);
            r.put("schedule", schedule(n, rounds));
            Map<String, BucketedEpoch.Schedule> schedules = new LinkedHashMap<>();
            schedules.put("onePartitionPerRoundAndWorker", BucketedEpoch.Schedule.of(n, BATCH, (long) POOL * BATCH,
                    WORKERS, FREQUENCY, rounds, SEED, 1, Integer.MAX_VALUE));
            schedules.put("capped" + BucketedEpoch.MAX_PARTITIONS, BucketedEpoch.Schedule.of(n, BATCH,
                    (long) POOL * BATCH, WORKERS, FREQUENCY, rounds, SEED, 1, BucketedEpoch.MAX_PARTITIONS));
            Map<String, Map<String, Object>> jobTimes = roundJobs(sc, schedules, jobs, jobCount);
            Map<String, Object> layouts = new LinkedHashMap<>();
            schedules.forEach((name, s) -> {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("partitions", s.partitions());
                l.put("roundsPerPartition", s.roundsPerPartition());
                l.put("mapOutput", mapOutput(s, mapTasks));
                l.put("roundJobs", jobTimes.get(name));
                layouts.put(name, l);
            });
            System.out.println(n + ": " + Json.write(layouts));
            r.put("layouts", layouts);
            results.put(String.valueOf(n), r);
        }
        Map<String, Object> plan = realPlan(sc, settings, trainer, planExamples, jobCount);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("setup", Map.of("master", sc.master(), "workers", WORKERS, "batchSize", BATCH,
                "averagingFrequency", FREQUENCY, "lengthBucketPool", POOL, "maxPartitions",
                BucketedEpoch.MAX_PARTITIONS, "sequencesPerCoreSecond", SEQUENCES_PER_CORE_SECOND,
                "jobsTimedPerLayout", jobs, "mapTasksAssumed", mapTasks,
                "heapMax", Runtime.getRuntime().maxMemory()));
        out.put("sizes", results);
        out.put("realPlan", plan);
        Path file = Path.of("target/bench/driver.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.write(out) + "\n");
        System.out.println(Json.write(out));
        spark.stop();
    }

    /** The Schedule built for real: fastest of 3 constructions, its bytes, and the heap it adds after GC. */
    static Map<String, Object> schedule(long n, int rounds) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            BucketedEpoch.Schedule s = BucketedEpoch.Schedule.of(n, BATCH, (long) POOL * BATCH, WORKERS, FREQUENCY,
                    rounds, SEED, i + 1);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
            if (s.minibatches() == 0) {
                throw new AssertionError();
            }
        }
        long before = usedAfterGc();
        BucketedEpoch.Schedule s = BucketedEpoch.Schedule.of(n, BATCH, (long) POOL * BATCH, WORKERS, FREQUENCY,
                rounds, SEED, 1);
        long after = usedAfterGc();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("minibatches", s.minibatches());
        out.put("bytes", s.bytes());
        out.put("heapAddedAfterGcBytes", after - before);
        out.put("buildSeconds", best);
        out.put("pools", s.pools());
        out.put("poolBoundaryBytes", 8L * (s.pools() - 1));
        return out;
    }

    /**
     * One shuffle map task's status on the driver and its index file, for a task writing {@code minibatches /
     * mapTasks} minibatches at random slots of the epoch.
     */
    static Map<String, Object> mapOutput(BucketedEpoch.Schedule s, int mapTasks) {
        long[] sizes = new long[s.partitions()];
        Random random = new Random(1);
        int perTask = Math.max(1, s.minibatches() / mapTasks);
        for (int i = 0; i < perTask; i++) {
            long slot = s.slotAt(random.nextInt(s.minibatches()), BATCH);
            sizes[s.partition(slot)] += 4096;
        }
        MapStatus status = MapStatus$.MODULE$.apply(BlockManagerId$.MODULE$.apply("1", "host", 7337,
                Option.empty()), sizes, 1L);
        long statusBytes = SizeEstimator.estimate(status);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mapStatusBytes", statusBytes);
        out.put("mapStatusClass", status.getClass().getSimpleName());
        out.put("mapStatusesBytesAtMapTasks", statusBytes * mapTasks);
        out.put("indexFileBytesPerMapTask", 8L * (s.partitions() + 1));
        return out;
    }

    /**
     * Times {@code jobs} consecutive round jobs of each layout, alternating between the layouts job by job (so that
     * load from elsewhere on the machine falls on both alike), over placed RDDs holding every minibatch of the epoch as
     * an empty example list; then, where rounds share partitions, the first round of 3 later blocks. Also times the
     * driver-only part of a round: defining its pruned RDD and listing its partitions.
     */
    static Map<String, Map<String, Object>> roundJobs(JavaSparkContext sc, Map<String, BucketedEpoch.Schedule> layouts,
                                                      int jobs, AtomicInteger jobCount) {
        int tasks = 4;
        ParameterAveragingTrainer.BatchBuilder<Long, Integer> size = (examples, seed) -> examples.size();
        Map<String, JavaPairRDD<Long, List<Long>>> placed = new LinkedHashMap<>();
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, List<Double>> pruning = new LinkedHashMap<>();
        Map<String, Double> first = new LinkedHashMap<>();
        Map<String, Long> read = new LinkedHashMap<>();
        long before = usedAfterGc();
        layouts.forEach((name, s) -> {
            placed.put(name, sc.parallelize(List.of(0, 1, 2, 3), tasks)
                    .mapPartitionsToPair(it -> slots(s, it.next(), tasks))
                    .repartitionAndSortWithinPartitions(new BucketedEpoch.RoundBlockPartitioner(s))
                    .persist(StorageLevel.MEMORY_AND_DISK()));
            times.put(name, new ArrayList<>());
            pruning.put(name, new ArrayList<>());
            read.put(name, 0L);
        });
        int rounds = layouts.values().iterator().next().rounds;
        int timed = Math.min(jobs, rounds);
        int jobsBefore = jobCount.get();
        for (int round = 0; round < timed; round++) {
            for (Map.Entry<String, BucketedEpoch.Schedule> e : layouts.entrySet()) {
                String name = e.getKey();
                long t = System.nanoTime();
                JavaRDD<Integer> job = BucketedEpoch.round(placed.get(name), e.getValue(), round, null, size, null);
                job.getNumPartitions();
                double define = (System.nanoTime() - t) / 1e9;
                long count = job.count();
                double seconds = (System.nanoTime() - t) / 1e9;
                read.merge(name, count, Long::sum);
                if (round == 0) {
                    first.put(name, seconds);
                } else {
                    times.get(name).add(seconds);
                    pruning.get(name).add(define);
                }
            }
        }
        double jobsPerRound = timed == 0 ? 0 : (jobCount.get() - jobsBefore) / (double) (timed * layouts.size());
        long after = usedAfterGc();
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        layouts.forEach((name, s) -> {
            List<Double> blockFirst = new ArrayList<>();
            for (int b = 1; b <= 3 && s.roundsPerPartition() > 1 && (long) b * s.roundsPerPartition() < s.rounds;
                 b++) {
                long t = System.nanoTime();
                BucketedEpoch.round(placed.get(name), s, b * s.roundsPerPartition(), null, size, null).count();
                blockFirst.add((System.nanoTime() - t) / 1e9);
            }
            placed.get(name).unpersist(true);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("firstRoundSeconds", first.get(name));
            m.put("timedRounds", times.get(name).size());
            m.put("medianRoundJobSeconds", median(times.get(name)));
            m.put("meanRoundJobSeconds", times.get(name).stream().mapToDouble(Double::doubleValue).average()
                    .orElse(Double.NaN));
            m.put("medianPruningSeconds", median(pruning.get(name)));
            m.put("laterBlockFirstRoundSeconds", blockFirst);
            m.put("sparkJobsPerRound", jobsPerRound);
            m.put("minibatchesReadInTimedRounds", read.get(name));
            out.put(name, m);
        });
        out.values().iterator().next().put("heapAddedAfterGcBytesBothLayouts", after - before);
        return out;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    /** Map task {@code task} of {@code tasks}: its share of the epoch's minibatches, each at its slot. */
    static Iterator<Tuple2<Long, List<Long>>> slots(BucketedEpoch.Schedule s, int task, int tasks) {
        int n = s.minibatches();
        int from = (int) ((long) n * task / tasks);
        int to = (int) ((long) n * (task + 1) / tasks);
        return new Iterator<>() {
            int j = from;

            @Override
            public boolean hasNext() {
                return j < to;
            }

            @Override
            public Tuple2<Long, List<Long>> next() {
                int size = j == n - 1 && s.examples % s.batchSize != 0 ? 1 : s.batchSize;
                return new Tuple2<>(s.slotAt(j++, size), new ArrayList<>(0));
            }
        };
    }

    /**
     * {@link BucketedEpoch#plan} on {@code n} synthetic examples through its first round (which runs the placement
     * shuffles): wall time and Spark jobs of the planning, and of the first round.
     */
    static Map<String, Object> realPlan(JavaSparkContext sc, TrainSettings settings, ParameterAveragingTrainer trainer,
                                        long n, AtomicInteger jobCount) {
        int slices = 8;
        JavaRDD<TaggedExample> train = sc.parallelize(List.of(0, 1, 2, 3, 4, 5, 6, 7), slices)
                .mapPartitions(it -> {
                    int slice = it.next();
                    long from = n * slice / slices;
                    long to = n * (slice + 1) / slices;
                    Random random = new Random(slice);
                    List<TaggedExample> out = new ArrayList<>();
                    for (long row = from; row < to; row++) {
                        int length = 1 + random.nextInt(40);
                        out.add(new TaggedExample(row, new int[][]{new int[length]}, new int[length]));
                    }
                    return out.iterator();
                }).persist(StorageLevel.MEMORY_AND_DISK());
        train.count();
        int rounds = trainer.roundsPerEpoch(n, WORKERS);
        int jobsBefore = jobCount.get();
        long t = System.nanoTime();
        BucketedEpoch<TaggedExample> epoch = BucketedEpoch.plan(train, n, LengthBucketingTest.FORMAT, settings, 1,
                rounds, WORKERS);
        double planSeconds = (System.nanoTime() - t) / 1e9;
        int planJobs = jobCount.get() - jobsBefore;
        ParameterAveragingTrainer.BatchBuilder<TaggedExample, Integer> size = (examples, seed) -> examples.size();
        t = System.nanoTime();
        long first = epoch.round(0, size, null).count();
        double firstRoundSeconds = (System.nanoTime() - t) / 1e9;
        t = System.nanoTime();
        epoch.round(1, size, null).count();
        double secondRoundSeconds = (System.nanoTime() - t) / 1e9;
        epoch.release();
        train.unpersist(true);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("examples", n);
        out.put("planSeconds", planSeconds);
        out.put("planSparkJobs", planJobs);
        out.put("firstRoundSeconds", firstRoundSeconds);
        out.put("firstRoundMinibatches", first);
        out.put("secondRoundSeconds", secondRoundSeconds);
        out.put("partitions", epoch.schedule().partitions());
        out.put("note", "local[2]; plan = keys, pool boundaries and Schedule; the first round runs the placement "
                + "shuffles (groupByKey of pools, repartitionAndSortWithinPartitions)");
        return out;
    }

    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
