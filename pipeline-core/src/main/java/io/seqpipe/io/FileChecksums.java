package io.seqpipe.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 and size of files, recorded when an output is written and checked when it is read back, so that a truncated
 * or altered file is refused by name instead of failing deep inside a reader. A record is a map
 * {@code {"size": N, "sha256": "<hex>"}}; a directory's records are kept in one JSON file (see {@link #writeFor}).
 */
public final class FileChecksums {
    /** The version of a checksum file's layout. */
    public static final int FORMAT = 1;

    private FileChecksums() {
    }

    /** The SHA-256 of {@code bytes}, as lowercase hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record of {@code bytes}: {@code size} and {@code sha256}. */
    public static Map<String, Object> record(byte[] bytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", bytes.length);
        m.put("sha256", sha256(bytes));
        return m;
    }

    /**
     * Fails unless {@code bytes} match {@code expected} (null: nothing recorded), naming {@code file} and where the
     * record came from ({@code recordedIn}).
     *
     * @throws IllegalArgumentException "{@code <file> is corrupt: N bytes with SHA-256 H, <recordedIn> recorded M bytes
     *                                  with H'}"
     */
    public static void verify(String file, byte[] bytes, Map<?, ?> expected, String recordedIn) {
        String sha = sha256(bytes);
        if (expected == null || !sha.equals(expected.get("sha256"))) {
            throw new IllegalArgumentException(file + " is corrupt: " + bytes.length + " bytes with SHA-256 " + sha
                    + ", " + recordedIn + " recorded " + (expected == null ? "nothing"
                    : expected.get("size") + " bytes with " + expected.get("sha256")));
        }
    }

    /**
     * Records every file under {@code dir} (recursively; paths relative to {@code dir}, sorted) in
     * {@code dir/<listFile>} as {@code {"format": 1, "algorithm": "SHA-256", "files": {path: record}}}. Left out: the
     * list itself, the {@code _SUCCESS} marker and hidden files (names starting with {@code .} or {@code _}, e.g. a
     * local filesystem's {@code .crc} files).
     */
    public static void writeFor(Path dir, String listFile, Configuration conf) {
        FileSystem fs = HadoopFiles.fs(dir, conf);
        Map<String, Object> files = new TreeMap<>();
        try {
            String base = fs.getFileStatus(dir).getPath().toUri().getPath();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                Path p = it.next().getPath();
                String name = p.getName();
                if (name.startsWith(".") || name.startsWith("_")) {
                    continue;
                }
                String relative = p.toUri().getPath().substring(base.length() + 1);
                if (!relative.equals(listFile)) {
                    files.put(relative, record(HadoopFiles.readBytes(p, conf)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("algorithm", "SHA-256");
        json.put("files", files);
        Json.write(json, new Path(dir, listFile), conf);
    }
}
