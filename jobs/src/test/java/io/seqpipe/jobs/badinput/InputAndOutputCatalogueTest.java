package io.seqpipe.jobs.badinput;

import io.seqpipe.jobs.CliRun;
import io.seqpipe.registry.RegistryLock;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad inputs and outputs around the files themselves (sentiment {@code prepare} and {@code train} through the real
 * CLI), one fixture under {@code bad-input/io/<kind>/} per kind: which files are read (uncommitted job output, hidden
 * and underscore files, compressed and binary files, an empty file, a missing path), training data of one class, and
 * two runs on one output. Each asserts the exit code and the one-line reason, or the counts
 * (read = written + rejected).
 */
@Tag("spark")
class InputAndOutputCatalogueTest {
    private static final Path FIXTURES = Path.of("src/test/resources/bad-input/io");

    @TempDir
    Path work;

    /** Fixed labels, but every training row is of one class: refused at prepare, naming the class. */
    @Test
    void trainingDataOfOneClassIsRefusedAtPrepare() {
        CliRun r = prepare(FIXTURES.resolve("one-class"), "labels.values=[neg, pos]");
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("seqpipe: error: the training data has one class, 'pos' (of labels.values [neg, pos]); a "
                + "classifier needs at least two. Add rows of another class to paths.train, fix input.labelColumn, or"
                + " set labels.allowSingleClass=true to prepare it anyway", r.reason());
        assertFalse(Files.exists(work.resolve("prepared")));
    }

    /**
     * Another job's uncommitted output (part files and {@code _temporary/}, no {@code _SUCCESS}): refused with
     * {@code input.incompleteOutput=fail}; read with a warning by default.
     */
    @Test
    void uncommittedJobOutputIsRefusedWhenSetToFail() {
        Path dir = FIXTURES.resolve("uncommitted-output");
        CliRun refused = prepare(dir, "input.incompleteOutput=fail");
        assertEquals(1, refused.exitCode(), refused.err());
        assertEquals("seqpipe: error: paths.train file:" + dir.toAbsolutePath()
                + " looks like another job's uncommitted output (part files or _temporary/, no _SUCCESS): that job"
                + " may still be running or have failed, and its rows may be incomplete; wait for it to commit, or"
                + " set input.incompleteOutput=warn to read it anyway", refused.reason());

        // by default (warn) it is read, skipping _temporary/ and .part-00000.crc: HadoopFilesInputTest, without Spark
    }

    /** A gzip file named {@code .gz} is decompressed (header and rows), like any codec Hadoop knows by extension. */
    @Test
    void gzipInputIsDecompressed() throws IOException {
        CliRun r = prepare(FIXTURES.resolve("gzip/train.tsv.gz"));
        assertEquals(0, r.exitCode(), r.err());
        assertCounts(4, 4, 0);
        assertEquals(List.of("neg", "pos"), Files.readAllLines(work.resolve("prepared/labels.txt")));
    }

    /** Gzip data under a name without {@code .gz}: refused in one printable line, never echoed as binary. */
    @Test
    void gzipDataUnderAnotherNameIsRefusedInOnePrintableLine() {
        Path file = FIXTURES.resolve("gzip-misnamed/train.tsv").toAbsolutePath();
        CliRun r = prepare(file);
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("seqpipe: error: paths.train " + file + ": file:" + file + " holds gzip-compressed data but its"
                + " name does not end in .gz; rename it to end in .gz (compressed inputs are decompressed by their"
                + " extension) or decompress it", r.reason());
        assertPrintable(r.err());
    }

    /** A binary file whose first line is no header: the error quotes it escaped and cut short, not as raw bytes. */
    @Test
    void aBinaryFileIsQuotedEscapedAndShort() {
        CliRun r = prepare(FIXTURES.resolve("binary/train.tsv"));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.reason().startsWith("seqpipe: error: column 'sentence' (textColumn) is not in the header of "),
                r.reason());
        assertTrue(r.reason().contains("; the header has [\\ufffdPNG\\x0d\\x1a"), r.reason());
        assertTrue(r.reason().matches(".*\\.\\.\\. \\(\\d+ chars\\)$"), r.reason());
        assertTrue(r.reason().length() < 400, r.reason().length() + " chars: " + r.reason());
        assertPrintable(r.err());
    }

    /** An empty input file: an error naming the file. */
    @Test
    void anEmptyFileIsAnError() {
        CliRun r = prepare(FIXTURES.resolve("empty-file/train.tsv"));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.reason().startsWith("seqpipe: error: "), r.reason());
        assertTrue(r.reason().contains("empty-file/train.tsv"), r.reason());
        assertTrue(r.reason().endsWith("empty-file/train.tsv is empty"), r.reason());
    }

    /** Spark that cannot start (a driver with too little memory for Spark's minimum) is one line, not a trace. */
    @Test
    void sparkThatCannotStartIsOneLine() {
        // what UnifiedMemoryManager reads as the JVM's memory: far below the 450 MB Spark requires
        System.setProperty("spark.testing.memory", "1048576");
        try {
            CliRun r = prepare(FIXTURES.resolve("good/train.tsv"));
            assertEquals(1, r.exitCode(), r.err());
            assertTrue(r.reason().startsWith("seqpipe: error: prepare: Spark did not start: "), r.reason());
            assertTrue(r.reason().contains("must be at least"), r.reason());
            assertFalse(r.err().contains("\tat org.apache.spark"), "no stack trace on stderr");
        } finally {
            System.clearProperty("spark.testing.memory");
        }
    }

    /** A path that does not exist: an error naming the key and the path (already so). */
    @Test
    void aMissingInputPathIsAnError() {
        Path missing = work.resolve("no-such-dir/train.tsv");
        CliRun r = prepare(missing);
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("seqpipe: error: paths.train " + missing + " does not exist or has no files (resolved against "
                + "file:///)", r.reason());
    }

    /** Rows with too many or too few columns are counted rejects, not errors (already so). */
    @Test
    void wrongColumnCountRowsAreCountedRejects() throws IOException {
        CliRun r = prepare(FIXTURES.resolve("wrong-column-count/train.tsv"));
        assertEquals(0, r.exitCode(), r.err());
        assertCounts(5, 3, 2);
        assertTrue(r.out().contains("rejected 2 (wrong_column_count 2)"), r.out());
    }

    /**
     * A second run on an output another live run is writing is refused at once, before Spark starts: exit 3 and the
     * holder's run id. The test holds the lock as another run would.
     */
    @Test
    void aSecondRunOnTheSameOutputIsRefusedAtOnce() throws IOException {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        // the lock of paths.model = <work>/model is <work>/_model.lock
        org.apache.hadoop.fs.Path lock = fs.makeQualified(new org.apache.hadoop.fs.Path(work.resolve("_model.lock")
                .toString()));
        try (RegistryLock held = RegistryLock.acquire(fs, lock, "run-holding-it",
                "train writing paths.model", Duration.ZERO, Duration.ofMinutes(10))) {
            CliRun r = CliRun.of("train", "--set", "task=sentiment", "--set", "paths.work=" + work.toAbsolutePath());
            assertEquals(3, r.exitCode(), r.err());
            assertTrue(r.reason().startsWith("seqpipe: error: another run holds the lock " + held.path()
                    + " (run run-holding-it, train writing paths.model, on "), r.reason());
            assertTrue(r.reason().endsWith("It is released when that run ends. If no run is active, the lock goes "
                    + "stale 10 min after its last heartbeat and the next run takes it over, or delete the file by "
                    + "hand"), r.reason());
            assertEquals("", r.out(), "refused before Spark starts and the run summary is printed");
        }
    }

    /** A lock whose heartbeat stopped long ago (its run died) is taken over; the run succeeds and releases it. */
    @Test
    void aStaleOutputLockIsTakenOver() throws IOException {
        Path lock = work.resolve("_prepared.lock");
        Files.writeString(lock, "{\"runId\":\"run-that-died\",\"purpose\":\"prepare writing paths.prepared\"}\n");
        assertTrue(lock.toFile().setLastModified(System.currentTimeMillis() - Duration.ofHours(2).toMillis()));
        CliRun r = prepare(FIXTURES.resolve("good/train.tsv"));
        assertEquals(0, r.exitCode(), r.err());
        assertCounts(4, 4, 0);
        assertFalse(Files.exists(lock), "released at the end of the run");
    }

    private CliRun prepare(Path train, String... sets) {
        return PrepareRun.prepare(work, "sentiment", "paths.train", train, sets);
    }

    private void assertCounts(long read, long written, long rejected) {
        PrepareRun.assertTrainCounts(work, read, written, rejected);
    }

    /** No control character but line ends and tabs, no U+FFFD: nothing of a binary file reached the terminal. */
    private static void assertPrintable(String text) {
        for (char c : text.toCharArray()) {
            assertTrue(c == '\n' || c == '\t' || (!Character.isISOControl(c) && c != '\uFFFD'),
                    "unprintable U+" + Integer.toHexString(c) + " in: " + text);
        }
    }
}
