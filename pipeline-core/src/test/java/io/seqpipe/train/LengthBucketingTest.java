package io.seqpipe.train;

import io.seqpipe.tasks.tagging.TaggedExample;
import io.seqpipe.testing.TestSpark;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Epoch-level length bucketing ({@link BucketedEpoch}): which examples share a minibatch, which round and worker fits
 * it, that every example is fitted once per epoch, that it is a function of (seed, epoch, rows, lengths) and not of the
 * input partitioning, and the padding efficiency it reaches. Spark tests run on real local Spark ({@link TestSpark}).
 */
class LengthBucketingTest {
    static SparkSession spark;
    static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        spark = TestSpark.start("length-bucketing");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Rows and lengths only; {@link #multiInput} switches to the multi-input path. */
    static final class LengthFormat implements MinibatchFormat<TaggedExample> {
        private final boolean multi;

        LengthFormat(boolean multi) {
            this.multi = multi;
        }

        @Override
        public long row(TaggedExample example) {
            return example.row();
        }

        @Override
        public int length(TaggedExample example) {
            return example.length();
        }

        @Override
        public DataSet minibatch(List<TaggedExample> examples) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public boolean multiInput() {
            return multi;
        }

        /** A two-input minibatch whose first input holds the rows, second the lengths. */
        @Override
        public MultiDataSet trainingMultiMinibatch(List<TaggedExample> examples, long seed) {
            float[][] rows = new float[examples.size()][1];
            float[][] lengths = new float[examples.size()][1];
            for (int i = 0; i < examples.size(); i++) {
                rows[i][0] = examples.get(i).row();
                lengths[i][0] = examples.get(i).length();
            }
            return new org.nd4j.linalg.dataset.MultiDataSet(new org.nd4j.linalg.api.ndarray.INDArray[]{
                    Nd4j.createFromArray(rows), Nd4j.createFromArray(lengths)},
                    new org.nd4j.linalg.api.ndarray.INDArray[]{Nd4j.createFromArray(seed).reshape(1, 1)});
        }
    }

    static final LengthFormat FORMAT = new LengthFormat(false);

    /** What the tests read back from a minibatch: its build seed, then its rows. */
    static final ParameterAveragingTrainer.BatchBuilder<TaggedExample, long[]> ROWS = (examples, seed) -> {
        long[] out = new long[examples.size() + 1];
        out[0] = seed;
        for (int i = 0; i < examples.size(); i++) {
            out[i + 1] = examples.get(i).row();
        }
        return out;
    };

    static TaggedExample example(long row, int length) {
        return new TaggedExample(row, new int[][]{new int[length]}, new int[length]);
    }

    /** {@code n} examples with lengths uniform in 1..maxLength. */
    static List<TaggedExample> uniform(int n, int maxLength, long seed) {
        Random r = new Random(seed);
        List<TaggedExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(example(i, 1 + r.nextInt(maxLength)));
        }
        return out;
    }

    static ParameterAveragingTrainer trainer(int batchSize, int averagingFrequency, long seed, int pool) {
        return new ParameterAveragingTrainer(sc, new TrainSettings(1, batchSize, averagingFrequency, 0, seed,
                EarlyStopping.patience(0), 1, pool), List.of());
    }

    static ParameterAveragingTrainer.PaddingCounter counter() {
        return new ParameterAveragingTrainer.PaddingCounter(sc.sc().longAccumulator(), sc.sc().longAccumulator());
    }

    /** One minibatch as the tests see it. */
    record Fitted(int round, int worker, long seed, List<Long> rows) {
    }

    /**
     * An epoch's minibatches the way the trainer hands them to dl4j-spark: per round (outer), per worker (the round
     * RDD's partition), in the order the worker fits them.
     */
    static List<List<List<Fitted>>> epoch(ParameterAveragingTrainer trainer, JavaRDD<TaggedExample> rdd, long n,
                                          int epoch, int workers, ParameterAveragingTrainer.PaddingCounter padding) {
        int rounds = trainer.roundsPerEpoch(n, workers);
        return read(trainer.bucketedEpoch(rdd, n, FORMAT, epoch, rounds, workers), rounds, workers, padding);
    }

    /** A planned epoch's minibatches, as {@link #epoch} returns them; releases the epoch. */
    static List<List<List<Fitted>>> read(BucketedEpoch<TaggedExample> bucketed, int rounds, int workers,
                                         ParameterAveragingTrainer.PaddingCounter padding) {
        List<List<List<Fitted>>> out = new ArrayList<>();
        try {
            for (int round = 0; round < rounds; round++) {
                JavaRDD<long[]> batches = bucketed.round(round, ROWS, padding);
                assertEquals(workers, batches.getNumPartitions(), "one partition per worker");
                List<List<long[]>> perWorker = batches.glom().collect();
                List<List<Fitted>> r = new ArrayList<>();
                for (int w = 0; w < perWorker.size(); w++) {
                    List<Fitted> fitted = new ArrayList<>();
                    for (long[] b : perWorker.get(w)) {
                        List<Long> rows = new ArrayList<>();
                        for (int i = 1; i < b.length; i++) {
                            rows.add(b[i]);
                        }
                        fitted.add(new Fitted(round, w, b[0], rows));
                    }
                    r.add(fitted);
                }
                out.add(r);
            }
        } finally {
            bucketed.release();
        }
        return out;
    }

    static List<Fitted> flat(List<List<List<Fitted>>> epoch) {
        List<Fitted> out = new ArrayList<>();
        epoch.forEach(r -> r.forEach(out::addAll));
        return out;
    }

    /** The steps actually computed for a list of minibatches: size × longest, summed. */
    static long[] steps(List<List<Integer>> batches) {
        long real = 0;
        long computed = 0;
        for (List<Integer> b : batches) {
            real += b.stream().mapToLong(Integer::longValue).sum();
            computed += (long) b.size() * Collections.max(b);
        }
        return new long[]{real, computed};
    }

    // ---- the plan alone (no Spark) ----

    @Test
    void everyRoundButTheLastGivesEachWorkerAveragingFrequencyMinibatches() {
        int[][] cases = {{301, 4, 5, 2, 3}, {2000, 32, 50, 2, 5}, {14041, 32, 50, 2, 5}, {67349, 32, 50, 3, 10},
                {7, 3, 5, 2, 2}, {1600, 32, 50, 2, 5}};
        for (int[] c : cases) {
            int n = c[0];
            int batchSize = c[1];
            int pool = c[2];
            int workers = c[3];
            int frequency = c[4];
            String label = "n=" + n + " batch=" + batchSize + " pool=" + pool + " workers=" + workers + " freq="
                    + frequency;
            int rounds = trainer(batchSize, frequency, 1, pool).roundsPerEpoch(n, workers);
            BucketedEpoch.Schedule s = BucketedEpoch.Schedule.of(n, batchSize, (long) pool * batchSize, workers,
                    frequency, rounds, 1, 1);
            int minibatches = (n + batchSize - 1) / batchSize;
            assertEquals(minibatches, s.minibatches(), label);
            assertEquals((n + pool * batchSize - 1) / (pool * batchSize), s.pools(), label);
            int[][] perWorker = new int[rounds][workers];
            Set<Long> slots = new HashSet<>();
            for (int p = 0; p < s.pools(); p++) {
                long size = s.poolSize(p);
                for (int i = 0; i * (long) batchSize < size; i++) {
                    int batch = (int) Math.min(batchSize, size - (long) i * batchSize);
                    long slot = s.slot(BucketedEpoch.minibatchKey(1, 1, p, i), batch);
                    assertTrue(slots.add(slot), label + ": slot " + slot + " twice");
                    int round = BucketedEpoch.Schedule.round(slot, workers, frequency + 1);
                    int worker = BucketedEpoch.Schedule.worker(slot, workers, frequency + 1);
                    perWorker[round][worker]++;
                    if (batch < batchSize) {
                        assertEquals(frequency, slot % (frequency + 1), label + ": the short minibatch goes last");
                    }
                }
            }
            assertEquals(minibatches, slots.size(), label);
            for (int r = 0; r < rounds - 1; r++) {
                for (int w = 0; w < workers; w++) {
                    assertEquals(frequency, perWorker[r][w], label + ": round " + r + " worker " + w);
                }
            }
            int[] last = perWorker[rounds - 1];
            int min = java.util.Arrays.stream(last).min().orElseThrow();
            int max = java.util.Arrays.stream(last).max().orElseThrow();
            assertTrue(max - min <= 1 && max <= frequency && max >= 1, label + ": last round " + java.util.Arrays
                    .toString(last));
            assertEquals(minibatches - (rounds - 1) * workers * frequency, java.util.Arrays.stream(last).sum(), label);
        }
    }

    @Test
    void aPoolIsSortedByLengthThenShuffleKeyAndCutIntoMinibatches() {
        List<TaggedExample> pool = uniform(23, 6, 4);
        List<List<TaggedExample>> cut = BucketedEpoch.cut(pool, FORMAT, 9, 2, 5);
        assertEquals(List.of(5, 5, 5, 5, 3), cut.stream().map(List::size).toList());
        List<TaggedExample> joined = new ArrayList<>();
        cut.forEach(joined::addAll);
        List<TaggedExample> expected = new ArrayList<>(pool);
        expected.sort(Comparator.comparingInt(TaggedExample::length)
                .thenComparingLong(e -> ParameterAveragingTrainer.shuffleKey(9, 2, e.row())));
        assertEquals(expected, joined);
    }

    @Test
    void poolBoundariesSplitTheShuffledEpochIntoConsecutiveRanks() {
        long[] bounds = {-5, 10, 40};
        assertEquals(0, BucketedEpoch.poolOf(-6, bounds));
        assertEquals(1, BucketedEpoch.poolOf(-5, bounds), "a boundary key starts the next pool");
        assertEquals(1, BucketedEpoch.poolOf(9, bounds));
        assertEquals(2, BucketedEpoch.poolOf(10, bounds));
        assertEquals(3, BucketedEpoch.poolOf(Long.MAX_VALUE, bounds));
        assertEquals(0, BucketedEpoch.poolOf(123, new long[0]));
    }

    @Test
    void aScheduleThatTheRoundsCannotHoldIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BucketedEpoch.Schedule.of(100, 4, 20, 2, 3, 4, 1, 1));
        assertEquals("100 examples make 25 minibatches of 4, more than 4 rounds × 2 workers × 3 hold", e.getMessage());
    }

    // ---- on Spark ----

    @Test
    void everyExampleIsFittedOncePerEpochInFullBalancedRounds() {
        // batch 4, averaging every 3, 2 workers: 24 examples per round -> 13 rounds; pools of 5 minibatches (20)
        List<TaggedExample> data = uniform(301, 60, 3);
        ParameterAveragingTrainer trainer = trainer(4, 3, 17, 5);
        int workers = 2;
        assertEquals(13, trainer.roundsPerEpoch(data.size(), workers));
        JavaRDD<TaggedExample> rdd = sc.parallelize(data, 3);
        Map<Long, Integer> lengthOf = new HashMap<>();
        data.forEach(e -> lengthOf.put(e.row(), e.length()));
        for (int epoch = 1; epoch <= 2; epoch++) {
            List<List<List<Fitted>>> rounds = epoch(trainer, rdd, data.size(), epoch, workers, null);
            assertEquals(13, rounds.size());
            Map<Long, Integer> seen = new HashMap<>();
            int shortOnes = 0;
            for (int r = 0; r < rounds.size(); r++) {
                for (int w = 0; w < workers; w++) {
                    List<Fitted> worker = rounds.get(r).get(w);
                    if (r < rounds.size() - 1) {
                        assertEquals(3, worker.size(), "epoch " + epoch + " round " + r + " worker " + w);
                    }
                    for (int i = 0; i < worker.size(); i++) {
                        List<Long> rows = worker.get(i).rows();
                        assertTrue(rows.size() <= 4 && !rows.isEmpty());
                        if (rows.size() < 4) {
                            shortOnes++;
                            assertEquals(worker.size() - 1, i, "the short minibatch is its worker's last");
                        }
                        // cut from a length-sorted pool
                        List<Integer> lengths = rows.stream().map(lengthOf::get).toList();
                        assertEquals(lengths.stream().sorted().toList(), lengths);
                        rows.forEach(row -> seen.merge(row, 1, Integer::sum));
                    }
                }
            }
            // 301 = 75 × 4 + 1: the last round holds 76 - 72 = 4 minibatches, 2 per worker
            assertEquals(2, rounds.get(12).get(0).size());
            assertEquals(2, rounds.get(12).get(1).size());
            assertEquals(1, shortOnes, "only the epoch's last minibatch is short");
            assertEquals(data.size(), seen.size(), "epoch " + epoch + ": every example");
            int e = epoch;
            seen.forEach((row, n) -> assertEquals(1, n, "epoch " + e + ": row " + row));
            List<Long> seeds = flat(rounds).stream().map(Fitted::seed).toList();
            assertEquals(seeds.size(), new HashSet<>(seeds).size(), "a distinct seed per minibatch");
        }
    }

    @Test
    void blocksOfConsecutiveRoundsPerPartitionGiveTheSameMinibatchesAsOneRoundPerPartition() {
        // 13 rounds × 2 workers: 26 partitions by default; at most 6 -> blocks of 5, 5 and 3 rounds; at most 2 -> one
        // block of all 13 rounds per worker
        List<TaggedExample> data = uniform(301, 60, 3);
        ParameterAveragingTrainer trainer = trainer(4, 3, 17, 5);
        TrainSettings settings = new TrainSettings(1, 4, 3, 0, 17, EarlyStopping.patience(0), 1, 5);
        JavaRDD<TaggedExample> rdd = sc.parallelize(data, 3);
        int workers = 2;
        int rounds = trainer.roundsPerEpoch(data.size(), workers);
        List<List<List<Fitted>>> perRound = epoch(trainer, rdd, data.size(), 2, workers, null);
        for (int max : new int[]{6, 2}) {
            BucketedEpoch<TaggedExample> blocks = BucketedEpoch.plan(rdd, data.size(), FORMAT, settings, 2, rounds,
                    workers, max);
            assertEquals(max, blocks.schedule().partitions());
            assertEquals(max == 6 ? 5 : 13, blocks.schedule().roundsPerPartition());
            assertEquals(perRound, read(blocks, rounds, workers, null), "at most " + max + " partitions");
        }
    }

    @Test
    void theSameSeedAndEpochGiveTheSameMinibatchesWhateverTheInputPartitioning() {
        List<TaggedExample> data = uniform(500, 40, 8);
        List<TaggedExample> reversed = new ArrayList<>(data);
        Collections.reverse(reversed);
        ParameterAveragingTrainer trainer = trainer(8, 2, 99, 4);
        JavaRDD<TaggedExample> three = sc.parallelize(data, 3);
        List<List<List<Fitted>>> a = epoch(trainer, three, data.size(), 3, 2, null);
        List<List<List<Fitted>>> again = epoch(trainer, three, data.size(), 3, 2, null);
        List<List<List<Fitted>>> one = epoch(trainer, sc.parallelize(reversed, 1), data.size(), 3, 2, null);
        List<List<List<Fitted>>> five = epoch(trainer, sc.parallelize(data, 5).repartition(4), data.size(), 3, 2,
                null);
        assertEquals(a, again, "two computations");
        assertEquals(a, one, "1 partition, reversed order");
        assertEquals(a, five, "4 partitions after a repartition");
        List<List<List<Fitted>>> nextEpoch = epoch(trainer, three, data.size(), 4, 2, null);
        assertNotEquals(flat(a).stream().map(Fitted::rows).toList(), flat(nextEpoch).stream().map(Fitted::rows)
                .toList(), "each epoch reshuffles");
        // the pools differ, not just the order: some pair of rows shares a minibatch in one epoch only
        Set<List<Long>> batchesA = new HashSet<>(flat(a).stream().map(f -> f.rows().stream().sorted().toList())
                .toList());
        Set<List<Long>> batchesB = new HashSet<>(flat(nextEpoch).stream().map(f -> f.rows().stream().sorted()
                .toList()).toList());
        assertNotEquals(batchesA, batchesB);
        List<List<List<Fitted>>> otherSeed = epoch(trainer(8, 2, 100, 4), three, data.size(), 3, 2, null);
        assertNotEquals(flat(a).stream().map(Fitted::rows).toList(), flat(otherSeed).stream().map(Fitted::rows)
                .toList(), "another seed, another order");
    }

    @Test
    void paddingEfficiencyIsThatOfLengthSortedPoolsOfTheShuffledEpoch() {
        // lengths uniform in 1..60, 2000 examples, batch 32, pools of 50 minibatches (1600 examples), 2 workers
        List<TaggedExample> data = uniform(2000, 60, 12);
        long seed = 5;
        int epoch = 1;
        ParameterAveragingTrainer.PaddingCounter bucketed = counter();
        epoch(trainer(32, 5, seed, 50), sc.parallelize(data, 2), data.size(), epoch, 2, bucketed);

        // the expected figure, from the definition: rank the examples by shuffle key, pools of 1600 consecutive
        // ranks, each sorted by (length, key) and cut into minibatches of 32; steps computed = size × longest
        List<TaggedExample> shuffled = new ArrayList<>(data);
        shuffled.sort(Comparator.comparingLong(e -> ParameterAveragingTrainer.shuffleKey(seed, epoch, e.row())));
        List<List<Integer>> expected = new ArrayList<>();
        for (int p = 0; p < shuffled.size(); p += 1600) {
            List<TaggedExample> pool = new ArrayList<>(shuffled.subList(p, Math.min(shuffled.size(), p + 1600)));
            pool.sort(Comparator.comparingInt(TaggedExample::length)
                    .thenComparingLong(e -> ParameterAveragingTrainer.shuffleKey(seed, epoch, e.row())));
            for (int b = 0; b < pool.size(); b += 32) {
                expected.add(pool.subList(b, Math.min(pool.size(), b + 32)).stream().map(TaggedExample::length)
                        .toList());
            }
        }
        long[] steps = steps(expected);
        assertEquals(63, expected.size());
        assertEquals(data.stream().mapToLong(TaggedExample::length).sum(), steps[0]);
        assertEquals(steps[0], bucketed.realSteps().value());
        assertEquals(steps[1], bucketed.computedSteps().value());
        double efficiency = bucketed.efficiency();
        assertEquals(steps[0] / (double) steps[1], efficiency, 0.0);
        assertTrue(efficiency >= 0.90, "bucketed efficiency " + efficiency);

        // without bucketing: a minibatch of 32 random lengths pads to about their maximum (~58 of 1..60)
        ParameterAveragingTrainer plain = trainer(32, 5, seed, 1);
        ParameterAveragingTrainer.PaddingCounter unbucketed = counter();
        JavaRDD<TaggedExample> rdd = sc.parallelize(data, 2);
        int rounds = plain.roundsPerEpoch(data.size(), 2);
        BucketedEpoch<TaggedExample> plainEpoch = plain.bucketedEpoch(rdd, data.size(), FORMAT, epoch, rounds, 2);
        for (int round = 0; round < rounds; round++) {
            plainEpoch.round(round, ROWS, unbucketed).count();
        }
        plainEpoch.release();
        assertEquals(steps[0], unbucketed.realSteps().value());
        assertTrue(unbucketed.efficiency() < 0.6, "unbucketed efficiency " + unbucketed.efficiency());
    }

    @Test
    void paddingEfficiencyIsRealStepsOverSizeTimesLongestOnATinyCaseByHand() {
        // 7 examples, batch 3, pools of 5 minibatches: one pool holding everything, so the shuffle does not matter:
        // sorted lengths 1 2 2 | 3 5 8 | 9 -> real 30, computed 3×2 + 3×8 + 1×9 = 39
        int[] lengths = {8, 2, 9, 1, 5, 2, 3};
        List<TaggedExample> data = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            data.add(example(i, lengths[i]));
        }
        ParameterAveragingTrainer.PaddingCounter padding = counter();
        List<Fitted> fitted = flat(epoch(trainer(3, 2, 7, 5), sc.parallelize(data, 2), data.size(), 1, 2, padding));
        assertEquals(30, padding.realSteps().value());
        assertEquals(39, padding.computedSteps().value());
        assertEquals(30 / 39.0, padding.efficiency(), 0.0);
        Set<List<Integer>> batches = new HashSet<>();
        for (Fitted f : fitted) {
            batches.add(f.rows().stream().map(r -> lengths[(int) (long) r]).toList());
        }
        assertEquals(Set.of(List.of(1, 2, 2), List.of(3, 5, 8), List.of(9)), batches);
    }

    @Test
    void multiInputFormatsGetTheSameMinibatches() {
        List<TaggedExample> data = uniform(130, 30, 2);
        ParameterAveragingTrainer trainer = trainer(4, 2, 3, 3);
        JavaRDD<TaggedExample> rdd = sc.parallelize(data, 2);
        LengthFormat multi = new LengthFormat(true);
        int rounds = trainer.roundsPerEpoch(data.size(), 2);
        List<List<List<Fitted>>> single = epoch(trainer, rdd, data.size(), 1, 2, null);
        BucketedEpoch<TaggedExample> bucketed = trainer.bucketedEpoch(rdd, data.size(), multi, 1, rounds, 2);
        try {
            for (int round = 0; round < rounds; round++) {
                // rows and seed read back on the executor, as the trainer's fitMultiDataSet would get them
                List<List<List<Long>>> perWorker = bucketed.round(round, multi::trainingMultiMinibatch, null)
                        .map(m -> {
                            List<Long> rows = new ArrayList<>();
                            rows.add(m.getLabels(0).getLong(0, 0));
                            for (long i = 0; i < m.getFeatures(0).size(0); i++) {
                                rows.add(m.getFeatures(0).getLong(i, 0));
                            }
                            return rows;
                        }).glom().collect();
                for (int w = 0; w < 2; w++) {
                    List<List<Long>> expected = single.get(round).get(w).stream().map(f -> {
                        List<Long> rows = new ArrayList<>();
                        rows.add(f.seed());
                        rows.addAll(f.rows());
                        return rows;
                    }).toList();
                    assertEquals(expected, perWorker.get(w), "round " + round + " worker " + w);
                }
            }
        } finally {
            bucketed.release();
        }
    }

    @Test
    void aTrainingSetOfAnotherSizeThanPlannedIsRefused() {
        ParameterAveragingTrainer trainer = trainer(4, 2, 3, 3);
        JavaRDD<TaggedExample> rdd = sc.parallelize(uniform(50, 10, 1), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.bucketedEpoch(rdd, 60, FORMAT, 1, trainer.roundsPerEpoch(60, 2), 2));
        assertEquals("the training RDD holds 50 examples, but training was planned for trainExamples = 60; pass the "
                + "RDD's count", e.getMessage());
    }
}
