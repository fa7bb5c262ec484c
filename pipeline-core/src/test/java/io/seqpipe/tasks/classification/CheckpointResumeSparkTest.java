package io.seqpipe.tasks.classification;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.SeqPipeException;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.retrain.NightlyRetrain;
import io.seqpipe.testing.DriverLoss.DieInEpoch;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.TestSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.seqpipe.testing.DriverLoss.savedParams;
import static io.seqpipe.testing.DriverLoss.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoints and {@code train --resume} on local Spark: a run that dies mid-training and is resumed from its newest
 * valid checkpoint ends with exactly the parameters of an uninterrupted run; a corrupt and an incomplete checkpoint
 * are skipped with their reasons, never loaded.
 */
@Tag("spark")
class CheckpointResumeSparkTest {
    static SparkSession spark;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        spark = TestSpark.start("checkpoints");
        work = Files.createTempDirectory("seqpipe-checkpoints");
        PrepareClassificationData.run(spark, config(), false);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static ClassificationTaskConfig config(String... extra) {
        List<String> overrides = new ArrayList<>(List.of(
                "paths.train=" + Fixtures.fixture("sentiment/train.tsv"),
                "paths.validation=" + Fixtures.fixture("sentiment/dev.tsv"),
                "paths.work=" + work, "labels.values=[\"0\", \"1\"]", "sequence.maxLength=24",
                "model.hidden=8", "model.embedding=8", "model.dropout=0.1", "train.epochs=3", "train.batchSize=16",
                "train.learningRate=0.02", "train.earlyStopping.patience=0",
                // 241 examples, 2 workers x 16 x 5 per round: 2 rounds per epoch; a checkpoint after every round
                "train.checkpoint.everyRounds=1", "train.checkpoint.keep=3"));
        overrides.addAll(List.of(extra));
        return ClassificationTaskConfig.from(ConfigLayering.resolve(
                ConfigFactory.parseResources("io/seqpipe/tasks/sentiment.defaults.conf"), null, overrides));
    }


    @Test
    void resumeFromTheNewestValidCheckpointEndsWithTheUninterruptedParameters() throws Exception {
        // smoothed selection from epoch 2: the early-stopping state a resume replays from the checkpoint's history
        String[] selection = {"train.earlyStopping.minEpochs=2", "train.earlyStopping.smoothing=0.5"};
        ClassificationTaskConfig full = config(with(selection, "paths.model=" + work.resolve("model-full"),
                "train.checkpoint.dir=" + work.resolve("checkpoints-full")));
        TrainClassifier.Summary uninterrupted = TrainClassifier.run(spark, full, false, List.of());
        assertEquals(6, uninterrupted.training().checkpointsWritten(),
                "3 epochs x (one after round 1 + one at the epoch end)");
        assertFalse(Files.exists(work.resolve("checkpoints-full/checkpoint-e00003-r000002")),
                "checkpoints are deleted once the model is committed");

        Path dir = work.resolve("checkpoints");
        ClassificationTaskConfig cfg = config(with(selection, "paths.model=" + work.resolve("model-resumed"),
                "train.checkpoint.dir=" + dir));
        IllegalStateException died = assertThrows(IllegalStateException.class,
                () -> TrainClassifier.run(spark, cfg, false, List.of(new DieInEpoch(3))));
        assertEquals("simulated driver loss in epoch 3", died.getMessage());
        assertFalse(Files.exists(work.resolve("model-resumed")));
        // keep = 3: of e1-r1, e1-r2, e2-r1, e2-r2 the newest three remain
        assertEquals(List.of("checkpoint-e00001-r000002", "checkpoint-e00002-r000001", "checkpoint-e00002-r000002"),
                list(dir));

        SeqPipeException refused = assertThrows(SeqPipeException.class,
                () -> TrainClassifier.run(spark, cfg, false, List.of()));
        assertEquals("checkpoints of an earlier training run exist in file:" + dir + " (3, newest "
                + "checkpoint-e00002-r000002); pass --resume to continue that run or --overwrite to start over",
                refused.getMessage());

        // the newest is corrupt (a flipped byte, written through Hadoop so that only SeqPipe's own checksum can tell),
        // and a newer-named one was never completed: both must be skipped
        Path corrupt = dir.resolve("checkpoint-e00002-r000002/network.zip");
        byte[] bytes = Files.readAllBytes(corrupt);
        bytes[bytes.length / 2] ^= 0x5A;
        HadoopFiles.writeBytes(new org.apache.hadoop.fs.Path(corrupt.toUri()), bytes, new Configuration());
        Files.createDirectories(dir.resolve("checkpoint-e00009-r000000"));
        Files.write(dir.resolve("checkpoint-e00009-r000000/network.zip"), new byte[]{1, 2, 3});

        TrainClassifier.Summary resumed = TrainClassifier.run(spark, cfg, false, true, List.of());
        assertEquals("checkpoint-e00002-r000001", resumed.training().resumedFrom());
        List<String> skipped = resumed.training().skippedCheckpoints();
        assertEquals(2, skipped.size(), skipped.toString());
        assertEquals("checkpoint-e00009-r000000: incomplete (no _SUCCESS marker: its write was interrupted)",
                skipped.get(0));
        assertTrue(skipped.get(1).startsWith("checkpoint-e00002-r000002: unreadable: network.zip is corrupt: "
                + bytes.length + " bytes with SHA-256 "), skipped.get(1));

        float[] expected = savedParams(work.resolve("model-full"));
        float[] actual = savedParams(work.resolve("model-resumed"));
        assertArrayEquals(expected, actual, 0f, "bit-identical to the uninterrupted run");
        assertEquals(3, resumed.training().epochsRun());
        assertEquals(uninterrupted.training().bestEpoch(), resumed.training().bestEpoch());
        assertTrue(resumed.training().bestEpoch() >= 2, "minEpochs 2: epoch " + resumed.training().bestEpoch());
        assertEquals(uninterrupted.bestValidationAccuracy(), resumed.bestValidationAccuracy(), 0.0);
        assertEquals(uninterrupted.finalLoss(), resumed.finalLoss(), 0.0);
        Map<String, Object> provenance = Json.readMap(Files.readString(work.resolve("model-resumed/provenance.json")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) provenance.get("history");
        assertEquals(List.of(1, 2, 3), history.stream().map(h -> ((Number) h.get("epoch")).intValue()).toList());
        // the summary's training record is the one the provenance holds
        @SuppressWarnings("unchecked")
        Map<String, Object> training = (Map<String, Object>) provenance.get("training");
        assertEquals("checkpoint-e00002-r000001", training.get("resumedFrom"));
        assertEquals(skipped, training.get("skippedCheckpoints"));
        assertEquals("file:" + dir, training.get("checkpointDir"));
        assertEquals(3, training.get("epochsRun"));
        assertFalse(Files.exists(dir), "checkpoints (and their directory) are deleted once the model is committed");
    }

    /**
     * With length bucketing each epoch's minibatches are formed over the whole epoch before the rounds: a resume in the
     * middle of an epoch must rebuild exactly that epoch's minibatches and fit only the rounds still to do.
     */
    @Test
    void aMidEpochResumeWithLengthBucketingEndsWithTheUninterruptedParameters() throws Exception {
        // 241 examples, batch 16, pools of 4 minibatches (64 examples): ceil(241 / 16) = 16 minibatches per epoch,
        // 10 in round 1 (5 per worker) and 6 in round 2
        ClassificationTaskConfig full = config("paths.model=" + work.resolve("model-bucketed-full"),
                "train.checkpoint.dir=" + work.resolve("checkpoints-bucketed-full"), "train.lengthBucketPool=4");
        TrainClassifier.Summary uninterrupted = TrainClassifier.run(spark, full, false, List.of());
        assertEquals(3 * 16L, fitted(uninterrupted), "every planned minibatch, 3 epochs");

        Path dir = work.resolve("checkpoints-bucketed");
        ClassificationTaskConfig cfg = config("paths.model=" + work.resolve("model-bucketed"),
                "train.checkpoint.dir=" + dir, "train.lengthBucketPool=4");
        assertThrows(IllegalStateException.class,
                () -> TrainClassifier.run(spark, cfg, false, List.of(new DieInEpoch(3))));
        // without the epoch-end checkpoint of epoch 2 the newest is the one after its first round
        try (Stream<Path> files = Files.walk(dir.resolve("checkpoint-e00002-r000002"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        TrainClassifier.Summary resumed = TrainClassifier.run(spark, cfg, false, true, List.of());
        assertEquals("checkpoint-e00002-r000001", resumed.training().resumedFrom());
        assertEquals(6 + 16L, fitted(resumed), "round 2 of epoch 2, then epoch 3");

        float[] expected = savedParams(work.resolve("model-bucketed-full"));
        float[] actual = savedParams(work.resolve("model-bucketed"));
        assertArrayEquals(expected, actual, 0f, "bit-identical to the uninterrupted run");
        assertEquals(uninterrupted.finalLoss(), resumed.finalLoss(), 0.0);
        assertEquals(uninterrupted.bestValidationAccuracy(), resumed.bestValidationAccuracy(), 0.0);

        // the pool decides which examples share a minibatch, so it is part of what a checkpoint must agree on
        Path other = work.resolve("checkpoints-bucketed-other");
        ClassificationTaskConfig pool4 = config("paths.model=" + work.resolve("model-bucketed-other"),
                "train.checkpoint.dir=" + other, "train.lengthBucketPool=4", "train.epochs=2");
        assertThrows(IllegalStateException.class,
                () -> TrainClassifier.run(spark, pool4, false, List.of(new DieInEpoch(2))));
        ClassificationTaskConfig pool2 = config("paths.model=" + work.resolve("model-bucketed-other"),
                "train.checkpoint.dir=" + other, "train.lengthBucketPool=2", "train.epochs=2");
        assertThrows(SeqPipeException.class, () -> TrainClassifier.run(spark, pool2, false, true, List.of()));
    }

    /**
     * Under block-momentum averaging the driver's model and block momentum are part of the state: a run resumed
     * mid-epoch from a checkpoint that holds them ends bit-identical to the uninterrupted run, and differs from plain
     * averaging (the block momentum did act).
     */
    @Test
    void aMidEpochResumeUnderBlockMomentumEndsWithTheUninterruptedParameters() throws Exception {
        String[] block = {"train.averaging=blockMomentum", "train.blockMomentum=auto"};
        ClassificationTaskConfig full = config(with(block, "paths.model=" + work.resolve("model-block-full"),
                "train.checkpoint.dir=" + work.resolve("checkpoints-block-full")));
        TrainClassifier.Summary uninterrupted = TrainClassifier.run(spark, full, false, List.of());

        Path dir = work.resolve("checkpoints-block");
        ClassificationTaskConfig cfg = config(with(block, "paths.model=" + work.resolve("model-block"),
                "train.checkpoint.dir=" + dir));
        assertThrows(IllegalStateException.class,
                () -> TrainClassifier.run(spark, cfg, false, List.of(new DieInEpoch(3))));
        // resume from the middle of epoch 2: the one after its first round
        try (Stream<Path> files = Files.walk(dir.resolve("checkpoint-e00002-r000002"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertTrue(Files.exists(dir.resolve("checkpoint-e00002-r000001/block-momentum.bin")));
        assertTrue(Files.exists(dir.resolve("checkpoint-e00002-r000001/block-model.bin")));
        TrainClassifier.Summary resumed = TrainClassifier.run(spark, cfg, false, true, List.of());
        assertEquals("checkpoint-e00002-r000001", resumed.training().resumedFrom());

        float[] expected = savedParams(work.resolve("model-block-full"));
        float[] actual = savedParams(work.resolve("model-block"));
        assertArrayEquals(expected, actual, 0f, "bit-identical to the uninterrupted run");
        assertEquals(uninterrupted.finalLoss(), resumed.finalLoss(), 0.0);
        assertEquals(uninterrupted.bestValidationAccuracy(), resumed.bestValidationAccuracy(), 0.0);

        ClassificationTaskConfig plain = config("train.averaging=plain",
                "paths.model=" + work.resolve("model-block-plain"),
                "train.checkpoint.dir=" + work.resolve("checkpoints-block-plain"));
        TrainClassifier.run(spark, plain, false, List.of());
        float[] plainParams = savedParams(work.resolve("model-block-plain"));
        assertFalse(java.util.Arrays.equals(plainParams, expected), "block momentum changed the training");

        // the scheme is part of what a checkpoint must agree on
        Path other = work.resolve("checkpoints-block-other");
        ClassificationTaskConfig blockRun = config(with(block, "paths.model=" + work.resolve("model-block-other"),
                "train.checkpoint.dir=" + other, "train.epochs=2"));
        assertThrows(IllegalStateException.class,
                () -> TrainClassifier.run(spark, blockRun, false, List.of(new DieInEpoch(2))));
        ClassificationTaskConfig plainRun = config("train.averaging=plain",
                "paths.model=" + work.resolve("model-block-other"),
                "train.checkpoint.dir=" + other, "train.epochs=2");
        assertThrows(SeqPipeException.class, () -> TrainClassifier.run(spark, plainRun, false, true, List.of()));
    }


    static long fitted(TrainClassifier.Summary s) {
        return s.training().executors().values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void checkpointsOfAnotherConfigurationAreRefusedAndOverwriteStartsOver() throws Exception {
        Path dir = work.resolve("checkpoints-other");
        ClassificationTaskConfig cfg = config("paths.model=" + work.resolve("model-other"),
                "train.checkpoint.dir=" + dir, "train.epochs=2");
        assertThrows(IllegalStateException.class,
                () -> TrainClassifier.run(spark, cfg, false, List.of(new DieInEpoch(2))));
        assertEquals(List.of("checkpoint-e00001-r000001", "checkpoint-e00001-r000002"), list(dir));

        ClassificationTaskConfig otherSeed = config("paths.model=" + work.resolve("model-other"),
                "train.checkpoint.dir=" + dir, "train.epochs=2", "train.seed=7");
        SeqPipeException refused = assertThrows(SeqPipeException.class,
                () -> TrainClassifier.run(spark, otherSeed, false, true, List.of()));
        assertEquals("the checkpoints in file:" + dir + " were written by a training run with another configuration "
                + "(checkpoint-e00001-r000002: written with another network configuration, seed, batch size, averaging "
                + "frequency, length-bucketing pool or training set); resume with that configuration, or pass "
                + "--overwrite instead of --resume to start over", refused.getMessage());

        TrainClassifier.Summary fresh = TrainClassifier.run(spark, otherSeed, true, List.of());
        assertEquals(null, fresh.training().resumedFrom());
        assertEquals(2, fresh.training().epochsRun());
        assertEquals(4, fresh.training().checkpointsWritten());
        assertFalse(Files.exists(dir));
    }

    @Test
    void resumeWithoutCheckpointsTrainsFromTheStart() {
        ClassificationTaskConfig cfg = config("paths.model=" + work.resolve("model-nothing"),
                "train.checkpoint.dir=" + work.resolve("checkpoints-none"), "train.epochs=1");
        TrainClassifier.Summary s = TrainClassifier.run(spark, cfg, false, true, List.of());
        assertEquals(null, s.training().resumedFrom());
        assertEquals(1, s.training().epochsRun());
        Map<String, Long> executors = s.training().executors();
        // local[2]: both workers run in the driver JVM; 241 examples in 16-example batches over 2 partitions
        assertEquals(1, executors.size(), executors.toString());
        long minibatches = executors.values().iterator().next();
        assertTrue(minibatches >= 16 && minibatches <= 20, "minibatches " + minibatches);
    }

    @Test
    @SuppressWarnings("unchecked")
    void retrainResumeContinuesTheTrainingStepItsInterruptedNightLeft() throws Exception {
        String date = "2026-12-01";
        Path nights = work.resolve("nights");
        Path runDir = nights.resolve(date);
        String[] night = {"registry.root=" + work.resolve("registry"), "retrain.workDir=" + nights,
                "retrain.date=" + date};
        // the night's own training step (its run directory's paths), killed by a lost driver in epoch 3
        ClassificationTaskConfig step = config(with(night, "paths.prepared=" + runDir.resolve("prepared"),
                "paths.model=" + runDir.resolve("model"), "train.checkpoint.dir=" + runDir.resolve("checkpoints")));
        PrepareClassificationData.run(spark, step, false);
        assertThrows(IllegalStateException.class,
                () -> TrainClassifier.run(spark, step, false, List.of(new DieInEpoch(3))));
        assertFalse(list(runDir.resolve("checkpoints")).isEmpty());
        // the same training without interruption, for the parameters the night must end with
        TrainClassifier.run(spark, config(with(night, "paths.prepared=" + runDir.resolve("prepared"),
                "paths.model=" + work.resolve("model-night-uninterrupted"),
                "train.checkpoint.dir=" + work.resolve("checkpoints-night-uninterrupted"))), false, List.of());

        NightlyRetrain.Result r = new NightlyRetrain(step.resolved(), new Configuration(), true).run(spark);

        Map<String, Object> log = Json.readMap(r.runLog(), new Configuration());
        assertEquals(true, log.get("resume"));
        Map<String, Object> train = ((List<Map<String, Object>>) log.get("steps")).stream()
                .filter(s -> "train".equals(s.get("step"))).findFirst().orElseThrow();
        assertTrue(((List<String>) train.get("detail")).contains("  resumed from checkpoint checkpoint-e00002-r000002"),
                train.toString());
        assertArrayEquals(savedParams(work.resolve("model-night-uninterrupted")),
                savedParams(work.resolve("registry/sentiment/" + r.version())), 0f,
                "the registered challenger is bit-identical to an uninterrupted night's");
    }

    static List<String> list(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

}
