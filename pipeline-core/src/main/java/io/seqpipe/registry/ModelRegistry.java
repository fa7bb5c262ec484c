package io.seqpipe.registry;

import io.seqpipe.SeqPipeException;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A model registry on any Hadoop filesystem:
 * <pre>
 *   &lt;root&gt;/&lt;name&gt;/&lt;version&gt;/       a complete model directory (model.zip, vocabulary.txt, labels.txt,
 *                                 config.json, provenance.json, artifacts/) plus metrics.json (its evaluation when
 *                                 registered) and version.json (date, time, run, key metric); committed atomically
 *                                 with _SUCCESS and never changed afterwards
 *   &lt;root&gt;/&lt;name&gt;/CHAMPION/&lt;n&gt;.json   champion pointers; the highest n names the champion ({@link ChampionPointer})
 *   &lt;root&gt;/&lt;name&gt;/LOCK              held while a retrain, promotion, rollback or prune runs ({@link RegistryLock})
 *   &lt;root&gt;/&lt;name&gt;/runs/&lt;date&gt;/*.json  retrain run logs
 * </pre>
 * A version directory without {@code _SUCCESS} (or a hidden {@code _tmp.} one) is not a version: listing skips it
 * and {@code prune} deletes it. Mutations are meant to run under the name's lock ({@link #lock}).
 */
public final class ModelRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final Path root;
    private final Configuration hadoop;
    private final FileSystem fs;

    public ModelRegistry(String root, Configuration hadoop) {
        if (root == null || root.isBlank()) {
            throw new io.seqpipe.config.InvalidConfigException("registry.root must be set (e.g. "
                    + "--set registry.root=hdfs:///seqpipe/registry) to use the model registry");
        }
        this.root = HadoopFiles.qualify(root, hadoop);
        this.hadoop = hadoop;
        this.fs = HadoopFiles.fs(this.root, hadoop);
    }

    /** A version's registry entry: where it is, when it was registered, and its evaluation at registration. */
    public record VersionInfo(String name, String version, Path path, Map<String, Object> info,
                              Map<String, Double> metrics) {
        public String created() {
            return String.valueOf(info.getOrDefault("created", "?"));
        }
    }

    public Path root() {
        return root;
    }

    public Path modelPath(String name) {
        return new Path(root, RegistryNames.requireModelName(name, "registry.name"));
    }

    public Path versionPath(String name, String version) {
        return new Path(modelPath(name), RegistryNames.requireVersion(version, "version"));
    }

    public Path runsPath(String name) {
        return new Path(modelPath(name), RegistryNames.RUNS);
    }

    /** Takes the lock of {@code name}; see {@link RegistryLock#acquire}. */
    public RegistryLock lock(String name, String runId, String purpose, java.time.Duration wait,
                             java.time.Duration staleAfter) {
        mkdirs(modelPath(name));
        return RegistryLock.acquire(fs, new Path(modelPath(name), RegistryNames.LOCK), runId, purpose, wait,
                staleAfter);
    }

    /** The committed versions of {@code name}, sorted by name (date order for retrain's versions). */
    public List<String> versions(String name) {
        List<String> versions = new ArrayList<>();
        for (FileStatus s : list(modelPath(name))) {
            String v = s.getPath().getName();
            if (s.isDirectory() && RegistryNames.isVersion(v)
                    && HadoopFiles.exists(new Path(s.getPath(), AtomicOutput.SUCCESS_MARKER), hadoop)) {
                versions.add(v);
            }
        }
        versions.sort(null);
        return versions;
    }

    public boolean hasVersion(String name, String version) {
        return AtomicOutput.isComplete(versionPath(name, version).toString(), hadoop);
    }

    public VersionInfo info(String name, String version) {
        Path dir = AtomicOutput.requireComplete(versionPath(name, version).toString(), hadoop,
                "registry version " + name + "/" + version + " at");
        Path infoFile = new Path(dir, RegistryNames.VERSION_JSON);
        Map<String, Object> info = HadoopFiles.exists(infoFile, hadoop) ? Json.readMap(infoFile, hadoop) : Map.of();
        Path metricsFile = new Path(dir, RegistryNames.METRICS_JSON);
        Map<String, Double> metrics = HadoopFiles.exists(metricsFile, hadoop) ? readMetrics(metricsFile, hadoop)
                : Map.of();
        return new VersionInfo(name, version, dir, info, metrics);
    }

    /**
     * Registers a trained model as {@code name/version}: copies the model directory's files, the task's
     * {@code metrics.json} and {@code version.json} into a hidden temporary directory, then commits it in one rename.
     *
     * @throws SeqPipeException if the version exists (versions are immutable)
     */
    public Path register(String name, String version, String modelDir, String metricsJson,
                         Map<String, Object> versionInfo) {
        Path model = AtomicOutput.requireComplete(modelDir, hadoop, "model directory");
        Path target = versionPath(name, version);
        if (HadoopFiles.exists(target, hadoop)) {
            throw new SeqPipeException("registry version " + target + " already exists; versions are immutable");
        }
        try (AtomicOutput out = AtomicOutput.begin(target.toString(), false, hadoop)) {
            FileSystem src = HadoopFiles.fs(model, hadoop);
            for (FileStatus s : src.listStatus(model)) {
                if (!s.getPath().getName().equals(AtomicOutput.SUCCESS_MARKER)) {
                    FileUtil.copy(src, s.getPath(), fs, new Path(out.path(), s.getPath().getName()), false, hadoop);
                }
            }
            Path metrics = HadoopFiles.qualify(metricsJson, hadoop);
            FileUtil.copy(HadoopFiles.fs(metrics, hadoop), metrics, fs,
                    new Path(out.path(), RegistryNames.METRICS_JSON), false, hadoop);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("name", name);
            info.put("version", version);
            info.put("created", Instant.now().toString());
            info.put("sourceModel", model.toString());
            info.putAll(versionInfo);
            Json.write(info, new Path(out.path(), RegistryNames.VERSION_JSON), hadoop);
            return out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register " + name + "/" + version, e);
        }
    }

    /** The current champion pointer of {@code name}, if it has one. */
    public Optional<ChampionPointer> champion(String name) {
        Path dir = new Path(modelPath(name), RegistryNames.CHAMPION);
        List<String> names = list(dir).stream().map(s -> s.getPath().getName()).toList();
        long latest = ChampionPointer.latestSequence(names);
        if (latest == 0) {
            return Optional.empty();
        }
        return Optional.of(readPointer(new Path(dir, ChampionPointer.fileName(latest))));
    }

    /** Every champion pointer of {@code name}, oldest first (the promotion history). */
    public List<ChampionPointer> championHistory(String name) {
        Path dir = new Path(modelPath(name), RegistryNames.CHAMPION);
        List<ChampionPointer> pointers = new ArrayList<>();
        for (FileStatus s : list(dir)) {
            if (ChampionPointer.sequenceOf(s.getPath().getName()).isPresent()) {
                pointers.add(readPointer(s.getPath()));
            }
        }
        pointers.sort(java.util.Comparator.comparingLong(ChampionPointer::sequence));
        return pointers;
    }

    private ChampionPointer readPointer(Path file) {
        try {
            return ChampionPointer.fromJson(Json.readMap(file, hadoop));
        } catch (RuntimeException e) {
            throw new SeqPipeException("champion pointer " + file + " is not readable: " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code version} the champion of {@code name} by writing the next pointer file (temporary file, then a
     * rename to a name that does not exist yet: atomic; fails rather than overwrite if another writer got there).
     */
    public ChampionPointer setChampion(String name, String version, String action, String reason, String runId) {
        if (!hasVersion(name, version)) {
            throw new SeqPipeException("registry version " + versionPath(name, version) + " does not exist or is "
                    + "incomplete; `seqpipe registry list` shows the versions");
        }
        Path dir = new Path(modelPath(name), RegistryNames.CHAMPION);
        mkdirs(dir);
        Optional<ChampionPointer> current = champion(name);
        long next = ChampionPointer.latestSequence(list(dir).stream().map(s -> s.getPath().getName()).toList()) + 1;
        ChampionPointer pointer = new ChampionPointer(next, version, current.map(ChampionPointer::version)
                .orElse(null), action, reason, Instant.now().toString(), runId);
        Path temp = new Path(dir, "_tmp." + UUID.randomUUID() + ".json");
        Path target = new Path(dir, ChampionPointer.fileName(next));
        Json.write(pointer.toJson(), temp, hadoop);
        try {
            if (fs.exists(target) || !fs.rename(temp, target)) {
                fs.delete(temp, false);
                throw new SeqPipeException("champion pointer " + target + " was written by another run at the same "
                        + "time; the champion is unchanged by this run (see `seqpipe registry show`)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the champion pointer " + target, e);
        }
        LOG.info("champion of {} is now {} ({}: {})", name, version, action, reason);
        return pointer;
    }

    /** The model directory a reference names: the version, or the champion's. */
    public Path resolve(ModelReference ref) {
        if (ref.isChampion()) {
            ChampionPointer champion = champion(ref.name()).orElseThrow(() -> new SeqPipeException(
                    "model " + ref + " has no champion in the registry " + modelPath(ref.name())
                            + " (no version was promoted yet; run retrain or `seqpipe registry promote`)"));
            return AtomicOutput.requireComplete(versionPath(ref.name(), champion.version()).toString(), hadoop,
                    "champion " + champion.version() + " of " + ref + " at");
        }
        return AtomicOutput.requireComplete(versionPath(ref.name(), ref.version()).toString(), hadoop,
                "registry version " + ref + " at");
    }

    /**
     * Deletes the versions {@code policy} selects, never the champion, and leftover temporary directories of
     * registrations that did not finish. Run under the lock.
     *
     * @return the deleted versions
     */
    public List<String> prune(String name, RetentionPolicy policy) {
        Set<String> keep = champion(name).map(c -> Set.of(c.version())).orElse(Set.of());
        List<String> delete = policy.toDelete(versions(name), keep);
        try {
            for (String v : delete) {
                fs.delete(versionPath(name, v), true);
                LOG.info("pruned {}/{}", name, v);
            }
            for (FileStatus s : list(modelPath(name))) {
                String n = s.getPath().getName();
                boolean unfinished = n.startsWith("_tmp.") || (s.isDirectory() && RegistryNames.isVersion(n)
                        && !HadoopFiles.exists(new Path(s.getPath(), AtomicOutput.SUCCESS_MARKER), hadoop));
                if (unfinished) {
                    fs.delete(s.getPath(), true);
                    LOG.info("deleted the unfinished registration {}", s.getPath());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune " + modelPath(name), e);
        }
        return delete;
    }

    /** The flat {@code metrics} map of a task's metrics.json (NaN and infinities may be written as strings). */
    public static Map<String, Double> readMetrics(Path metricsJson, Configuration hadoop) {
        Object metrics = Json.readMap(metricsJson, hadoop).get("metrics");
        if (!(metrics instanceof Map<?, ?> map)) {
            throw new SeqPipeException(metricsJson + " has no \"metrics\" object; was it written by seqpipe evaluate?");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Number n) {
                out.put(String.valueOf(e.getKey()), n.doubleValue());
            } else if (v instanceof String s) {
                try {
                    out.put(String.valueOf(e.getKey()), Double.parseDouble(s));
                } catch (NumberFormatException ignored) {
                    // a non-numeric entry is not a metric
                }
            }
        }
        return out;
    }

    private List<FileStatus> list(Path dir) {
        try {
            return List.of(fs.listStatus(dir));
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private void mkdirs(Path dir) {
        try {
            fs.mkdirs(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
