package io.seqpipe.train;

import io.seqpipe.spark.GpuBinding;
import org.apache.spark.HashPartitioner;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One epoch's minibatches: formed over the whole epoch (length-bucketed when {@link TrainSettings#lengthBucketPool()}
 * {@code > 1}; with pool 1 each pool is one minibatch of consecutive shuffled examples, i.e. no bucketing), then dealt
 * out to the averaging rounds and workers. Everything is a function of (seed, epoch, rows,
 * lengths, batch size, pool, workers, averaging frequency) alone, so a resumed run sees exactly the minibatches the
 * uninterrupted one saw, whatever the partitioning of the input RDD.
 *
 * <ol>
 *   <li><b>Pools.</b> The epoch's seeded shuffle ({@link ParameterAveragingTrainer#shuffleKey}) orders the examples;
 *       pool {@code k} holds the ranks {@code [k·P, (k+1)·P)} with {@code P = lengthBucketPool × batchSize}. The ranks
 *       are found by sorting the keys alone (8 bytes per example) and collecting the pool boundaries.</li>
 *   <li><b>Minibatches.</b> Each pool is sorted by (length, shuffle key) and cut into minibatches of
 *       {@code batchSize}, so a minibatch pads only to the spread of lengths among neighbours in a pool of
 *       {@code P} examples. Every pool but the last is a multiple of the batch size: only the epoch's last minibatch
 *       can be short, and an epoch has exactly {@code ceil(N / batchSize)} minibatches.</li>
 *   <li><b>Rounds and workers.</b> Each minibatch gets a seeded key from (seed, epoch, pool, index in pool); the driver
 *       computes and sorts all keys (N / batchSize longs) and, in key order, gives minibatch {@code j} to round
 *       {@code j / (workers × averagingFrequency)} and worker {@code j mod workers}. Every round but the last has
 *       {@code averagingFrequency} minibatches per worker, the last round's are spread evenly, and the number of
 *       rounds is {@link ParameterAveragingTrainer#roundsPerEpoch} as without bucketing.</li>
 *   <li><b>Placement.</b> The minibatches (example lists, not yet DataSets) are shuffled once into an RDD with one
 *       partition per (block of consecutive rounds, worker), sorted by slot within it ({@link RoundBlockPartitioner}),
 *       and persisted for the epoch. A block holds {@link Schedule#roundsPerPartition} rounds, as few as keep the
 *       epoch within {@link #MAX_PARTITIONS} partitions (one round per block for all but very large epochs). Each
 *       round's fit reads only its block's {@code workers} partitions ({@link PartitionPruningRDD}), keeps the
 *       minibatches of its own round and turns them into minibatches there.</li>
 * </ol>
 *
 * <p>Why blocks of rounds: a round is one Spark job, and the driver's work per job grows with the number of partitions
 * of the placed RDD (the scheduler looks up the cached location of every partition once per job, and pruning scans
 * them all), as does the shuffle's map output state (a status per map task and reduce partition, an index entry per
 * reduce partition in every map task's output). One partition per (round, worker) made that 625,000 partitions for an
 * epoch of 100 M examples at batch 32 and averaging frequency 5: a round's job then cost the driver several times what
 * it costs with 2,000, and every map task of the placement shuffle wrote a 5 MB index (docs/PERFORMANCE.md). A
 * worker's partition of a block is materialized by its block's first round and read from the cache by the others,
 * which skip the minibatches of earlier rounds and stop at the first of a later one.
 *
 * <p>Why exactly {@code averagingFrequency} full minibatches per worker, and the short one last in its partition:
 * dl4j-spark's worker re-batches its partition to {@code batchSizePerWorker} examples (a short minibatch would be
 * merged with part of the next one, which then spills into the one after) and fits at most
 * {@code averagingFrequency} minibatches per round, ignoring the rest of its partition.
 */
final class BucketedEpoch<E> {
    /**
     * The most partitions an epoch's placed minibatches are spread over (at least one per worker): bounds the driver's
     * per-job scheduling work and the shuffle's map output state whatever the epoch's size. 2,000 is the largest count
     * for which Spark records each map task's exact output size per partition
     * ({@code spark.shuffle.minNumPartitionsToHighlyCompress}); smaller epochs keep one round per partition.
     */
    static final int MAX_PARTITIONS = 2000;
    /** The most minibatches an epoch plan holds: the longest Java array. */
    static final long MAX_MINIBATCHES = Integer.MAX_VALUE - 8;
    /** Salt that separates minibatch keys from example keys drawn with the same seed and epoch. */
    private static final long MINIBATCH_SALT = 0x6D696E6962617463L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final JavaPairRDD<Long, List<E>> placed;
    private final Schedule schedule;
    private final MinibatchFormat<E> format;

    private BucketedEpoch(JavaPairRDD<Long, List<E>> placed, Schedule schedule, MinibatchFormat<E> format) {
        this.placed = placed;
        this.schedule = schedule;
        this.format = format;
    }

    /**
     * Plans epoch {@code epoch} of {@code train} (a few small Spark jobs over the shuffle keys) and defines, lazily,
     * its placed minibatches; the first round's fit materializes them. Call {@link #release} at the epoch's end.
     *
     * @param trainExamples the number of examples in {@code train}, as the run's {@code rounds} were computed from
     * @throws IllegalArgumentException when {@code train} does not hold {@code trainExamples} examples
     */
    static <E> BucketedEpoch<E> plan(JavaRDD<E> train, long trainExamples, MinibatchFormat<E> format,
                                     TrainSettings settings, int epoch, int rounds, int workers) {
        return plan(train, trainExamples, format, settings, epoch, rounds, workers, MAX_PARTITIONS);
    }

    /** {@link #plan} with at most {@code maxPartitions} partitions of placed minibatches (at least one per worker). */
    static <E> BucketedEpoch<E> plan(JavaRDD<E> train, long trainExamples, MinibatchFormat<E> format,
                                     TrainSettings settings, int epoch, int rounds, int workers, int maxPartitions) {
        long seed = settings.seed();
        int batchSize = settings.batchSize();
        long poolExamples = (long) settings.lengthBucketPool() * batchSize;
        JavaRDD<Long> keys = train.map(e -> ParameterAveragingTrainer.shuffleKey(seed, epoch, format.row(e)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long[] bounds;
        try {
            long n = keys.count();
            if (n != trainExamples) {
                throw new IllegalArgumentException("the training RDD holds " + n + " examples, but training was "
                        + "planned for trainExamples = " + trainExamples + "; pass the RDD's count");
            }
            bounds = poolBoundaries(keys, n, poolExamples, Math.max(1, train.getNumPartitions()));
        } finally {
            keys.unpersist(false);
        }
        // the boundaries (pools - 1 longs) and the schedule (N / batchSize longs) travel in the task closures, which
        // Spark broadcasts once per stage
        Schedule schedule = Schedule.of(trainExamples, batchSize, poolExamples, workers,
                settings.averagingFrequency(), rounds, seed, epoch, maxPartitions);
        int poolPartitions = Math.max(1, Math.min(schedule.pools(), train.getNumPartitions()));
        JavaPairRDD<Long, List<E>> placed = train
                .mapToPair(e -> new Tuple2<>(poolOf(ParameterAveragingTrainer.shuffleKey(seed, epoch, format.row(e)),
                        bounds), e))
                .groupByKey(new HashPartitioner(poolPartitions))
                .flatMapToPair(pool -> placePool(pool._1(), pool._2(), format, schedule).iterator())
                .repartitionAndSortWithinPartitions(new RoundBlockPartitioner(schedule))
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new BucketedEpoch<>(placed, schedule, format);
    }

    /**
     * The keys at ranks {@code P, 2P, ...} of the sorted shuffle keys: pool {@code k} holds the keys {@code >=} the
     * {@code k}-th boundary and {@code <} the next ({@link #poolOf}). Keys are distinct (shuffleKey is a bijection of the
     * row for a fixed seed and epoch), so the ranks do not depend on how the keys are partitioned.
     */
    static long[] poolBoundaries(JavaRDD<Long> keys, long n, long poolExamples, int partitions) {
        if (n <= poolExamples) {
            return new long[0];
        }
        List<Tuple2<Long, Long>> marks = keys.sortBy(k -> k, true, partitions).zipWithIndex()
                .filter(t -> t._2() > 0 && t._2() % poolExamples == 0).collect();
        List<Tuple2<Long, Long>> sorted = new ArrayList<>(marks);
        sorted.sort(Comparator.comparingLong(Tuple2::_2));
        long[] out = new long[sorted.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sorted.get(i)._1();
        }
        return out;
    }

    /** The pool of an example with this shuffle key: how many boundaries are {@code <=} it. */
    static int poolOf(long shuffleKey, long[] boundaries) {
        int i = Arrays.binarySearch(boundaries, shuffleKey);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The seeded key of minibatch {@code index} of pool {@code pool}: its place in the epoch's order. */
    static long minibatchKey(long seed, int epoch, int pool, int index) {
        return ParameterAveragingTrainer.shuffleKey(seed ^ MINIBATCH_SALT, epoch, ((long) pool << 32) | index);
    }

    /** The seed a minibatch is built with: from (seed, epoch, round, worker, its index in the worker's round). */
    static long minibatchSeed(long seed, int epoch, int round, int worker, long index) {
        return ParameterAveragingTrainer.shuffleKey(seed, epoch, (long) round << 20 | worker) + GOLDEN * (index + 1);
    }

    /**
     * A pool's examples sorted by (length, shuffle key) and cut into minibatches of {@code batchSize}; only the last
     * can be smaller.
     */
    static <E> List<List<E>> cut(List<E> pool, MinibatchFormat<E> format, long seed, int epoch, int batchSize) {
        List<E> sorted = new ArrayList<>(pool);
        sorted.sort(Comparator.<E>comparingInt(format::length)
                .thenComparingLong(e -> ParameterAveragingTrainer.shuffleKey(seed, epoch, format.row(e))));
        List<List<E>> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i += batchSize) {
            out.add(new ArrayList<>(sorted.subList(i, Math.min(sorted.size(), i + batchSize))));
        }
        return out;
    }

    /** Cuts one pool and gives each of its minibatches its slot (round, worker, place) in the epoch. */
    static <E> List<Tuple2<Long, List<E>>> placePool(int pool, Iterable<E> members, MinibatchFormat<E> format,
                                                    Schedule schedule) {
        List<E> examples = new ArrayList<>();
        members.forEach(examples::add);
        long expected = schedule.poolSize(pool);
        if (examples.size() != expected) {
            throw new IllegalStateException("length-bucketing pool " + pool + " of epoch " + schedule.epoch
                    + " holds " + examples.size() + " examples, " + expected + " planned: the rows of the training "
                    + "examples (MinibatchFormat.row) must be distinct");
        }
        List<List<E>> batches = cut(examples, format, schedule.seed, schedule.epoch, schedule.batchSize);
        List<Tuple2<Long, List<E>>> out = new ArrayList<>(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            List<E> batch = batches.get(i);
            long key = minibatchKey(schedule.seed, schedule.epoch, pool, i);
            out.add(new Tuple2<>(schedule.slot(key, batch.size()), batch));
        }
        return out;
    }

    /**
     * Round {@code round}'s minibatches, one partition per worker, built from their examples by {@code builder} (each
     * counted by {@code padding} when not null).
     */
    <B> JavaRDD<B> round(int round, ParameterAveragingTrainer.BatchBuilder<E, B> builder,
                         ParameterAveragingTrainer.PaddingCounter padding) {
        return round(placed, schedule, round, format, builder, padding);
    }

    /**
     * Round {@code round}'s minibatches from an epoch's placed minibatches ({@code placed}: keyed by slot, partitioned
     * by {@link RoundBlockPartitioner} of {@code schedule} and sorted within partitions).
     */
    static <E, B> JavaRDD<B> round(JavaPairRDD<Long, List<E>> placed, Schedule schedule, int round,
                                   MinibatchFormat<E> format, ParameterAveragingTrainer.BatchBuilder<E, B> builder,
                                   ParameterAveragingTrainer.PaddingCounter padding) {
        if (round < 0 || round >= schedule.rounds) {
            throw new IllegalArgumentException("round " + round + " is not in 0.." + (schedule.rounds - 1));
        }
        long s = schedule.seed;
        int e = schedule.epoch;
        int w = schedule.workers;
        int slots = schedule.slotsPerPartition();
        return PartitionPruningRDD.create(placed.rdd(), new RoundPartitions(round, w, schedule.roundsPerPartition()))
                .toJavaRDD()
                .mapPartitions(it -> {
                    // the worker fitting this partition runs in this task's thread: its GPU, if Spark assigned one
                    GpuBinding.bindCurrentTask();
                    return new Built<>(it, round, w, slots, s, e, format, builder, padding);
                }, true);
    }

    /** The epoch's plan. */
    Schedule schedule() {
        return schedule;
    }

    /** Drops the epoch's placed minibatches (at the epoch's end). */
    void release() {
        placed.unpersist(false);
    }

    /**
     * Where each minibatch of an epoch goes: the sorted minibatch keys, and from a key its slot, a long that orders
     * the minibatches of one (round, worker): {@code (round × workers + worker) × (averagingFrequency + 1) + place},
     * place {@code 0..averagingFrequency-1} in key order, and {@code averagingFrequency} for the epoch's one short
     * minibatch, so it comes last; and how many consecutive rounds share a partition ({@link #roundsPerPartition}).
     * The driver holds it for the epoch: 8 bytes per minibatch ({@link #bytes}).
     */
    static final class Schedule implements Serializable {
        private static final long serialVersionUID = 1L;
        final long examples;
        final int batchSize;
        final long poolExamples;
        final int workers;
        final int averagingFrequency;
        final int rounds;
        final long seed;
        final int epoch;
        private final int roundsPerPartition;
        private final long[] order;

        private Schedule(long examples, int batchSize, long poolExamples, int workers, int averagingFrequency,
                         int rounds, long seed, int epoch, int roundsPerPartition, long[] order) {
            this.examples = examples;
            this.batchSize = batchSize;
            this.poolExamples = poolExamples;
            this.workers = workers;
            this.averagingFrequency = averagingFrequency;
            this.rounds = rounds;
            this.seed = seed;
            this.epoch = epoch;
            this.roundsPerPartition = roundsPerPartition;
            this.order = order;
        }

        /** {@link #of(long, int, long, int, int, int, long, int, int)} within {@link #MAX_PARTITIONS} partitions. */
        static Schedule of(long examples, int batchSize, long poolExamples, int workers, int averagingFrequency,
                           int rounds, long seed, int epoch) {
            return of(examples, batchSize, poolExamples, workers, averagingFrequency, rounds, seed, epoch,
                    MAX_PARTITIONS);
        }

        /**
         * The plan for an epoch of {@code examples} examples in pools of {@code poolExamples} (a multiple of
         * {@code batchSize}), placed in at most {@code maxPartitions} partitions (at least one per worker).
         *
         * @throws IllegalArgumentException when {@code rounds} rounds cannot hold the epoch's minibatches, or the
         *                                  epoch has more minibatches than a Java array holds
         */
        static Schedule of(long examples, int batchSize, long poolExamples, int workers, int averagingFrequency,
                           int rounds, long seed, int epoch, int maxPartitions) {
            if (examples < 0 || batchSize < 1 || workers < 1 || averagingFrequency < 1 || rounds < 1
                    || maxPartitions < 1) {
                throw new IllegalArgumentException("an epoch plan needs examples >= 0 and batchSize, workers, "
                        + "averagingFrequency, rounds and maxPartitions >= 1, got " + examples + ", " + batchSize
                        + ", " + workers + ", " + averagingFrequency + ", " + rounds + ", " + maxPartitions);
            }
            if (poolExamples < batchSize || poolExamples % batchSize != 0) {
                throw new IllegalArgumentException("pool of " + poolExamples + " examples is not a multiple of the "
                        + "batch size " + batchSize);
            }
            long minibatches = (examples + batchSize - 1) / batchSize;
            if (minibatches > MAX_MINIBATCHES) {
                throw new IllegalArgumentException(examples + " examples make " + minibatches + " minibatches of "
                        + batchSize + " per epoch, more than the " + MAX_MINIBATCHES + " an epoch plan holds; raise "
                        + "train.batchSize");
            }
            long capacity = (long) rounds * workers * averagingFrequency;
            if (minibatches > capacity) {
                throw new IllegalArgumentException(examples + " examples make " + minibatches + " minibatches of "
                        + batchSize + ", more than " + rounds + " rounds × " + workers + " workers × "
                        + averagingFrequency + " hold");
            }
            int pools = (int) Math.max(1, (examples + poolExamples - 1) / poolExamples); // <= max(1, minibatches)
            long[] order = new long[(int) minibatches];
            int j = 0;
            for (int pool = 0; pool < pools; pool++) {
                long size = Math.min(poolExamples, examples - pool * poolExamples);
                for (int i = 0; i < (size + batchSize - 1) / batchSize; i++) {
                    order[j++] = minibatchKey(seed, epoch, pool, i);
                }
            }
            Arrays.sort(order);
            return new Schedule(examples, batchSize, poolExamples, workers, averagingFrequency, rounds, seed, epoch,
                    roundsPerPartition(rounds, workers, maxPartitions), order);
        }

        /**
         * The fewest consecutive rounds per partition that keep {@code rounds × workers} (round, worker) pairs within
         * {@code maxPartitions} partitions, or within {@code workers} when {@code maxPartitions < workers}.
         */
        static int roundsPerPartition(int rounds, int workers, int maxPartitions) {
            long blocks = Math.max(1, Math.min(rounds, maxPartitions / workers));
            return (int) ((rounds + blocks - 1) / blocks);
        }

        int pools() {
            return (int) Math.max(1, (examples + poolExamples - 1) / poolExamples);
        }

        long poolSize(int pool) {
            return Math.max(0, Math.min(poolExamples, examples - pool * poolExamples));
        }

        int minibatches() {
            return order.length;
        }

        /** The driver memory the plan holds: its sorted minibatch keys. */
        long bytes() {
            return (long) Long.BYTES * order.length;
        }

        int slotsPerPartition() {
            return averagingFrequency + 1;
        }

        /** Consecutive rounds whose minibatches share a partition (per worker). */
        int roundsPerPartition() {
            return roundsPerPartition;
        }

        /** Blocks of {@link #roundsPerPartition} rounds: the last may be shorter. */
        int roundBlocks() {
            return (rounds + roundsPerPartition - 1) / roundsPerPartition;
        }

        /** Partitions of the placed minibatches: one per (block of rounds, worker). */
        int partitions() {
            return Math.multiplyExact(roundBlocks(), workers);
        }

        /** The partition of a slot: {@code (round / roundsPerPartition) × workers + worker}. */
        int partition(long slot) {
            int slots = slotsPerPartition();
            return (round(slot, workers, slots) / roundsPerPartition) * workers + worker(slot, workers, slots);
        }

        /** The slot of the minibatch with this key and size. */
        long slot(long minibatchKey, int size) {
            int j = Arrays.binarySearch(order, minibatchKey);
            if (j < 0) {
                throw new IllegalStateException("minibatch key " + minibatchKey + " of epoch " + epoch
                        + " was not planned: the rows of the training examples must be distinct");
            }
            return slotAt(j, size);
        }

        /** The slot of the {@code j}-th minibatch in key order, of this size. */
        long slotAt(int j, int size) {
            long perRound = (long) workers * averagingFrequency;
            long round = j / perRound;
            long worker = j % workers;
            long place = size < batchSize ? averagingFrequency : (j % perRound) / workers;
            return (round * workers + worker) * slotsPerPartition() + place;
        }

        static int round(long slot, int workers, int slotsPerPartition) {
            return Math.toIntExact(slot / slotsPerPartition / workers);
        }

        static int worker(long slot, int workers, int slotsPerPartition) {
            return (int) (slot / slotsPerPartition % workers);
        }
    }

    /** A slot's partition, {@link Schedule#partition}: one per (block of consecutive rounds, worker). */
    static final class RoundBlockPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;
        private final int workers;
        private final int slotsPerPartition;
        private final int roundsPerPartition;

        RoundBlockPartitioner(Schedule schedule) {
            this.partitions = schedule.partitions();
            this.workers = schedule.workers;
            this.slotsPerPartition = schedule.slotsPerPartition();
            this.roundsPerPartition = schedule.roundsPerPartition();
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            long slot = (Long) key;
            return (Schedule.round(slot, workers, slotsPerPartition) / roundsPerPartition) * workers
                    + Schedule.worker(slot, workers, slotsPerPartition);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RoundBlockPartitioner p && p.partitions == partitions && p.workers == workers
                    && p.slotsPerPartition == slotsPerPartition && p.roundsPerPartition == roundsPerPartition;
        }

        @Override
        public int hashCode() {
            return ((partitions * 31 + workers) * 31 + slotsPerPartition) * 31 + roundsPerPartition;
        }
    }

    /**
     * Keeps the partitions of one round's block ({@link PartitionPruningRDD}'s filter; runs on the driver): partition
     * {@code p} holds worker {@code p mod workers}'s minibatches of rounds in block {@code p / workers}.
     */
    static final class RoundPartitions extends AbstractFunction1<Object, Object> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int block;
        private final int workers;

        RoundPartitions(int round, int workers, int roundsPerPartition) {
            this.block = round / roundsPerPartition;
            this.workers = workers;
        }

        @Override
        public Object apply(Object partition) {
            return (Integer) partition / workers == block;
        }
    }

    /**
     * Builds a worker's minibatches of one round lazily, in slot order, seeded by their place: from the worker's
     * partition of the round's block (sorted by slot), skipping the minibatches of earlier rounds and stopping at the
     * first of a later one.
     */
    static final class Built<E, B> implements Iterator<B> {
        private final Iterator<Tuple2<Long, List<E>>> source;
        private final int round;
        private final int workers;
        private final int slots;
        private final long seed;
        private final int epoch;
        private final MinibatchFormat<E> format;
        private final ParameterAveragingTrainer.BatchBuilder<E, B> builder;
        private final ParameterAveragingTrainer.PaddingCounter padding;
        private Tuple2<Long, List<E>> next;
        private boolean past;
        private long index;

        Built(Iterator<Tuple2<Long, List<E>>> source, int round, int workers, int slots, long seed, int epoch,
              MinibatchFormat<E> format, ParameterAveragingTrainer.BatchBuilder<E, B> builder,
              ParameterAveragingTrainer.PaddingCounter padding) {
            this.source = source;
            this.round = round;
            this.workers = workers;
            this.slots = slots;
            this.seed = seed;
            this.epoch = epoch;
            this.format = format;
            this.builder = builder;
            this.padding = padding;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !past && source.hasNext()) {
                Tuple2<Long, List<E>> t = source.next();
                int r = Schedule.round(t._1(), workers, slots);
                if (r == round) {
                    next = t;
                } else if (r > round) {
                    past = true;
                }
            }
            return next != null;
        }

        @Override
        public B next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Tuple2<Long, List<E>> t = next;
            next = null;
            int worker = Schedule.worker(t._1(), workers, slots);
            if (padding != null) {
                padding.count(t._2(), format);
            }
            return builder.build(t._2(), minibatchSeed(seed, epoch, round, worker, index++));
        }
    }
}
