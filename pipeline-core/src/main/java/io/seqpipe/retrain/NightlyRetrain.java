package io.seqpipe.retrain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.registry.ChampionPointer;
import io.seqpipe.registry.LockHeldException;
import io.seqpipe.registry.ModelRegistry;
import io.seqpipe.registry.PromotionPolicy;
import io.seqpipe.registry.RegistryLock;
import io.seqpipe.registry.RetentionPolicy;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.Task;
import io.seqpipe.tasks.Tasks;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code retrain}: one night of champion/challenger retraining for any task, under the model name's lock.
 * <ol>
 *   <li>{@code prepare} and {@code train} the day's snapshot (the task's own jobs, outputs under
 *       {@code <retrain.workDir>/<date>/});</li>
 *   <li>{@code evaluate} the challenger on {@code paths.test} and register it as version {@code <date>} (immutable;
 *       if an earlier run of the same date registered it, nothing is trained again and that version is the
 *       challenger);</li>
 *   <li>{@code evaluate} the champion on the same test set;</li>
 *   <li>decide with {@link PromotionPolicy} over the metrics both evaluations returned and, if so, promote (one
 *       atomic pointer write: the only step that changes the champion);</li>
 *   <li>{@code score} {@code paths.score} with whichever version is champion now (skipped when
 *       {@code paths.score} is unset).</li>
 * </ol>
 * Every step's outcome, the decision and its reason go to a {@link RunLog}. A failure in any step before the promotion
 * leaves the champion as it was; the lock is released and the next run of the same date starts clean (it replaces
 * the step outputs and reuses a version already registered).
 */
public final class NightlyRetrain {
    private static final Logger LOG = LoggerFactory.getLogger(NightlyRetrain.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** What a run did; {@code lines} are the CLI's summary. */
    public record Result(String runId, String version, boolean versionCreated, PromotionPolicy.Decision decision,
                         String championBefore, String championAfter, Path runLog, List<String> lines)
            implements JobReport {
    }

    private final Config base;
    private final RetrainSettings settings;
    private final ModelRegistry registry;
    private final Configuration hadoop;
    private final String runId = UUID.randomUUID().toString();
    private final String name;
    private final boolean resume;
    private RunLog log;

    /**
     * @param resolved the task's resolved config with {@code retrain.date} set (validated here, before Spark work)
     * @param resume   whether the training step continues from the newest valid checkpoint that an interrupted run
     *                 of the same date left in its run directory ({@code retrain --resume}); it starts from scratch
     *                 when there is none. Prepare runs again either way: it is seeded, so it writes the same data.
     */
    public NightlyRetrain(Config resolved, Configuration hadoop, boolean resume) {
        this.base = resolved;
        this.resume = resume;
        this.settings = RetrainSettings.from(resolved);
        this.hadoop = hadoop;
        this.registry = new ModelRegistry(settings.registry().root(), hadoop);
        this.name = settings.registry().name();
        Tasks.create(resolved); // fails now on a bad task config
    }

    public Result run(SparkSession spark) {
        Instant started = Instant.now();
        log = new RunLog(new Path(new Path(registry.runsPath(name), settings.date().toString()),
                STAMP.format(started) + "-" + runId.substring(0, 8) + ".json"), hadoop);
        log.put("runId", runId);
        log.put("model", name);
        log.put("task", base.getString("task"));
        log.put("date", settings.date().toString());
        log.put("version", settings.version());
        log.put("resume", resume);
        log.put("registry", registry.modelPath(name).toString());
        log.put("runDir", HadoopFiles.qualify(settings.runDir(), hadoop).toString());
        log.put("started", started.toString());
        log.put("policy", Map.of("metric", settings.policy().metric(), "higherIsBetter",
                settings.policy().higherIsBetter(), "margin", settings.policy().margin(), "gatePrefix",
                settings.policy().gatePrefix(), "gateMinimum", settings.policy().gateMinimum()));
        RegistryLock lock;
        try {
            lock = registry.lock(name, runId, "retrain " + settings.date(), settings.lockWait(),
                    settings.staleAfter());
        } catch (LockHeldException e) {
            log.step("lock", "failed", 0, e.getMessage());
            log.finish("refused", e.getMessage());
            throw e;
        }
        try (lock) {
            log.step("lock", "ok", 0, lock.path().toString());
            Result result = runLocked(spark);
            log.finish("succeeded", null);
            return result;
        } catch (RuntimeException | Error e) {
            log.finish("failed", e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
    }

    private Result runLocked(SparkSession spark) {
        String runDir = HadoopFiles.qualify(settings.runDir(), hadoop).toString();
        String version = settings.version();
        Optional<ChampionPointer> championBefore = registry.champion(name);
        log.put("championBefore", championBefore.map(ChampionPointer::version).orElse(null));
        Config steps = withPaths(base, runDir);

        boolean created = !registry.hasVersion(name, version);
        String challengerModel;
        if (created) {
            step("prepare", () -> task(steps).prepare(spark, true));
            step("train", () -> task(steps).train(spark, true, resume));
            challengerModel = steps.getString("paths.model");
        } else {
            String reason = "version " + version + " is already registered (an earlier run of this date); it is the "
                    + "challenger and nothing is trained again";
            log.step("prepare", "skipped", 0, reason);
            log.step("train", "skipped", 0, reason);
            challengerModel = registry.versionPath(name, version).toString();
        }
        String challengerMetrics = runDir + "/challenger-metrics";
        Map<String, Double> challenger = step("evaluate-challenger", () -> task(set(steps, "paths.model",
                challengerModel, "paths.metrics", challengerMetrics)).evaluate(spark, true)).metrics();
        log.put("challenger", Map.of("version", version, "model", challengerModel, "metrics", challenger));
        if (created) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("date", settings.date().toString());
            info.put("runId", runId);
            info.put("task", base.getString("task"));
            info.put("dataset", base.hasPath("paths.test") ? base.getString("paths.test") : null);
            info.put("metric", settings.policy().metric());
            info.put("value", challenger.get(settings.policy().metric()));
            step("register", () -> JobReport.of(List.of("registered " + registry.register(name, version,
                    challengerModel, challengerMetrics + "/metrics.json", info))));
        } else {
            log.step("register", "skipped", 0, "already registered: " + registry.versionPath(name, version));
        }

        PromotionPolicy.Decision decision;
        String championVersion = championBefore.map(ChampionPointer::version).orElse(null);
        if (version.equals(championVersion)) {
            log.step("evaluate-champion", "skipped", 0, "the challenger " + version + " is the champion already");
            decision = new PromotionPolicy.Decision(false, "the challenger " + version + " is already the champion "
                    + "(promoted by an earlier run of this date)", challenger.get(settings.policy().metric()),
                    challenger.get(settings.policy().metric()), List.of());
        } else {
            Map<String, Double> champion = null;
            if (championVersion == null) {
                log.step("evaluate-champion", "skipped", 0, "no champion yet");
            } else {
                String championMetrics = runDir + "/champion-metrics";
                String championModel = registry.versionPath(name, championVersion).toString();
                champion = step("evaluate-champion", () -> task(set(steps, "paths.model", championModel,
                        "paths.metrics", championMetrics)).evaluate(spark, true)).metrics();
                log.put("champion", Map.of("version", championVersion, "metrics", champion));
            }
            Map<String, Double> championMetrics = champion;
            decision = settings.policy().decide(challenger, championMetrics);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("promote", decision.promote());
        d.put("reason", decision.reason());
        d.put("challengerValue", decision.challengerValue());
        d.put("championValue", decision.championValue());
        d.put("gateFailures", decision.gateFailures());
        log.put("decision", d);
        log.step("decide", "ok", 0, decision.reason());

        if (decision.promote()) {
            step("promote", () -> {
                ChampionPointer p = registry.setChampion(name, version, "promote", decision.reason(), runId);
                return JobReport.of(List.of("champion is now " + p.version() + " (pointer " + p.sequence() + ")"));
            });
        } else {
            log.step("promote", "skipped", 0, "champion stays " + championVersion);
        }
        String championAfter = registry.champion(name).map(ChampionPointer::version).orElse(null);
        log.put("championAfter", championAfter);

        if (championAfter == null) {
            log.step("score", "skipped", 0, "no champion to score with");
        } else if (!base.hasPath("paths.score")) {
            log.step("score", "skipped", 0, "paths.score is not set");
        } else {
            String championModel = registry.versionPath(name, championAfter).toString();
            step("score", () -> task(set(steps, "paths.model", championModel)).score(spark, true));
            log.put("predictions", steps.getString("paths.predictions"));
            log.put("scoredWith", championAfter);
        }
        if (settings.prune()) {
            step("prune", () -> JobReport.of(List.of("deleted " + registry.prune(name,
                    new RetentionPolicy(settings.registry().keep())))));
        }

        List<String> lines = new ArrayList<>();
        lines.add("retrain: " + name + " " + settings.date() + ": version " + version
                + (created ? " registered" : " already registered (reused)"));
        lines.add("  decision: " + (decision.promote() ? "promote" : "keep") + ": " + decision.reason());
        lines.add("  champion: " + championVersion + " -> " + championAfter);
        if (log.get("predictions") != null) {
            lines.add("  predictions: " + log.get("predictions") + " (scored with " + championAfter + ")");
        }
        lines.add("  run log: " + log.file());
        return new Result(runId, version, created, decision, championVersion, championAfter, log.file(), lines);
    }

    /** Runs one step, records it in the run log with the lines of its typed result, and returns that result. */
    private <R extends JobReport> R step(String step, Supplier<R> body) {
        long t0 = System.nanoTime();
        try {
            R result = body.get();
            log.step(step, "ok", (System.nanoTime() - t0) / 1e9, result.lines());
            return result;
        } catch (RuntimeException | Error e) {
            log.step(step, "failed", (System.nanoTime() - t0) / 1e9, String.valueOf(e.getMessage()));
            LOG.error("retrain step {} failed; the champion is unchanged by this step", step);
            throw e;
        }
    }

    private static Task task(Config config) {
        return Tasks.create(config);
    }

    /** The task's config with every output of this run under {@code runDir}. */
    static Config withPaths(Config base, String runDir) {
        Config c = set(base, "paths.prepared", runDir + "/prepared", "paths.model", runDir + "/model",
                "paths.metrics", runDir + "/challenger-metrics", "paths.metricsHistory", runDir + "/metrics-history",
                "paths.predictions", runDir + "/predictions");
        if (c.hasPath("train.checkpoint.dir")) {
            c = set(c, "train.checkpoint.dir", runDir + "/checkpoints");
        }
        return c;
    }

    private static Config set(Config c, String... keyValues) {
        Config out = c;
        for (int i = 0; i < keyValues.length; i += 2) {
            out = out.withValue(keyValues[i], ConfigValueFactory.fromAnyRef(keyValues[i + 1], "retrain"));
        }
        return out;
    }
}
