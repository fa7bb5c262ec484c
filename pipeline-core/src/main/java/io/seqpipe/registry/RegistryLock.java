package io.seqpipe.registry;

import io.seqpipe.io.Json;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An exclusive lock held as a file: the lock of one model name, {@code <root>/<name>/LOCK}, and the lock of one job
 * output path ({@link #outputLockPath}) that every writing command takes. Whoever creates the file holds the lock. Creation uses
 * {@code create(overwrite = false)}, which on HDFS is atomic (the NameNode lets exactly one creator win); on a local
 * filesystem it is check-then-create, good enough for one machine's cron. The file holds who took it (run id, host,
 * pid, time, what for) so the refusal message can say so.
 *
 * <p>While held, a heartbeat thread touches the file's modification time every {@code staleAfter / 4} (at most every
 * minute). A lock whose modification time is older than {@code staleAfter} belongs to a process that died without
 * releasing it (a killed driver, a lost machine): the next run logs a warning and takes it over (delete, then create
 * again; if two runs take over at the same moment, HDFS still lets only one create win). A lock whose holder ran on
 * the same host under a process id that no longer exists is taken over at once, without waiting for it to age: so
 * {@code train --resume} right after a killed driver is not refused. {@link #close()} deletes the
 * file only if it still holds this run's id.
 */
public final class RegistryLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryLock.class);

    private final FileSystem fs;
    private final Path path;
    private final String runId;
    private final ScheduledExecutorService heartbeat;

    private RegistryLock(FileSystem fs, Path path, String runId, ScheduledExecutorService heartbeat) {
        this.fs = fs;
        this.path = path;
        this.runId = runId;
        this.heartbeat = heartbeat;
    }

    /**
     * How the messages name the settings of a lock: {@code waitAdvice} (how to make a run wait, or null when it
     * cannot) and {@code staleAfter} (what sets the staleness age).
     */
    public record Settings(String waitAdvice, String staleAfter) {
        /** The registry lock's: {@code retrain.lock.*}. */
        public static final Settings RETRAIN = new Settings("to wait for it set retrain.lock.waitSeconds",
                "retrain.lock.staleAfterMinutes");
    }

    /**
     * The lock file of a job output path: {@code _<name>.lock} beside it (readers skip {@code _} names), e.g.
     * {@code work/_model.lock} for {@code work/model}.
     */
    public static Path outputLockPath(Path output) {
        return new Path(output.getParent(), "_" + output.getName() + ".lock");
    }

    /** {@link #acquire(FileSystem, Path, String, String, Duration, Duration, Settings)} for the registry lock. */
    public static RegistryLock acquire(FileSystem fs, Path path, String runId, String purpose, Duration wait,
                                       Duration staleAfter) {
        return acquire(fs, path, runId, purpose, wait, staleAfter, Settings.RETRAIN);
    }

    /**
     * Takes the lock, waiting up to {@code wait} for a live holder to finish.
     *
     * @param purpose what the holder does, for the message another run prints (e.g. {@code retrain 2026-11-23})
     * @throws LockHeldException when a live run holds it after {@code wait}
     */
    public static RegistryLock acquire(FileSystem fs, Path path, String runId, String purpose, Duration wait,
                                       Duration staleAfter, Settings settings) {
        long deadline = System.nanoTime() + wait.toNanos();
        long pollMillis = Math.max(100, Math.min(5_000, wait.toMillis() / 10));
        while (true) {
            if (tryCreate(fs, path, runId, purpose)) {
                long beat = Math.max(1_000, Math.min(60_000, staleAfter.toMillis() / 4));
                ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "registry-lock-heartbeat");
                    t.setDaemon(true);
                    return t;
                });
                RegistryLock lock = new RegistryLock(fs, path, runId, exec);
                exec.scheduleAtFixedRate(lock::touch, beat, beat, TimeUnit.MILLISECONDS);
                LOG.info("took the lock {} for {}", path, purpose);
                return lock;
            }
            FileStatus status = statusOrNull(fs, path);
            if (status == null) {
                continue; // released between our create and our look: try again
            }
            Duration age = Duration.ofMillis(System.currentTimeMillis() - status.getModificationTime());
            String holder = describeHolder(fs, path);
            if (age.compareTo(staleAfter) > 0) {
                LOG.warn("the lock {} is stale (no heartbeat for {} s, more than the {} s of {}); its holder ({}) died"
                        + " without releasing it; taking it over", path, age.toSeconds(), staleAfter.toSeconds(),
                        settings.staleAfter(), holder);
                deleteIfUnchanged(fs, path, status);
                continue;
            }
            if (holderProcessGone(fs, path)) {
                // a run killed on this machine (SIGKILL, a lost JVM) cannot release its lock; no need to wait for
                // the heartbeat to age: its process is gone
                LOG.warn("the lock {} belongs to a process of this host that no longer runs ({}); taking it over",
                        path, holder);
                deleteIfUnchanged(fs, path, status);
                continue;
            }
            if (System.nanoTime() >= deadline) {
                throw new LockHeldException("another run holds the lock " + path + " (" + holder + ", last heartbeat "
                        + age.toSeconds() + " s ago)" + (wait.isZero() ? "" : "; waited " + wait.toSeconds() + " s")
                        + ". It is released when that run ends" + (settings.waitAdvice() == null ? "" : "; "
                        + settings.waitAdvice()) + ". If no run"
                        + " is active, the lock goes stale " + staleAfter.toMinutes() + " min after its last heartbeat"
                        + " and the next run takes it over, or delete the file by hand");
            }
            sleep(pollMillis);
        }
    }

    private static boolean tryCreate(FileSystem fs, Path path, String runId, String purpose) {
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("runId", runId);
        owner.put("purpose", purpose);
        owner.put("host", hostName());
        owner.put("pid", ProcessHandle.current().pid());
        owner.put("jvm", ManagementFactory.getRuntimeMXBean().getName());
        owner.put("since", Instant.now().toString());
        try (FSDataOutputStream out = fs.create(path, false)) {
            out.write((Json.write(owner) + "\n").getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            // some filesystems report an existing file with a plain IOException (HDFS wraps it in a RemoteException)
            if (e.getClass().getName().contains("AlreadyExists") || String.valueOf(e.getMessage()).contains(
                    "already exists")) {
                return false;
            }
            throw new UncheckedIOException("cannot create the lock file " + path, e);
        }
    }

    private static FileStatus statusOrNull(FileSystem fs, Path path) {
        try {
            return fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lock file " + path, e);
        }
    }

    /** Deletes a stale lock unless its holder came back to life (the modification time moved) since we looked. */
    private static void deleteIfUnchanged(FileSystem fs, Path path, FileStatus seen) {
        FileStatus now = statusOrNull(fs, path);
        if (now != null && now.getModificationTime() == seen.getModificationTime()) {
            try {
                fs.delete(path, false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the stale lock " + path, e);
            }
        }
    }

    /**
     * Whether the lock's holder ran on this host under a process id that no longer exists. Conservative: a holder on
     * another host, an unreadable lock file, or a process id that is alive (even if reused) count as not gone.
     */
    static boolean holderProcessGone(FileSystem fs, Path path) {
        try (var in = fs.open(path)) {
            Map<String, Object> owner = Json.readMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!hostName().equals(owner.get("host")) || !(owner.get("pid") instanceof Number pid)) {
                return false;
            }
            return ProcessHandle.of(pid.longValue()).map(p -> !p.isAlive()).orElse(true);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String describeHolder(FileSystem fs, Path path) {
        try (var in = fs.open(path)) {
            Map<String, Object> owner = Json.readMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return "run " + owner.get("runId") + ", " + owner.get("purpose") + ", on " + owner.get("host") + " pid "
                    + owner.get("pid") + " since " + owner.get("since");
        } catch (IOException | RuntimeException e) {
            return "holder unknown: " + e.getMessage();
        }
    }

    private void touch() {
        try {
            fs.setTimes(path, System.currentTimeMillis(), -1);
        } catch (IOException e) {
            LOG.warn("could not refresh the lock {}: {}", path, e.toString());
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockHeldException("interrupted while waiting for the lock");
        }
    }

    public Path path() {
        return path;
    }

    /** Releases the lock if this run still holds it. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try (var in = fs.open(path)) {
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (runId.equals(Json.readMap(content).get("runId"))) {
                fs.delete(path, false);
                LOG.info("released the lock {}", path);
            } else {
                LOG.warn("the lock {} is no longer this run's ({}): another run took it over as stale; leaving it",
                        path, runId);
            }
        } catch (FileNotFoundException e) {
            LOG.warn("the lock {} was deleted while this run held it", path);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not release the lock {}: {}; delete it by hand if no run is active", path, e.toString());
        }
    }
}
