package io.seqpipe.registry;

import io.seqpipe.SeqPipeException;
import io.seqpipe.io.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry's filesystem side on the local filesystem: registration, pointers, resolution, pruning, the lock. */
class ModelRegistryLocalTest {
    private final Configuration hadoop = new Configuration();

    @TempDir
    java.nio.file.Path tmp;

    private String fakeModel(String name, double accuracy) {
        Path dir = new Path(tmp.resolve(name).toUri());
        HadoopFiles.writeString(new Path(dir, "model.zip"), "weights-" + name, hadoop);
        HadoopFiles.writeLines(new Path(dir, "labels.txt"), List.of("0", "1"), hadoop);
        HadoopFiles.writeString(new Path(dir, "_SUCCESS"), "", hadoop);
        Path metrics = new Path(tmp.resolve(name + "-metrics").toUri());
        HadoopFiles.writeString(new Path(metrics, "metrics.json"), "{\"metrics\": {\"accuracy\": " + accuracy
                + ", \"auc\": \"NaN\"}, \"task\": \"sentiment\"}", hadoop);
        return dir.toString();
    }

    private String metricsOf(String name) {
        return tmp.resolve(name + "-metrics").resolve("metrics.json").toUri().toString();
    }

    @Test
    void registeredVersionsAreCompleteImmutableAndListedInOrder() {
        ModelRegistry registry = new ModelRegistry(tmp.resolve("registry").toString(), hadoop);
        registry.register("sentiment", "2026-11-24", fakeModel("b", 0.7), metricsOf("b"), Map.of("date",
                "2026-11-24"));
        Path v1 = registry.register("sentiment", "2026-11-23", fakeModel("a", 0.8), metricsOf("a"), Map.of());
        assertEquals(List.of("2026-11-23", "2026-11-24"), registry.versions("sentiment"));
        assertEquals("weights-a", HadoopFiles.readString(new Path(v1, "model.zip"), hadoop));
        assertTrue(HadoopFiles.exists(new Path(v1, "_SUCCESS"), hadoop));
        ModelRegistry.VersionInfo info = registry.info("sentiment", "2026-11-23");
        assertEquals(0.8, info.metrics().get("accuracy"));
        assertTrue(info.metrics().get("auc").isNaN());
        assertEquals("2026-11-24", registry.info("sentiment", "2026-11-24").info().get("date"));
        SeqPipeException again = assertThrows(SeqPipeException.class, () -> registry.register("sentiment",
                "2026-11-23", fakeModel("c", 0.9), metricsOf("c"), Map.of()));
        assertTrue(again.getMessage().endsWith("already exists; versions are immutable"), again.getMessage());
    }

    @Test
    void theNewestPointerNamesTheChampionAndRollbackGoesBackAlongTheHistory() {
        ModelRegistry registry = new ModelRegistry(tmp.resolve("registry").toString(), hadoop);
        registry.register("m", "2026-11-23", fakeModel("a", 0.8), metricsOf("a"), Map.of());
        registry.register("m", "2026-11-24", fakeModel("b", 0.9), metricsOf("b"), Map.of());
        assertTrue(registry.champion("m").isEmpty());
        SeqPipeException none = assertThrows(SeqPipeException.class,
                () -> registry.resolve(ModelReference.parse("registry://m", "paths.model")));
        assertTrue(none.getMessage().contains("has no champion"), none.getMessage());

        registry.setChampion("m", "2026-11-23", "promote", "first", "run-1");
        ChampionPointer second = registry.setChampion("m", "2026-11-24", "promote", "better", "run-2");
        assertEquals(2, second.sequence());
        assertEquals("2026-11-23", second.previous());
        assertEquals(registry.versionPath("m", "2026-11-24"),
                registry.resolve(ModelReference.parse("registry://m", "paths.model")));
        assertEquals(registry.versionPath("m", "2026-11-23"),
                registry.resolve(ModelReference.parse("registry://m/2026-11-23", "paths.model")));

        registry.setChampion("m", second.previous(), "rollback", "bad in production", null);
        assertEquals("2026-11-23", registry.champion("m").orElseThrow().version());
        assertEquals(List.of("promote", "promote", "rollback"),
                registry.championHistory("m").stream().map(ChampionPointer::action).toList());
        assertThrows(SeqPipeException.class, () -> registry.setChampion("m", "2026-12-01", "promote", "x", null));
    }

    @Test
    void pruneKeepsTheChampionAndDeletesUnfinishedRegistrations() throws IOException {
        ModelRegistry registry = new ModelRegistry(tmp.resolve("registry").toString(), hadoop);
        for (String v : List.of("2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23")) {
            registry.register("m", v, fakeModel(v, 0.5), metricsOf(v), Map.of());
        }
        registry.setChampion("m", "2026-11-20", "promote", "first", null);
        FileSystem fs = registry.root().getFileSystem(hadoop);
        fs.mkdirs(new Path(registry.modelPath("m"), "_tmp.2026-11-24.dead"));
        fs.mkdirs(new Path(registry.modelPath("m"), "2026-11-25")); // a version directory without _SUCCESS

        assertEquals(List.of("2026-11-21", "2026-11-22"), registry.prune("m", new RetentionPolicy(1)));
        assertEquals(List.of("2026-11-20", "2026-11-23"), registry.versions("m"));
        assertFalse(fs.exists(new Path(registry.modelPath("m"), "_tmp.2026-11-24.dead")));
        assertFalse(fs.exists(new Path(registry.modelPath("m"), "2026-11-25")));
        assertEquals("2026-11-20", registry.champion("m").orElseThrow().version());
    }

    @Test
    void aLiveLockRefusesASecondHolderAndAStaleOneIsTakenOver() throws IOException {
        ModelRegistry registry = new ModelRegistry(tmp.resolve("registry").toString(), hadoop);
        Duration stale = Duration.ofMinutes(30);
        try (RegistryLock first = registry.lock("m", "run-1", "retrain 2026-11-23", Duration.ZERO, stale)) {
            LockHeldException e = assertThrows(LockHeldException.class,
                    () -> registry.lock("m", "run-2", "retrain 2026-11-23", Duration.ofMillis(300), stale));
            assertTrue(e.getMessage().startsWith("another run holds the lock " + first.path() + " (run run-1, "
                    + "retrain 2026-11-23, on "), e.getMessage());
            assertTrue(e.getMessage().contains("waited 0 s"), e.getMessage());

            // its holder died an hour ago: no heartbeat since
            FileSystem fs = first.path().getFileSystem(hadoop);
            fs.setTimes(first.path(), System.currentTimeMillis() - Duration.ofHours(1).toMillis(), -1);
            try (RegistryLock second = registry.lock("m", "run-2", "retrain", Duration.ZERO, stale)) {
                assertTrue(HadoopFiles.readString(second.path(), hadoop).contains("\"runId\" : \"run-2\""));
            }
            assertFalse(fs.exists(first.path()), "the new holder released it");
        }
        // the first holder's close left the lock alone (not its own any more): it is free now
        registry.lock("m", "run-3", "retrain", Duration.ZERO, stale).close();
    }
}
