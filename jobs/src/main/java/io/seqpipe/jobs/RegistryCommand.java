package io.seqpipe.jobs;

import com.typesafe.config.Config;
import io.seqpipe.SeqPipeException;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.registry.ChampionPointer;
import io.seqpipe.registry.ModelRegistry;
import io.seqpipe.registry.RegistryLock;
import io.seqpipe.registry.RegistryNames;
import io.seqpipe.registry.RegistrySettings;
import io.seqpipe.registry.RetentionPolicy;
import io.seqpipe.provenance.ModelDirectory;
import io.seqpipe.tasks.JobReport;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code seqpipe registry <action>}: look at and manage the versions of {@code registry.name} under
 * {@code registry.root}, without Spark. {@code list} and {@code show} only read; {@code promote}, {@code rollback} and
 * {@code prune} take the model name's lock (as retrain does), so they never race a nightly run.
 */
final class RegistryCommand {
    private RegistryCommand() {
    }

    static JobReport run(String action, CommandOptions options, Config resolved, Configuration hadoop) {
        RegistrySettings settings = RegistrySettings.from(resolved);
        ModelRegistry registry = new ModelRegistry(settings.requireRoot("registry " + action), hadoop);
        String name = settings.name();
        String metric = new ConfigReader(resolved).string("retrain.metric");
        return JobReport.of(switch (action) {
            case "list" -> list(registry, name, metric);
            case "show" -> show(registry, name, options.version, hadoop);
            case "promote" -> {
                if (options.version == null) {
                    throw new InvalidConfigException("registry promote needs --version (registry list shows them)");
                }
                yield locked(registry, name, resolved, "registry promote " + options.version, () -> {
                    ChampionPointer p = registry.setChampion(name, RegistryNames.requireVersion(options.version,
                            "--version"), "promote", reason(options, "promoted by hand"), null);
                    return List.of("registry: champion of " + name + " is now " + p.version() + " (was "
                            + p.previous() + ")");
                });
            }
            case "rollback" -> locked(registry, name, resolved, "registry rollback", () -> {
                ChampionPointer current = registry.champion(name).orElseThrow(() -> new SeqPipeException(
                        "model " + name + " has no champion to roll back from"));
                String target = options.version != null ? RegistryNames.requireVersion(options.version, "--version")
                        : current.previous();
                if (target == null) {
                    throw new SeqPipeException("the champion " + current.version() + " of " + name + " has no "
                            + "previous champion; name one with --version");
                }
                ChampionPointer p = registry.setChampion(name, target, "rollback", reason(options, "rolled back by "
                        + "hand from " + current.version()), null);
                return List.of("registry: rolled back " + name + " from " + current.version() + " to " + p.version());
            });
            case "prune" -> locked(registry, name, resolved, "registry prune", () -> {
                int keep = options.keep != null ? options.keep : settings.keep();
                List<String> deleted = registry.prune(name, new RetentionPolicy(keep));
                return List.of("registry: pruned " + deleted.size() + " version(s) of " + name + " " + deleted
                        + ", kept the champion and the " + keep + " newest: " + registry.versions(name));
            });
            default -> throw new InvalidConfigException("unknown registry action '" + action
                    + "'; actions: list | show | promote | rollback | prune");
        });
    }

    private static List<String> list(ModelRegistry registry, String name, String metric) {
        List<String> lines = new ArrayList<>();
        String champion = registry.champion(name).map(ChampionPointer::version).orElse(null);
        List<String> versions = registry.versions(name);
        lines.add("registry: " + registry.modelPath(name) + ": " + versions.size() + " version(s), champion "
                + (champion == null ? "none" : champion));
        lines.add(String.format("  %-2s %-24s %-12s %-26s %s", "", "version", "date", "registered", metric));
        for (String v : versions) {
            ModelRegistry.VersionInfo info = registry.info(name, v);
            Double value = info.metrics().get(metric);
            lines.add(String.format("  %-2s %-24s %-12s %-26s %s", v.equals(champion) ? "*" : "", v,
                    info.info().getOrDefault("date", "-"), info.created(),
                    value == null ? "-" : String.format(java.util.Locale.ROOT, "%.4f", value)));
        }
        return lines;
    }

    private static List<String> show(ModelRegistry registry, String name, String version, Configuration hadoop) {
        String v = version != null ? RegistryNames.requireVersion(version, "--version")
                : registry.champion(name).map(ChampionPointer::version).orElseThrow(() -> new SeqPipeException(
                "model " + name + " has no champion; name a version with --version"));
        ModelRegistry.VersionInfo info = registry.info(name, v);
        List<String> lines = new ArrayList<>();
        Optional<ChampionPointer> champion = registry.champion(name);
        lines.add("registry: " + name + "/" + v + " at " + info.path()
                + (champion.isPresent() && champion.get().version().equals(v) ? " (champion)" : ""));
        new TreeMap<>(info.info()).forEach((k, val) -> lines.add("  " + k + ": " + val));
        lines.add("  metrics:");
        new TreeMap<>(info.metrics()).forEach((k, val) -> lines.add(String.format(java.util.Locale.ROOT,
                "    %-28s %.4f", k, val)));
        Path provenance = new Path(info.path(), ModelDirectory.PROVENANCE);
        if (HadoopFiles.exists(provenance, hadoop)) {
            lines.add("  provenance:");
            Map<String, Object> p = Json.readMap(provenance, hadoop);
            new TreeMap<>(p).forEach((k, val) -> {
                if (!(val instanceof Map<?, ?>) && !(val instanceof List<?>)) {
                    lines.add("    " + k + ": " + val);
                }
            });
            lines.add("    (full provenance: " + provenance + ")");
        }
        lines.add("  champion history:");
        for (ChampionPointer p : registry.championHistory(name)) {
            lines.add("    " + p.sequence() + " " + p.time() + " " + p.action() + " " + p.version() + " (was "
                    + p.previous() + "): " + p.reason());
        }
        return lines;
    }

    private static String reason(CommandOptions options, String fallback) {
        return options.reason != null ? options.reason : fallback;
    }

    private static List<String> locked(ModelRegistry registry, String name, Config resolved, String purpose,
                                       java.util.function.Supplier<List<String>> work) {
        ConfigReader r = new ConfigReader(resolved);
        try (RegistryLock lock = registry.lock(name, UUID.randomUUID().toString(), purpose,
                Duration.ofSeconds(r.integer("retrain.lock.waitSeconds")),
                Duration.ofMinutes(r.integer("retrain.lock.staleAfterMinutes")))) {
            return work.get();
        }
    }

    /**
     * The Hadoop configuration outside Spark: the cluster's {@code core-site.xml}/{@code hdfs-site.xml} from the
     * classpath ({@code HADOOP_CONF_DIR} under spark-submit) plus any {@code spark.hadoop.*} settings passed as
     * system properties, as Spark itself would apply them.
     */
    static Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("spark.hadoop."))
                .forEach(k -> conf.set(k.substring("spark.hadoop.".length()), System.getProperty(k)));
        return conf;
    }
}
