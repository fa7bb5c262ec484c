package io.seqpipe.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver's side of an epoch plan ({@link BucketedEpoch.Schedule}) stays bounded whatever the epoch's size: its
 * memory is 8 bytes per minibatch, and the placed minibatches go to at most {@link BucketedEpoch#MAX_PARTITIONS}
 * partitions (one per block of consecutive rounds and worker), so the per-job scheduling work and the shuffle's map
 * output state do not grow with the number of rounds. Counts only, no Spark.
 */
class EpochPlanBoundsTest {

    static int rounds(long examples, int batchSize, int frequency, int workers) {
        return new ParameterAveragingTrainer(null, new TrainSettings(1, batchSize, frequency, 0, 1,
                EarlyStopping.patience(0), 1, 50), List.of()).roundsPerEpoch(examples, workers);
    }

    @Test
    void aHundredMillionExamplesPlanIn25MegabytesAndAtMost2000Partitions() {
        long n = 100_000_000L;
        int workers = 8;
        int rounds = rounds(n, 32, 5, workers);
        assertEquals(78_125, rounds);
        BucketedEpoch.Schedule s = BucketedEpoch.Schedule.of(n, 32, 50 * 32, workers, 5, rounds, 42, 1);
        assertEquals(3_125_000, s.minibatches(), "ceil(N / batchSize)");
        assertEquals(25_000_000L, s.bytes());
        // one partition per (round, worker) would have been 625,000
        assertEquals(313, s.roundsPerPartition());
        assertEquals(250, s.roundBlocks());
        assertEquals(2000, s.partitions());
        int[] perPartition = new int[s.partitions()];
        BucketedEpoch.RoundBlockPartitioner partitioner = new BucketedEpoch.RoundBlockPartitioner(s);
        assertEquals(2000, partitioner.numPartitions());
        for (int j = 0; j < s.minibatches(); j++) {
            long slot = s.slotAt(j, 32);
            int p = s.partition(slot);
            perPartition[p]++;
            if (j % 9973 == 0) {
                assertEquals(p, partitioner.getPartition(slot));
            }
        }
        for (int p = 0; p < perPartition.length; p++) {
            // 249 blocks of 313 rounds, the last of 78,125 - 249 × 313 = 188; 5 minibatches per round and worker
            assertEquals(p < 249 * workers ? 313 * 5 : 188 * 5, perPartition[p], "partition " + p);
        }
    }

    @Test
    void oneWorkerAtAHundredMillionExamplesStillFitsTheCap() {
        long n = 100_000_000L;
        int rounds = rounds(n, 32, 5, 1);
        assertEquals(625_000, rounds);
        assertEquals(313, BucketedEpoch.Schedule.roundsPerPartition(rounds, 1, BucketedEpoch.MAX_PARTITIONS));
        assertEquals(1997, (rounds + 312) / 313);
    }

    @Test
    void partitionsStayWithinTheCapOrOnePerWorker() {
        int[] roundCounts = {1, 2, 7, 249, 250, 251, 999, 78_125, 625_000, Integer.MAX_VALUE};
        int[] workerCounts = {1, 2, 3, 8, 64, 1999, 2000, 4096};
        for (int rounds : roundCounts) {
            for (int workers : workerCounts) {
                int per = BucketedEpoch.Schedule.roundsPerPartition(rounds, workers, BucketedEpoch.MAX_PARTITIONS);
                long blocks = (rounds + (long) per - 1) / per;
                long partitions = blocks * workers;
                String label = rounds + " rounds, " + workers + " workers";
                assertTrue(partitions <= Math.max(BucketedEpoch.MAX_PARTITIONS, workers), label + ": " + partitions);
                assertTrue(blocks * per >= rounds && (blocks - 1) * per < rounds, label);
                if ((long) rounds * workers <= BucketedEpoch.MAX_PARTITIONS) {
                    assertEquals(1, per, label + ": one round per partition when the cap allows it");
                }
            }
        }
    }

    @Test
    void aRoundsPartitionsHoldItsSlotsInBlocks() {
        // 301 examples, batch 4, averaging every 3, 2 workers: 13 rounds; at most 6 partitions -> blocks of 5 rounds
        BucketedEpoch.Schedule s = BucketedEpoch.Schedule.of(301, 4, 20, 2, 3, 13, 17, 1, 6);
        assertEquals(5, s.roundsPerPartition());
        assertEquals(6, s.partitions());
        for (int j = 0; j < s.minibatches(); j++) {
            int size = j == s.minibatches() - 1 ? 1 : 4;
            long slot = s.slotAt(j, size);
            int round = BucketedEpoch.Schedule.round(slot, 2, 4);
            int worker = BucketedEpoch.Schedule.worker(slot, 2, 4);
            assertEquals(j / 6, round);
            assertEquals(j % 2, worker);
            assertEquals(round / 5 * 2 + worker, s.partition(slot));
            BucketedEpoch.RoundPartitions keep = new BucketedEpoch.RoundPartitions(round, 2, 5);
            assertEquals(true, keep.apply(s.partition(slot)));
            for (int p = 0; p < s.partitions(); p++) {
                // the round's job reads its block's partition of every worker, nothing else
                assertEquals(p / 2 == round / 5, keep.apply(p), "round " + round + ", partition " + p);
            }
        }
    }

    @Test
    void anEpochOfMoreMinibatchesThanAnArrayHoldsIsRefusedBeforeAllocating() {
        long n = 100_000_000_000L;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BucketedEpoch.Schedule.of(n, 32, 1600, 8, 5, Integer.MAX_VALUE, 1, 1));
        assertEquals("100000000000 examples make 3125000000 minibatches of 32 per epoch, more than the 2147483639 an "
                + "epoch plan holds; raise train.batchSize", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BucketedEpoch.Schedule.of(100, 4, 20, 2, 3, 0, 1, 1),
                "no rounds");
    }
}
