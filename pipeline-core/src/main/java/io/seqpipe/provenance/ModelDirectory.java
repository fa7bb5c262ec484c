package io.seqpipe.provenance;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import io.seqpipe.SeqPipeException;
import io.seqpipe.config.Secrets;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.FileChecksums;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.Vocabulary;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A self-describing model directory, written atomically:
 * <pre>
 *   model.zip          DL4J ModelSerializer: configuration, weights, updater state
 *   vocabulary.txt     one token per line, line number = id (0 = &lt;pad&gt;, 1 = &lt;unk&gt;)
 *   labels.txt         one label per line, line number = class index
 *   config.json        the resolved configuration the model was trained with (tokenizer and sequence settings
 *                      are read back from here at evaluate and score time), secrets masked
 *   provenance.json    see {@link Provenance}; secrets masked
 *   config.resolved.conf  the same config as sorted HOCON lines, secrets masked (what every step's output holds)
 *   artifacts/NAME     further text files a task needs to read its inputs as at training time (e.g. a tagger's
 *                      affix vocabularies), one entry per line
 *   members/model-I.zip  an ensemble's further members I = 1..N-1, as model.zip (which holds member 0); absent for
 *                      a single network
 *   checksums.json     SHA-256 and size of every file above ({@link FileChecksums#writeFor})
 *   _SUCCESS           written last; a directory without it is not a model
 * </pre>
 * {@link #load} checks that the directory belongs to the caller's task and that every file matches its recorded
 * checksum, and fails naming the directory and the file otherwise. A directory without {@code checksums.json} (written
 * before checksums were recorded) is read unverified, with a warning.
 */
public final class ModelDirectory {
    public static final String WEIGHTS = "model.zip";
    public static final String VOCABULARY = "vocabulary.txt";
    public static final String LABELS = "labels.txt";
    public static final String CONFIG = "config.json";
    public static final String PROVENANCE = "provenance.json";
    public static final String CHECKSUMS = "checksums.json";
    private static final Logger LOG = LoggerFactory.getLogger(ModelDirectory.class);

    /** A model read back from its directory. */
    public record Loaded(Path path, byte[] weights, Vocabulary vocabulary, LabelIndex labels, Config config) {
        /** The lines of artifact {@code name} (as saved), or a clear error if the model has none of that name. */
        public List<String> artifact(String name, Configuration hadoop) {
            Path file = new Path(new Path(path, ARTIFACTS), name);
            if (!HadoopFiles.exists(file, hadoop)) {
                throw new SeqPipeException("model directory " + path + " has no artifact " + name
                        + " (was it trained by another task or version?)");
            }
            return HadoopFiles.readLines(file, hadoop);
        }

        /**
         * The weights of every ensemble member in member order: {@link #weights} (member 0), then
         * {@code members/model-1.zip}, ... ; just {@link #weights} for a single network.
         */
        public List<byte[]> members(Configuration hadoop) {
            List<byte[]> all = new ArrayList<>(List.of(weights));
            for (int i = 1; HadoopFiles.exists(memberPath(path, i), hadoop); i++) {
                all.add(HadoopFiles.readBytes(memberPath(path, i), hadoop));
            }
            return all;
        }

        /** How errors name member {@code i} of {@link #members}: the directory for member 0, else with its index. */
        public String memberName(int i) {
            return i == 0 ? path.toString() : path + " member " + i;
        }
    }

    /** The folder of task-specific text artifacts. */
    public static final String ARTIFACTS = "artifacts";
    /** The folder of an ensemble's members after the first. */
    public static final String MEMBERS = "members";

    /** Where ensemble member {@code i >= 1} of the model directory {@code dir} is saved. */
    static Path memberPath(Path dir, int i) {
        return new Path(new Path(dir, MEMBERS), "model-" + i + ".zip");
    }

    private ModelDirectory() {
    }

    public static Path save(String target, boolean overwrite, byte[] weights, Vocabulary vocabulary, LabelIndex labels,
                            Config config, Provenance provenance, Configuration hadoop) {
        return save(target, overwrite, weights, vocabulary, labels, config, provenance, Map.of(), hadoop);
    }

    /** Saves a model with task-specific text artifacts ({@code name → lines}, written under {@code artifacts/}). */
    public static Path save(String target, boolean overwrite, byte[] weights, Vocabulary vocabulary, LabelIndex labels,
                            Config config, Provenance provenance, Map<String, List<String>> artifacts,
                            Configuration hadoop) {
        return save(target, overwrite, List.of(weights), vocabulary, labels, config, provenance, artifacts, hadoop);
    }

    /**
     * Saves an ensemble: {@code members.get(0)} as {@value #WEIGHTS}, every further member {@code i} as
     * {@code members/model-i.zip} (one member: the same directory as a single network's).
     */
    public static Path save(String target, boolean overwrite, List<byte[]> members, Vocabulary vocabulary,
                            LabelIndex labels, Config config, Provenance provenance,
                            Map<String, List<String>> artifacts, Configuration hadoop) {
        byte[] weights = members.get(0);
        try (AtomicOutput out = AtomicOutput.begin(target, overwrite, hadoop)) {
            Path dir = out.path();
            out.writeResolvedConfig(config);
            HadoopFiles.writeBytes(new Path(dir, WEIGHTS), weights, hadoop);
            HadoopFiles.writeLines(new Path(dir, VOCABULARY), vocabulary.toLines(), hadoop);
            HadoopFiles.writeLines(new Path(dir, LABELS), labels.labels(), hadoop);
            HadoopFiles.writeString(new Path(dir, CONFIG), Secrets.masked(config).root().render(
                    ConfigRenderOptions.concise().setFormatted(true).setJson(true)) + "\n", hadoop);
            Json.write(provenance.masked(), new Path(dir, PROVENANCE), hadoop);
            for (Map.Entry<String, List<String>> a : artifacts.entrySet()) {
                HadoopFiles.writeLines(new Path(new Path(dir, ARTIFACTS), a.getKey()), a.getValue(), hadoop);
            }
            for (int i = 1; i < members.size(); i++) {
                HadoopFiles.writeBytes(memberPath(dir, i), members.get(i), hadoop);
            }
            FileChecksums.writeFor(dir, CHECKSUMS, hadoop);
            return out.commit();
        }
    }

    /**
     * Reads the model directory at {@code path} for a job of {@code task}. Its {@code config} is the one the model
     * was trained with; a key SeqPipe added since (absent from {@value #CONFIG}) takes today's default of the task.
     *
     * @throws SeqPipeException if the directory is incomplete, a file does not match its checksum or cannot be read,
     *                          or the model was trained for another task ("model at X is a ner model; this config's
     *                          task is sentiment")
     */
    public static Loaded load(String path, String task, Configuration hadoop) {
        Path dir = AtomicOutput.requireComplete(path, hadoop, "model directory");
        byte[] weights = verifiedFiles(dir, hadoop);
        try {
            Config config = ConfigFactory.parseString(HadoopFiles.readString(new Path(dir, CONFIG), hadoop));
            String trainedFor = taskOf(dir, config, hadoop);
            if (!task.equals(trainedFor)) {
                throw new SeqPipeException("model at " + dir + " is a " + trainedFor + " model; this config's task is "
                        + task);
            }
            // a key SeqPipe added after the model was trained takes today's default of the task
            config = config.withFallback(ConfigFactory.parseResources(ModelDirectory.class,
                    "/io/seqpipe/tasks/" + trainedFor + ".defaults.conf")).resolve();
            if (weights == null) {
                weights = HadoopFiles.readBytes(new Path(dir, WEIGHTS), hadoop);
            }
            Vocabulary vocabulary = Vocabulary.fromLines(HadoopFiles.readLines(new Path(dir, VOCABULARY), hadoop));
            List<String> labelLines = HadoopFiles.readLines(new Path(dir, LABELS), hadoop);
            LabelIndex labels = new LabelIndex(labelLines);
            return new Loaded(dir, weights, vocabulary, labels, config);
        } catch (SeqPipeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SeqPipeException("model directory " + dir + " is not readable: " + e.getMessage(), e);
        }
    }

    /** The task a model was trained for: config.json's {@code task}, else provenance.json's. */
    private static String taskOf(Path dir, Config config, Configuration hadoop) {
        if (config.hasPath("task")) {
            return config.getString("task");
        }
        Path provenance = new Path(dir, PROVENANCE);
        Object task = HadoopFiles.exists(provenance, hadoop) ? Json.readMap(provenance, hadoop).get("task") : null;
        if (task == null) {
            throw new SeqPipeException("model directory " + dir + " names no task (no 'task' in " + CONFIG + " or "
                    + PROVENANCE + ")");
        }
        return task.toString();
    }

    /**
     * Checks every file listed in {@code checksums.json} against its record; returns the weights' bytes read for it
     * (null when the directory has no checksums: written before they were recorded, read unverified).
     */
    private static byte[] verifiedFiles(Path dir, Configuration hadoop) {
        Path list = new Path(dir, CHECKSUMS);
        if (!HadoopFiles.exists(list, hadoop)) {
            LOG.warn("model directory {} has no {} (written by an older SeqPipe): its files are read unverified", dir,
                    CHECKSUMS);
            return null;
        }
        Map<String, Object> files;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> listed = (Map<String, Object>) Json.readMap(list, hadoop).get("files");
            files = listed;
        } catch (RuntimeException e) {
            throw new SeqPipeException("model directory " + dir + " is damaged: " + CHECKSUMS + " is not readable: "
                    + e.getMessage(), e);
        }
        if (files == null || !files.containsKey(WEIGHTS)) {
            throw new SeqPipeException("model directory " + dir + " is damaged: " + CHECKSUMS + " lists no " + WEIGHTS);
        }
        byte[] weights = null;
        for (Map.Entry<String, Object> f : files.entrySet()) {
            Path file = new Path(dir, f.getKey());
            if (!HadoopFiles.exists(file, hadoop)) {
                throw new SeqPipeException("model directory " + dir + " is damaged: " + f.getKey() + " is missing ("
                        + CHECKSUMS + " lists it)");
            }
            byte[] bytes;
            try {
                bytes = HadoopFiles.readBytes(file, hadoop);
                FileChecksums.verify(f.getKey(), bytes, (Map<?, ?>) f.getValue(), CHECKSUMS);
            } catch (RuntimeException e) {
                throw new SeqPipeException("model directory " + dir + " is damaged: " + e.getMessage(), e);
            }
            if (f.getKey().equals(WEIGHTS)) {
                weights = bytes;
            }
        }
        return weights;
    }
}
