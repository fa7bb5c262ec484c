package io.seqpipe.io;

import io.seqpipe.SeqPipeException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicOutputTest {
    final Configuration conf = new Configuration();

    @Test
    void committedOutputAppearsWithItsSuccessMarkerAndNoTemporaryDirectory(@TempDir File dir) throws Exception {
        String target = new File(dir, "model").getPath();
        try (AtomicOutput out = AtomicOutput.begin(target, false, conf)) {
            HadoopFiles.writeString(new Path(out.path(), "weights.bin"), "w", conf);
            assertFalse(new File(target).exists(), "nothing at the target before the commit");
            out.commit();
        }
        assertEquals("w", Files.readString(new File(target, "weights.bin").toPath()).strip());
        assertTrue(AtomicOutput.isComplete(target, conf));
        assertEquals(1, dir.list().length, "only the target is left: " + Arrays.toString(dir.list()));
    }

    @Test
    void failedJobLeavesNothingBehind(@TempDir File dir) {
        String target = new File(dir, "metrics").getPath();
        assertThrows(IllegalStateException.class, () -> {
            try (AtomicOutput out = AtomicOutput.begin(target, false, conf)) {
                HadoopFiles.writeString(new Path(out.path(), "metrics.json"), "{\"half\":", conf);
                throw new IllegalStateException("job died before commit");
            }
        });
        assertEquals(0, dir.list().length, Arrays.toString(dir.list()));
    }

    @Test
    void existingOutputIsRefusedUnlessOverwriteAndThenReplaced(@TempDir File dir) throws Exception {
        String target = new File(dir, "out").getPath();
        try (AtomicOutput out = AtomicOutput.begin(target, false, conf)) {
            HadoopFiles.writeString(new Path(out.path(), "v"), "1", conf);
            out.commit();
        }
        SeqPipeException e = assertThrows(SeqPipeException.class, () -> AtomicOutput.begin(target, false, conf));
        assertTrue(e.getMessage().endsWith("already exists; remove it or pass --overwrite to replace it"),
                e.getMessage());
        try (AtomicOutput out = AtomicOutput.begin(target, true, conf)) {
            HadoopFiles.writeString(new Path(out.path(), "v"), "2", conf);
            out.commit();
        }
        assertEquals("2", Files.readString(new File(target, "v").toPath()).strip());
        assertEquals(1, dir.list().length, Arrays.toString(dir.list()));
    }

    @Test
    void directoryWithoutMarkerIsReportedIncomplete(@TempDir File dir) {
        File half = new File(dir, "model");
        assertTrue(half.mkdirs());
        SeqPipeException e = assertThrows(SeqPipeException.class,
                () -> AtomicOutput.requireComplete(half.getPath(), conf, "model directory"));
        assertTrue(e.getMessage().contains("is incomplete (no _SUCCESS marker)"), e.getMessage());
        SeqPipeException missing = assertThrows(SeqPipeException.class,
                () -> AtomicOutput.requireComplete(new File(dir, "nope").getPath(), conf, "model directory"));
        assertTrue(missing.getMessage().endsWith("does not exist"), missing.getMessage());
    }
}
