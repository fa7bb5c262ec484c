package io.seqpipe.train;

import io.seqpipe.SeqPipeException;
import io.seqpipe.model.ModelBytes;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.FileChecksums;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training checkpoints on any Hadoop filesystem. Each checkpoint is a directory {@code checkpoint-e<epoch>-r<round>}
 * written through {@link AtomicOutput} (temporary sibling, {@code _SUCCESS}, rename), so it appears complete or not at
 * all:
 * <pre>
 *   network.zip       DL4J ModelSerializer with updater state: parameters, Adam moments, iteration/epoch counters
 *   best-params.bin   the best epoch's parameters so far (ND4J binary), when there is one
 *   block-model.bin, block-momentum.bin
 *                     under block-momentum averaging: the driver's model and block momentum ({@link BlockMomentum})
 *   state.json        {@link TrainingCheckpoint} plus the SHA-256 and size of each binary file
 *   _SUCCESS
 * </pre>
 * Only the newest {@code keep} complete checkpoints are kept. {@link #newestValid} never loads a checkpoint that is
 * incomplete, whose files do not match their recorded checksums, or that does not restore: it logs why and falls
 * back to the next older one.
 */
public final class CheckpointStore {
    static final String NETWORK = "network.zip";
    static final String BEST_PARAMS = "best-params.bin";
    static final String BLOCK_MODEL = "block-model.bin";
    static final String BLOCK_MOMENTUM = "block-momentum.bin";
    static final String STATE = "state.json";
    static final String PREFIX = "checkpoint-";
    private static final int FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

    /**
     * A checkpoint read back: its state, the network (with updater state; under block momentum the parameters the next
     * round starts from), the best parameters (or null) and the block-momentum model and momentum ({@link BlockMomentum};
     * null under plain averaging).
     */
    public record Restored(String name, TrainingCheckpoint state, ComputationGraph network, INDArray bestParams,
                           INDArray blockModel, INDArray blockMomentum) {
    }

    /** What {@link #newestValid} found: the checkpoint to resume from (null: none) and why others were skipped. */
    public record Lookup(Restored restored, List<String> skipped) {
    }

    private final Path dir;
    private final int keep;
    private final Configuration conf;
    private final FileSystem fs;

    public CheckpointStore(String dir, int keep, Configuration conf) {
        this.dir = HadoopFiles.qualify(dir, conf);
        this.keep = keep;
        this.conf = conf;
        this.fs = HadoopFiles.fs(this.dir, conf);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Gets the directory ready for a training run: with {@code resume}, removes only the leftovers of unfinished
     * writes; with {@code overwrite}, removes every checkpoint (a fresh start); otherwise refuses when checkpoints of an
     * earlier run exist, rather than mixing the two runs or silently discarding the earlier one's progress.
     */
    public void prepare(boolean resume, boolean overwrite) {
        if (resume) {
            deleteLeftovers();
            return;
        }
        List<String> existing = names(false);
        if (existing.isEmpty()) {
            deleteLeftovers();
            return;
        }
        if (!overwrite) {
            throw new SeqPipeException("checkpoints of an earlier training run exist in " + dir + " (" + existing.size()
                    + ", newest " + existing.get(existing.size() - 1) + "); pass --resume to continue that run or "
                    + "--overwrite to start over");
        }
        LOG.info("--overwrite: deleting {} checkpoint(s) of an earlier run in {}", existing.size(), dir);
        for (FileStatus s : list()) {
            delete(s.getPath());
        }
    }

    /**
     * Deletes every checkpoint (complete or not), and the directory when nothing else is in it: called once the
     * trained model is committed.
     */
    public void deleteAll() {
        List<FileStatus> all = list();
        for (FileStatus s : all) {
            delete(s.getPath());
        }
        deleteLeftovers();
        if (!all.isEmpty()) {
            LOG.info("deleted {} checkpoint(s) in {}: the model they led to is committed", all.size(), dir);
        }
        try {
            if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
                fs.delete(dir, false);
            }
        } catch (IOException e) {
            LOG.warn("could not delete the empty checkpoint directory {}: {}", dir, e.toString());
        }
    }

    /**
     * Writes a checkpoint atomically and deletes all but the newest {@code keep} complete ones.
     *
     * @param bestParams the best epoch's parameters, or null
     * @param block      the block-momentum state, or null (plain averaging)
     */
    public Path write(TrainingCheckpoint state, ComputationGraph network, INDArray bestParams, BlockMomentum block) {
        byte[] net = ModelBytes.of(network, true);
        byte[] best = bestParams == null ? null : arrayBytes(bestParams);
        byte[] blockModel = block == null ? null : arrayBytes(block.model());
        byte[] blockMomentum = block == null ? null : arrayBytes(block.delta());
        Path written;
        try (AtomicOutput out = AtomicOutput.begin(new Path(dir, state.name()).toString(), true, conf)) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("format", FORMAT);
            json.put("state", state.toJson());
            Map<String, Object> files = new LinkedHashMap<>();
            files.put(NETWORK, FileChecksums.record(net));
            HadoopFiles.writeBytes(new Path(out.path(), NETWORK), net, conf);
            if (best != null) {
                files.put(BEST_PARAMS, FileChecksums.record(best));
                HadoopFiles.writeBytes(new Path(out.path(), BEST_PARAMS), best, conf);
            }
            if (block != null) {
                files.put(BLOCK_MODEL, FileChecksums.record(blockModel));
                HadoopFiles.writeBytes(new Path(out.path(), BLOCK_MODEL), blockModel, conf);
                files.put(BLOCK_MOMENTUM, FileChecksums.record(blockMomentum));
                HadoopFiles.writeBytes(new Path(out.path(), BLOCK_MOMENTUM), blockMomentum, conf);
            }
            json.put("files", files);
            Json.write(json, new Path(out.path(), STATE), conf);
            written = out.commit();
        }
        prune();
        return written;
    }

    /**
     * The newest checkpoint that is complete, intact and written by a run with this {@code fingerprint}; a mid-epoch
     * checkpoint also needs {@code roundsPerEpoch} to match (the split of an epoch into rounds depends on the number of
     * workers). Checkpoints that fail a check are skipped with a warning, never loaded.
     *
     * @throws SeqPipeException when intact checkpoints exist but all were written with another configuration
     */
    public Lookup newestValid(String fingerprint, int roundsPerEpoch) {
        List<String> skipped = new ArrayList<>();
        List<String> names = names(true);
        int otherConfig = 0;
        for (int i = names.size() - 1; i >= 0; i--) {
            String name = names.get(i);
            Path cp = new Path(dir, name);
            String problem;
            try {
                if (!AtomicOutput.isComplete(cp.toString(), conf)) {
                    problem = "incomplete (no " + AtomicOutput.SUCCESS_MARKER + " marker: its write was interrupted)";
                } else {
                    Restored r = read(name, fingerprint, roundsPerEpoch);
                    return new Lookup(r, skipped);
                }
            } catch (OtherConfiguration e) {
                otherConfig++;
                problem = e.getMessage();
            } catch (RuntimeException e) {
                problem = "unreadable: " + e.getMessage();
            }
            LOG.warn("skipping checkpoint {}: {}", cp, problem);
            skipped.add(name + ": " + problem);
        }
        if (otherConfig > 0 && otherConfig == skipped.size()) {
            throw new SeqPipeException("the checkpoints in " + dir + " were written by a training run with another "
                    + "configuration (" + skipped.get(0) + "); resume with that configuration, or pass --overwrite "
                    + "instead of --resume to start over");
        }
        return new Lookup(null, skipped);
    }

    private Restored read(String name, String fingerprint, int roundsPerEpoch) {
        Path cp = new Path(dir, name);
        Map<String, Object> json = Json.readMap(new Path(cp, STATE), conf);
        if (!Integer.valueOf(FORMAT).equals(json.get("format"))) {
            throw new IllegalArgumentException("unknown checkpoint format " + json.get("format"));
        }
        @SuppressWarnings("unchecked")
        TrainingCheckpoint state = TrainingCheckpoint.fromJson((Map<String, Object>) json.get("state"));
        if (!fingerprint.equals(state.fingerprint())) {
            throw new OtherConfiguration("written with another network configuration, seed, batch size, averaging "
                    + "frequency, length-bucketing pool or training set");
        }
        if (!state.atEpochEnd() && state.roundsPerEpoch() != roundsPerEpoch) {
            throw new OtherConfiguration("a mid-epoch checkpoint of a run with " + state.roundsPerEpoch()
                    + " rounds per epoch (" + state.workers() + " workers); this run has " + roundsPerEpoch);
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> files = (Map<String, Map<String, Object>>) json.get("files");
        byte[] net = verified(cp, NETWORK, files);
        byte[] best = files.containsKey(BEST_PARAMS) ? verified(cp, BEST_PARAMS, files) : null;
        byte[] blockModel = files.containsKey(BLOCK_MODEL) ? verified(cp, BLOCK_MODEL, files) : null;
        byte[] blockMomentum = files.containsKey(BLOCK_MOMENTUM) ? verified(cp, BLOCK_MOMENTUM, files) : null;
        if ((blockModel == null) != (blockMomentum == null)) {
            throw new IllegalArgumentException("state.json lists only one of " + BLOCK_MODEL + " and "
                    + BLOCK_MOMENTUM);
        }
        ComputationGraph network;
        try {
            network = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(net), true);
        } catch (IOException e) {
            throw new UncheckedIOException("network.zip does not restore", e);
        }
        INDArray bestParams = best == null ? null : readArray(best);
        return new Restored(name, state, network, bestParams, blockModel == null ? null : readArray(blockModel),
                blockMomentum == null ? null : readArray(blockMomentum));
    }

    private byte[] verified(Path cp, String file, Map<String, Map<String, Object>> files) {
        byte[] bytes;
        try {
            bytes = HadoopFiles.readBytes(new Path(cp, file), conf);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getCause());
        }
        FileChecksums.verify(file, bytes, files.get(file), STATE);
        return bytes;
    }

    /** Names of the checkpoint directories, oldest first; complete ones only unless {@code includeIncomplete}. */
    public List<String> names(boolean includeIncomplete) {
        List<String> names = new ArrayList<>();
        for (FileStatus s : list()) {
            String name = s.getPath().getName();
            if (includeIncomplete || AtomicOutput.isComplete(s.getPath().toString(), conf)) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    private List<FileStatus> list() {
        List<FileStatus> out = new ArrayList<>();
        try {
            for (FileStatus s : fs.listStatus(dir)) {
                if (s.isDirectory() && s.getPath().getName().startsWith(PREFIX)) {
                    out.add(s);
                }
            }
        } catch (FileNotFoundException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
        }
        return out;
    }

    private void prune() {
        List<String> complete = names(false);
        for (int i = 0; i < complete.size() - keep; i++) {
            delete(new Path(dir, complete.get(i)));
        }
    }

    /** Temporary directories of checkpoint writes that a killed run never committed. */
    private void deleteLeftovers() {
        try {
            for (FileStatus s : fs.listStatus(dir)) {
                if (s.getPath().getName().startsWith("_tmp." + PREFIX)) {
                    LOG.info("deleting {}: a checkpoint write that never finished", s.getPath());
                    delete(s.getPath());
                }
            }
        } catch (FileNotFoundException e) {
            // no directory yet
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
        }
    }

    private void delete(Path p) {
        try {
            fs.delete(p, true);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", p, e.toString());
        }
    }

    private static byte[] arrayBytes(INDArray a) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Nd4j.write(a, new DataOutputStream(out));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static INDArray readArray(byte[] bytes) {
        return Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    /** A checkpoint that is intact but belongs to a run with another configuration. */
    private static final class OtherConfiguration extends RuntimeException {
        OtherConfiguration(String message) {
            super(message);
        }
    }
}
