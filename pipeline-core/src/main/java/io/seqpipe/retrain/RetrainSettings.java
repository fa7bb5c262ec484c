package io.seqpipe.retrain;

import com.typesafe.config.Config;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.registry.PromotionPolicy;
import io.seqpipe.registry.RegistryNames;
import io.seqpipe.registry.RegistrySettings;

import java.time.Duration;
import java.time.LocalDate;

/**
 * The validated {@code retrain.*} and {@code registry.*} keys of a task's config (documented in every task's
 * defaults file).
 *
 * @param date       the input snapshot's date ({@code retrain.date}, set by {@code retrain --date}); names the version
 * @param workDir    where each run writes its step outputs, under {@code <workDir>/<date>/}
 * @param lockWait   how long to wait for another run's lock before refusing
 * @param staleAfter a lock without a heartbeat for this long is taken over
 * @param prune      prune the registry (keeping the champion and {@code registry.keep} newest) after each run
 */
public record RetrainSettings(LocalDate date, String workDir, RegistrySettings registry, PromotionPolicy policy,
                              Duration lockWait, Duration staleAfter, boolean prune) {

    public static RetrainSettings from(Config resolved) {
        ConfigReader r = new ConfigReader(resolved);
        String date = r.optionalString("retrain.date");
        if (date == null) {
            throw new InvalidConfigException("retrain.date must be set for retrain (retrain --date 2026-11-23)");
        }
        RegistrySettings registry = RegistrySettings.from(resolved);
        registry.requireRoot("retrain");
        return new RetrainSettings(RegistryNames.parseDate(date, "retrain.date"), r.string("retrain.workDir"),
                registry, PromotionPolicy.from(r),
                Duration.ofSeconds(r.integer("retrain.lock.waitSeconds")),
                Duration.ofMinutes(r.integer("retrain.lock.staleAfterMinutes")),
                r.bool("retrain.prune"));
    }

    /** The version this run registers. */
    public String version() {
        return RegistryNames.versionForDate(date);
    }

    /** This run's step outputs. */
    public String runDir() {
        return workDir.replaceAll("/+$", "") + "/" + date;
    }
}
