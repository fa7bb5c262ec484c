package io.seqpipe.registry;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lock left by a process of this host that no longer runs (a killed driver) is taken over at once, however fresh
 * its heartbeat; a live holder, or one on another host, still refuses.
 */
class RegistryLockHolderTest {
    @TempDir
    java.nio.file.Path dir;

    private Path lockWith(String host, long pid) throws Exception {
        java.nio.file.Path file = dir.resolve("_model.lock");
        Files.writeString(file, "{\"runId\":\"run-before\",\"purpose\":\"train writing paths.model\",\"host\":\""
                + host + "\",\"pid\":" + pid + "}\n");
        return new Path(file.toUri());
    }

    private static long exitedPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertEquals(0, p.waitFor());
        return p.pid();
    }

    @Test
    void aFreshLockOfAProcessOfThisHostThatIsGoneIsTakenOverAtOnce() throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        Path lock = lockWith(RegistryLock.hostName(), exitedPid());
        assertTrue(RegistryLock.holderProcessGone(fs, lock));
        try (RegistryLock taken = RegistryLock.acquire(fs, lock, "run-after", "train writing paths.model",
                Duration.ZERO, Duration.ofMinutes(10))) {
            assertEquals(lock, taken.path());
            assertEquals("run-after", io.seqpipe.io.Json.readMap(Files.readString(dir.resolve("_model.lock")))
                    .get("runId"));
        }
    }

    @Test
    void aLiveHolderOrOneOnAnotherHostStillRefuses() throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        Path live = lockWith(RegistryLock.hostName(), ProcessHandle.current().pid());
        assertFalse(RegistryLock.holderProcessGone(fs, live));
        assertThrows(LockHeldException.class, () -> RegistryLock.acquire(fs, live, "run-after", "train",
                Duration.ZERO, Duration.ofMinutes(10)));
        Path elsewhere = lockWith("another-host-" + RegistryLock.hostName(), exitedPid());
        assertFalse(RegistryLock.holderProcessGone(fs, elsewhere), "no way to tell from here: wait for staleness");
        assertThrows(LockHeldException.class, () -> RegistryLock.acquire(fs, elsewhere, "run-after", "train",
                Duration.ZERO, Duration.ofMinutes(10)));
    }
}
