package io.seqpipe.io;

import com.typesafe.config.Config;
import io.seqpipe.SeqPipeException;
import io.seqpipe.config.ConfigLayering;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An output directory that appears complete or not at all. Everything is written under a hidden sibling
 * {@code _tmp.<name>.<uuid>} (Hadoop and Spark readers skip names starting with {@code _}); {@link #commit()} writes a
 * {@code _SUCCESS} marker into it and renames it to the target. Closing without a commit deletes the temporary
 * directory, so a failed job leaves nothing a reader would take as good.
 *
 * <p>An existing target is refused unless {@code overwrite} is set; then it is moved aside, replaced by the new
 * output, and deleted only after the replacement is in place.
 */
public final class AtomicOutput implements AutoCloseable {
    public static final String SUCCESS_MARKER = "_SUCCESS";
    private static final Logger LOG = LoggerFactory.getLogger(AtomicOutput.class);

    private final FileSystem fs;
    private final Path target;
    private final Path temp;
    private final boolean overwrite;
    private boolean committed;

    private AtomicOutput(FileSystem fs, Path target, Path temp, boolean overwrite) {
        this.fs = fs;
        this.target = target;
        this.temp = temp;
        this.overwrite = overwrite;
    }

    /**
     * Starts an output at {@code target}.
     *
     * @throws SeqPipeException if the target exists and {@code overwrite} is false
     */
    public static AtomicOutput begin(String target, boolean overwrite, Configuration conf) {
        Path t = checkWritable(target, overwrite, conf);
        FileSystem fs = HadoopFiles.fs(t, conf);
        try {
            Path parent = t.getParent();
            if (parent != null) {
                fs.mkdirs(parent);
                warnAboutLeftovers(fs, parent, t.getName());
            }
            Path temp = new Path(parent, "_tmp." + t.getName() + "." + UUID.randomUUID());
            fs.mkdirs(temp);
            return new AtomicOutput(fs, t, temp, overwrite);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output " + t, e);
        }
    }

    /**
     * Fails now, before any work, if a job could not write {@code target}: it exists (complete or not) and
     * {@code overwrite} is false. Returns the qualified target.
     */
    public static Path checkWritable(String target, boolean overwrite, Configuration conf) {
        Path t = HadoopFiles.qualify(target, conf);
        if (!overwrite && HadoopFiles.exists(t, conf)) {
            throw new SeqPipeException("output " + t + " already exists; remove it or pass --overwrite to replace it");
        }
        return t;
    }

    /** Temporary directories of earlier jobs for the same target that were killed before they could clean up. */
    private static void warnAboutLeftovers(FileSystem fs, Path parent, String name) throws IOException {
        FileStatus[] left = fs.globStatus(new Path(parent, "_tmp." + name + ".*"));
        if (left != null && left.length > 0) {
            LOG.warn("{} temporary output(s) of earlier unfinished jobs lie beside {} (e.g. {}); no reader takes them "
                    + "for output, and they can be deleted when no job is writing {}", left.length, name,
                    left[0].getPath(), name);
        }
    }

    /** Whether {@code dir} is a committed output (has its {@code _SUCCESS} marker). */
    public static boolean isComplete(String dir, Configuration conf) {
        Path d = HadoopFiles.qualify(dir, conf);
        return HadoopFiles.exists(new Path(d, SUCCESS_MARKER), conf);
    }

    /** Fails unless {@code dir} is a committed output; {@code what} names it in the message. */
    public static Path requireComplete(String dir, Configuration conf, String what) {
        Path d = HadoopFiles.qualify(dir, conf);
        if (!HadoopFiles.exists(d, conf)) {
            throw new SeqPipeException(what + " " + d + " does not exist");
        }
        if (!isComplete(dir, conf)) {
            throw new SeqPipeException(what + " " + d + " is incomplete (no " + SUCCESS_MARKER
                    + " marker): the job that wrote it did not finish; run it again");
        }
        return d;
    }

    /** The temporary directory to write into. */
    public Path path() {
        return temp;
    }

    /** A path inside the temporary directory, as a string for Spark writers. */
    public String child(String name) {
        return new Path(temp, name).toString();
    }

    public Path target() {
        return target;
    }

    /**
     * Writes the resolved config that made this output into it, as {@link ConfigLayering#RESOLVED_FILE} (secrets
     * masked), so that every step's output says how it was made.
     */
    public void writeResolvedConfig(Config resolved) {
        try (FSDataOutputStream out = fs.create(new Path(temp, ConfigLayering.RESOLVED_FILE), true)) {
            out.write(ConfigLayering.resolvedFile(resolved).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the resolved config into " + temp, e);
        }
    }

    public Path commit() {
        try {
            fs.create(new Path(temp, SUCCESS_MARKER), true).close();
            Path aside = null;
            if (fs.exists(target)) {
                if (!overwrite) {
                    throw new SeqPipeException("output " + target + " appeared while the job ran; not replacing it");
                }
                aside = new Path(target.getParent(), "_old." + target.getName() + "." + UUID.randomUUID());
                if (!fs.rename(target, aside)) {
                    throw new IOException("could not move " + target + " aside");
                }
            }
            if (!fs.rename(temp, target)) {
                if (aside != null) {
                    fs.rename(aside, target);
                }
                throw new IOException("could not rename " + temp + " to " + target);
            }
            committed = true;
            if (aside != null) {
                fs.delete(aside, true);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit output " + target, e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                fs.delete(temp, true);
            } catch (IOException e) {
                LOG.warn("could not delete the temporary output {}: {}", temp, e.toString());
            }
        }
    }
}
