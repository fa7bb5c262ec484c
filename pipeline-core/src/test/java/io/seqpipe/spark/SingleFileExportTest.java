package io.seqpipe.spark;

import io.seqpipe.testing.PlainCsv;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The driver-side half of single-file export (no Spark): header fields, and merging part files in order. */
class SingleFileExportTest {

    @Test
    void headerFieldsAreQuotedOnlyWhenRfc4180NeedsIt() {
        assertEquals("probability_pos", SingleFileExport.csvField("probability_pos"));
        assertEquals("\"probability_a,b\"", SingleFileExport.csvField("probability_a,b"));
        assertEquals("\"say \"\"hi\"\"\"", SingleFileExport.csvField("say \"hi\""));
        assertEquals("\"\"", SingleFileExport.csvField(""));
        assertEquals(List.of(List.of("say \"hi\"", "a,b", "")), PlainCsv.read(
                SingleFileExport.csvField("say \"hi\"") + "," + SingleFileExport.csvField("a,b") + ",\"\"\n"));
    }

    @Test
    void partFilesSortByPartitionNumberThenFileNumber() {
        List<String> names = new java.util.ArrayList<>(List.of("part-100000-u-c000.csv", "part-99999-u-c001.csv",
                "part-99999-u-c000.csv", "part-00002-u-c000.csv"));
        names.sort(SingleFileExport.PART_ORDER);
        assertEquals(List.of("part-00002-u-c000.csv", "part-99999-u-c000.csv", "part-99999-u-c001.csv",
                "part-100000-u-c000.csv"), names);
    }

    @Test
    void partsAreMergedInPartitionOrderAfterTheHeaderAndTheirFolderRemoved(@TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path parts = Files.createDirectory(dir.resolve("_parts.predictions.csv"));
        // names as Spark writes them; the checksum and marker files are not data
        Files.writeString(parts.resolve("part-00010-c3d-c000.csv"), "c,3\n");
        Files.writeString(parts.resolve("part-00002-c3d-c000.csv"), "b,2\n");
        Files.writeString(parts.resolve("part-00000-c3d-c000.csv"), "a,1\n");
        Files.writeString(parts.resolve("part-00000-c3d-c001.csv"), "a,1b\n");
        Files.writeString(parts.resolve(".part-00000-c3d-c000.csv.crc"), "xx");
        Files.writeString(parts.resolve("_SUCCESS"), "");
        SingleFileExport.merge(new Path(parts.toUri()), new Path(dir.resolve("predictions.csv").toUri()),
                "id,n\n", new Configuration());
        assertEquals("id,n\na,1\na,1b\nb,2\nc,3\n", Files.readString(dir.resolve("predictions.csv")));
        assertFalse(Files.exists(parts));
        assertEquals(List.of("predictions.csv"), Arrays.stream(dir.toFile().list())
                .filter(n -> !n.startsWith(".")).toList());
    }
}
