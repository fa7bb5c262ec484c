package io.seqpipe.io;

import io.seqpipe.SeqPipeException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Small helpers over any Hadoop filesystem ({@code hdfs://}, {@code file://}, plain local paths). A plain path is
 * resolved against the default filesystem, as everywhere in Hadoop.
 */
public final class HadoopFiles {
    private static final Logger LOG = LoggerFactory.getLogger(HadoopFiles.class);

    private HadoopFiles() {
    }

    public static Path qualify(String path, Configuration conf) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(conf).makeQualified(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve path " + path, e);
        }
    }

    public static FileSystem fs(Path path, Configuration conf) {
        try {
            return path.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open filesystem of " + path, e);
        }
    }

    public static boolean exists(Path path, Configuration conf) {
        try {
            return fs(path, conf).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The data files a path names: itself if it is a file, the visible files inside it if a directory (names starting
     * with {@code _} or {@code .} are skipped, as Hadoop's FileInputFormat skips them), or the glob's visible matches
     * (a matched directory gives its visible files); sorted by path. A directory that looks like another job's uncommitted output ({@link #looksUncommitted}) is warned
     * about or refused, as {@link IncompleteInputPolicy#of} says. A file whose name gives no compression codec but
     * whose data is gzip is refused (compressed files are read through the codec their extension names: .gz, .bz2,
     * .deflate, ...).
     *
     * @throws SeqPipeException naming {@code what} when nothing matches, or for a refused directory or file
     */
    public static List<Path> inputFiles(String path, Configuration conf, String what) {
        Path p = new Path(path);
        FileSystem fs = fs(p, conf);
        List<Path> files = new ArrayList<>();
        try {
            FileStatus[] matches = fs.globStatus(p);
            if (matches != null) {
                for (FileStatus m : matches) {
                    if (m.isDirectory()) {
                        FileStatus[] children = fs.listStatus(m.getPath());
                        checkCommitted(m.getPath(), children, conf, what);
                        for (FileStatus child : children) {
                            if (child.isFile() && !isHidden(child.getPath())) {
                                files.add(child.getPath());
                            }
                        }
                    } else if (m.getPath().getName().equals(p.getName()) || !isHidden(m.getPath())) {
                        files.add(m.getPath()); // a file named as such is read; a glob skips hidden names
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
        if (files.isEmpty()) {
            throw new SeqPipeException(what + " " + path + " does not exist or has no files (resolved against "
                    + fs.getUri() + ")");
        }
        files.sort(null);
        CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
        for (Path file : files) {
            if (codecs.getCodec(file) == null && startsWithGzipMagic(file, conf)) {
                throw new SeqPipeException(what + " " + path + ": " + file + " holds gzip-compressed data but its name"
                        + " does not end in .gz; rename it to end in .gz (compressed inputs are decompressed by their"
                        + " extension) or decompress it");
            }
        }
        return files;
    }

    /** Whether a file's name starts with {@code _} or {@code .}: job markers, checksums, temporary files. */
    public static boolean isHidden(Path file) {
        String name = file.getName();
        return name.startsWith("_") || name.startsWith(".");
    }

    /**
     * Whether a directory's listing looks like a Hadoop/Spark job's output that was never committed: it has part files
     * ({@code part-*}) or a {@code _temporary} folder, and no {@code _SUCCESS} marker.
     */
    public static boolean looksUncommitted(FileStatus[] children) {
        boolean success = false;
        boolean jobOutput = false;
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (name.equals(AtomicOutput.SUCCESS_MARKER)) {
                success = true;
            } else if (name.equals("_temporary") || name.startsWith("part-")) {
                jobOutput = true;
            }
        }
        return jobOutput && !success;
    }

    private static void checkCommitted(Path dir, FileStatus[] children, Configuration conf, String what) {
        if (!looksUncommitted(children)) {
            return;
        }
        String message = what + " " + dir + " looks like another job's uncommitted output (part files or _temporary/,"
                + " no " + AtomicOutput.SUCCESS_MARKER + "): that job may still be running or have failed, and its"
                + " rows may be incomplete";
        if (IncompleteInputPolicy.of(conf) == IncompleteInputPolicy.FAIL) {
            throw new SeqPipeException(message + "; wait for it to commit, or set " + IncompleteInputPolicy.KEY
                    + "=warn to read it anyway");
        }
        LOG.warn("{}; reading its visible files anyway (set {}=fail to refuse such input)", message,
                IncompleteInputPolicy.KEY);
    }

    private static boolean startsWithGzipMagic(Path file, Configuration conf) {
        try (InputStream in = fs(file, conf).open(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Opens a file for reading, decompressed through the codec its extension names (.gz, .bz2, ...), if any. */
    public static InputStream openDecompressed(Path file, Configuration conf) throws IOException {
        InputStream raw = fs(file, conf).open(file);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
        if (codec == null) {
            return raw;
        }
        try {
            return codec.createInputStream(raw);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * The first line of a file as raw bytes (without the line end), or an empty array for an empty file; a compressed
     * file (by extension) is decompressed first.
     */
    public static byte[] firstLineBytes(Path file, Configuration conf) {
        try (var in = new java.io.BufferedInputStream(openDecompressed(file, conf))) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                out.write(b);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static List<String> readLines(Path file, Configuration conf) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs(file, conf).open(file),
                StandardCharsets.UTF_8))) {
            return new ArrayList<>(r.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static String readString(Path file, Configuration conf) {
        return String.join("\n", readLines(file, conf));
    }

    public static void writeLines(Path file, List<String> lines, Configuration conf) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        writeString(file, sb.toString(), conf);
    }

    public static void writeString(Path file, String content, Configuration conf) {
        writeBytes(file, content.getBytes(StandardCharsets.UTF_8), conf);
    }

    public static void writeBytes(Path file, byte[] content, Configuration conf) {
        try (FSDataOutputStream out = fs(file, conf).create(file, true)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static byte[] readBytes(Path file, Configuration conf) {
        try (var in = fs(file, conf).open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static String describe(List<Path> files) {
        return files.size() == 1 ? files.get(0).toString() : files.size() + " files " + Arrays.toString(
                files.stream().limit(3).map(Path::getName).toArray()) + (files.size() > 3 ? "..." : "");
    }
}
