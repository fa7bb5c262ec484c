package io.seqpipe.jobs;

import com.typesafe.config.Config;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.registry.RegistryLock;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The exclusive locks a writing command ({@code prepare}, {@code train}, {@code evaluate}, {@code score},
 * {@code embed}) takes on its output paths before Spark starts, so that a second run on the same output refuses at once (exit 3, naming the
 * holder's run id) instead of racing the first to the commit. Each lock is a {@link RegistryLock} file
 * {@code _<name>.lock} beside the output, with the same heartbeat and stale takeover as the registry's: a lock whose
 * heartbeat stopped {@link #STALE_AFTER} ago belongs to a run that died, and is taken over with a warning.
 */
final class OutputLocks implements AutoCloseable {
    /** A lock with no heartbeat for this long is stale (the heartbeat runs every minute). */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);
    private static final RegistryLock.Settings SETTINGS = new RegistryLock.Settings(null,
            "the output lock's " + STALE_AFTER.toMinutes() + "-minute staleness");

    private final List<RegistryLock> held;

    private OutputLocks(List<RegistryLock> held) {
        this.held = held;
    }

    /** Takes the lock of every path {@code command} writes, in a fixed order; releases them all if one is held. */
    static OutputLocks acquire(Command command, Config resolved, Configuration hadoop) {
        String runId = UUID.randomUUID().toString();
        List<RegistryLock> held = new ArrayList<>();
        try {
            for (String key : RunSummary.writes(command)) {
                if (!resolved.hasPath(key)) {
                    continue;
                }
                Path output = HadoopFiles.qualify(resolved.getString(key), hadoop);
                held.add(RegistryLock.acquire(HadoopFiles.fs(output, hadoop), RegistryLock.outputLockPath(output),
                        runId, command.cliName() + " writing " + key, Duration.ZERO, STALE_AFTER, SETTINGS));
            }
        } catch (RuntimeException e) {
            held.forEach(RegistryLock::close);
            throw e;
        }
        return new OutputLocks(held);
    }

    /** Whether {@code command} writes job outputs that take a lock (retrain and registry have the registry's). */
    static boolean applies(Command command) {
        return switch (command) {
            case PREPARE, TRAIN, EVALUATE, SCORE, EMBED -> true;
            case RETRAIN, REGISTRY, REPORT -> false;
        };
    }

    @Override
    public void close() {
        held.forEach(RegistryLock::close);
    }
}
