package io.seqpipe.io;

import io.seqpipe.SeqPipeException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which files {@link HadoopFiles#inputFiles} reads, on the local filesystem. */
class HadoopFilesInputTest {
    @TempDir
    java.nio.file.Path dir;

    private final Configuration conf = new Configuration();

    @Test
    void hiddenAndUnderscoreNamesAreSkippedInDirectoriesAndGlobs() throws IOException {
        for (String name : List.of("a.tsv", "b.tsv", "_SUCCESS", ".a.tsv.crc", "_tmp.x")) {
            Files.writeString(dir.resolve(name), "x\n");
        }
        assertEquals(List.of("a.tsv", "b.tsv"), names(HadoopFiles.inputFiles(dir.toString(), conf, "paths.train")));
        assertEquals(List.of("a.tsv", "b.tsv"), names(HadoopFiles.inputFiles(dir + "/*", conf, "paths.train")));
        // a file named as such is read, whatever its name
        assertEquals(List.of("_tmp.x"), names(HadoopFiles.inputFiles(dir + "/_tmp.x", conf, "paths.train")));
    }

    @Test
    void uncommittedJobOutputIsReadByDefaultAndRefusedWhenSetToFail() throws IOException {
        Files.writeString(dir.resolve("part-00000"), "x\n");
        Files.createDirectories(dir.resolve("_temporary/0"));
        Files.writeString(dir.resolve("_temporary/0/part-00001"), "y\n");
        assertEquals(List.of("part-00000"), names(HadoopFiles.inputFiles(dir.toString(), conf, "paths.train")));
        IncompleteInputPolicy.FAIL.applyTo(conf);
        SeqPipeException e = assertThrows(SeqPipeException.class,
                () -> HadoopFiles.inputFiles(dir.toString(), conf, "paths.train"));
        assertTrue(e.getMessage().contains("looks like another job's uncommitted output"), e.getMessage());
        // once committed, it is read without a word
        Files.writeString(dir.resolve("_SUCCESS"), "");
        assertEquals(List.of("part-00000"), names(HadoopFiles.inputFiles(dir.toString(), conf, "paths.train")));
    }

    @Test
    void gzipIsDecompressedByExtensionAndRefusedUnderAnotherName() throws IOException {
        byte[] gz = gzip("sentence\tlabel\nfine .\tpos\n");
        Files.write(dir.resolve("t.tsv.gz"), gz);
        assertArrayEquals("sentence\tlabel".getBytes(StandardCharsets.UTF_8),
                HadoopFiles.firstLineBytes(new Path(dir.resolve("t.tsv.gz").toString()), conf));
        Files.write(dir.resolve("t.tsv"), gz);
        SeqPipeException e = assertThrows(SeqPipeException.class,
                () -> HadoopFiles.inputFiles(dir.resolve("t.tsv").toString(), conf, "paths.train"));
        assertTrue(e.getMessage().endsWith("t.tsv holds gzip-compressed data but its name does not end in .gz; "
                + "rename it to end in .gz (compressed inputs are decompressed by their extension) or decompress it"),
                e.getMessage());
    }

    @Test
    void theIncompleteOutputKeyTakesWarnOrFail() {
        assertEquals(IncompleteInputPolicy.WARN, IncompleteInputPolicy.of(new Configuration()));
        assertEquals(IncompleteInputPolicy.FAIL, IncompleteInputPolicy.from(com.typesafe.config.ConfigFactory
                .parseString("input.incompleteOutput = FAIL")));
        Exception e = assertThrows(io.seqpipe.config.InvalidConfigException.class, () -> IncompleteInputPolicy.from(
                com.typesafe.config.ConfigFactory.parseString("input.incompleteOutput = error")));
        assertEquals("input.incompleteOutput must be warn or fail, got 'error'", e.getMessage());
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(Path::getName).toList();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
