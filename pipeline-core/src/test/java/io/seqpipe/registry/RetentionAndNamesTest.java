package io.seqpipe.registry;

import io.seqpipe.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure naming and pruning rules of the registry. */
class RetentionAndNamesTest {
    private static final List<String> VERSIONS = List.of("2026-11-24", "2026-11-20", "2026-11-21", "2026-11-23",
            "2026-11-22");

    @Test
    void pruneKeepsTheNewestAndTheChampionAndDeletesOldestFirst() {
        assertEquals(List.of("2026-11-20", "2026-11-22"),
                new RetentionPolicy(2).toDelete(VERSIONS, Set.of("2026-11-21")));
        assertEquals(List.of("2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"),
                new RetentionPolicy(1).toDelete(VERSIONS, Set.of("2026-11-24")));
        assertEquals(List.of(), new RetentionPolicy(5).toDelete(VERSIONS, Set.of()));
        assertEquals(List.of(), new RetentionPolicy(3).toDelete(List.of(), Set.of("gone")));
    }

    @Test
    void keepMustBePositive() {
        assertEquals("registry.keep must be >= 1, got 0",
                assertThrows(InvalidConfigException.class, () -> new RetentionPolicy(0)).getMessage());
    }

    @Test
    void versionsAreDatesAndReservedOrHiddenNamesAreNot() {
        assertEquals("2026-11-23", RegistryNames.versionForDate(LocalDate.of(2026, 11, 23)));
        assertTrue(RegistryNames.isVersion("2026-11-23"));
        assertTrue(RegistryNames.isVersion("v12.rc-1"));
        assertFalse(RegistryNames.isVersion("CHAMPION"));
        assertFalse(RegistryNames.isVersion("LOCK"));
        assertFalse(RegistryNames.isVersion("runs"));
        assertFalse(RegistryNames.isVersion("_tmp.2026-11-23.abc"));
        assertFalse(RegistryNames.isVersion("a/b"));
        assertEquals("retrain.date must be an ISO date like 2026-11-23, got '2026-13-01'",
                assertThrows(InvalidConfigException.class,
                        () -> RegistryNames.parseDate("2026-13-01", "retrain.date")).getMessage());
    }

    @Test
    void referencesNameTheChampionOrAVersion() {
        ModelReference champion = ModelReference.parse("registry://sentiment", "paths.model");
        assertEquals("sentiment", champion.name());
        assertNull(champion.version());
        assertTrue(champion.isChampion());
        ModelReference version = ModelReference.parse("registry://sentiment/2026-11-23/", "paths.model");
        assertEquals("2026-11-23", version.version());
        assertEquals("registry://sentiment/2026-11-23", version.toString());
        assertFalse(ModelReference.isReference("hdfs:///models/x"));
        assertEquals("paths.model must look like registry://<name> or registry://<name>/<version>, got "
                + "'registry://a/b/c'", assertThrows(InvalidConfigException.class,
                () -> ModelReference.parse("registry://a/b/c", "paths.model")).getMessage());
        assertTrue(assertThrows(InvalidConfigException.class, () -> ModelReference.parse("registry://x/CHAMPION",
                "paths.model")).getMessage().startsWith("paths.model = 'registry://x/CHAMPION': registry version"));
    }

    @Test
    void championPointerFilesAreNumberedAndTheHighestWins() {
        assertEquals("00000007.json", ChampionPointer.fileName(7));
        assertEquals(7, ChampionPointer.sequenceOf("00000007.json").getAsLong());
        assertTrue(ChampionPointer.sequenceOf("_tmp.1234.json").isEmpty());
        assertEquals(12, ChampionPointer.latestSequence(List.of("00000003.json", "00000012.json", "_tmp.x.json",
                "00000009.json")));
        assertEquals(0, ChampionPointer.latestSequence(List.of("_tmp.x.json")));
    }
}
