package io.seqpipe.jobs.badinput;

import io.seqpipe.io.Json;
import io.seqpipe.jobs.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad config and secrets: the config file, {@code --set} values, integer keys, credentials inside paths, and numbers
 * in a series. Every config entry is answered before Spark starts (exit 2, one {@code seqpipe: error:} line); the
 * series entry runs one small forecast {@code prepare} and checks rows read = written + rejected.
 */
class ConfigAndSecretsCatalogueTest {
    private static final int USAGE = 2;
    private static final String FIXTURES = "src/test/resources/bad-input/";

    private static String fixture(String kind, String file) {
        return FIXTURES + kind + "/" + file;
    }

    // --- HOCON syntax -------------------------------------------------------------------------------------------

    @Test
    void hoconSyntaxErrorInTheConfFileNamesFileAndLine() {
        String conf = fixture("hocon-syntax", "broken.conf");
        CliRun r = CliRun.of("train", "--conf", conf);
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: " + conf + ":5: expecting a close parentheses ')' here, not: end of file",
                r.reason());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void hoconSyntaxErrorInASetValueNamesTheOverride() {
        CliRun r = CliRun.of("train", "--set", "model.hidden=[8, 16");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: --set model.hidden=[8, 16: List should have ended with ] or had a comma,"
                + " instead had token: end of file (if you want end of file to be part of a string value, then"
                + " double-quote it)", r.reason());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    // --- integer keys -------------------------------------------------------------------------------------------

    @Test
    void aFractionForAnIntegerKeyIsAnErrorNotTruncated() {
        CliRun set = CliRun.of("train", "--set", "train.epochs=2.9");
        assertEquals(USAGE, set.exitCode(), set.err());
        assertEquals("seqpipe: error: invalid config: train.epochs must be an integer, got 2.9", set.reason());

        CliRun file = CliRun.of("train", "--conf", fixture("non-integer-key", "batch-size.conf"));
        assertEquals(USAGE, file.exitCode(), file.err());
        assertEquals("seqpipe: error: invalid config: train.batchSize must be an integer, got 16.7", file.reason());
    }

    @Test
    void anIntegerBeyondTheKeysTypeIsAnErrorNotClamped() {
        CliRun epochs = CliRun.of("train", "--set", "train.epochs=3000000000");
        assertEquals(USAGE, epochs.exitCode(), epochs.err());
        assertEquals("seqpipe: error: invalid config: train.epochs must be in [1, 100000], got 3000000000",
                epochs.reason());

        CliRun hidden = CliRun.of("train", "--set", "model.hidden=3000000000");
        assertEquals(USAGE, hidden.exitCode(), hidden.err());
        assertEquals("seqpipe: error: invalid config: model.hidden must be an integer in [1, 2147483647], got"
                + " 3000000000", hidden.reason());

        CliRun seed = CliRun.of("train", "--set", "train.seed=99999999999999999999");
        assertEquals(USAGE, seed.exitCode(), seed.err());
        assertEquals("seqpipe: error: invalid config: train.seed must be an integer in [-9223372036854775808,"
                + " 9223372036854775807], got 99999999999999999999", seed.reason());
    }

    @Test
    void aNumberJavaWouldReadButNoDecimalGrammarDoesIsAnError() {
        CliRun hex = CliRun.of("train", "--set", "train.learningRate=0x1p-4");
        assertEquals(USAGE, hex.exitCode(), hex.err());
        assertEquals("seqpipe: error: invalid config: train.learningRate must be a number, got \"0x1p-4\"",
                hex.reason());
        CliRun suffixed = CliRun.of("train", "--set", "train.batchSize=16f");
        assertEquals(USAGE, suffixed.exitCode(), suffixed.err());
        assertEquals("seqpipe: error: invalid config: train.batchSize must be an integer, got \"16f\"",
                suffixed.reason());
    }

    // --- credentials inside paths -------------------------------------------------------------------------------

    @Test
    void credentialsInAPathAreMaskedInThePrintedConfig() {
        CliRun r = CliRun.of("prepare", "--conf", fixture("credentials-in-path", "train.conf"), "--set",
                "paths.validation=s3a://AKIAEXAMPLEKEY:wJalrXUtnFEMI@bucket/dev.tsv", "--print-config");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("paths.train = \"hdfs://alice:*****@namenode:8020/corpora/train.tsv\"\n"),
                r.out());
        assertTrue(r.out().contains("paths.validation = \"s3a://AKIAEXAMPLEKEY:*****@bucket/dev.tsv\"\n"), r.out());
        assertFalse(r.out().contains("s3cret-pw") || r.out().contains("wJalrXUtnFEMI"), r.out());
    }

    @Test
    void credentialsInAPathAreMaskedInAnErrorMessage() {
        CliRun r = CliRun.of("train", "--set", "train.epochs=hdfs://alice:s3cret-pw@namenode/x");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: invalid config: train.epochs must be an integer, got"
                + " \"hdfs://alice:*****@namenode/x\"", r.reason());
        assertFalse(r.err().contains("s3cret-pw"), r.err());
    }

    // --- numbers in a series ------------------------------------------------------------------------------------

    @Test
    void numbersOnlyJavaReadsAreRejectedAsBadNumbersNamingTheColumn(@TempDir Path work) throws IOException {
        System.setProperty("spark.ui.enabled", "false");
        CliRun r = CliRun.of("prepare", "--set", "task=forecast",
                "--set", "paths.input=" + fixture("series-bad-number", "monthly.csv"),
                "--set", "paths.work=" + work.toUri(),
                "--set", "series.timestampColumns=[month]", "--set", "series.timestampFormat=yyyy-MM",
                "--set", "series.valueColumns=[value]", "--set", "window.targetColumns=[value]",
                "--set", "cleaning.missingValues=ffill", "--set", "window.lookback=3",
                "--set", "split.train=0.6", "--set", "split.validation=0.2",
                "--set", "spark.defaultMaster=local[1]");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  input: read 30 rows, rejected 3 {bad_number=3}\n"), r.out());
        Map<String, Object> summary = Json.readMap(Files.readString(work.resolve("prepared/summary.json")));
        assertEquals(30, ((Number) summary.get("rowsRead")).intValue(), summary.toString());
        assertEquals(3, ((Number) summary.get("rowsRejected")).intValue(), summary.toString());
        List<String> rejects = rejectLines(work.resolve("prepared/rejects"));
        assertEquals(3, rejects.size(), rejects.toString());
        for (String bad : List.of("12f", "0x1p4", "1_000")) {
            assertTrue(rejects.stream().anyMatch(l -> l.contains("\"reason\":\"bad_number\"")
                    && l.contains("column value: '" + bad + "' is not a decimal number")), bad + " in " + rejects);
        }
    }

    private static List<String> rejectLines(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("part-")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    // --- config errors that already behave well -----------------------------------------------------------------

    @Test
    void anUnknownKeyIsAnErrorWithTheClosestKnownKey() {
        CliRun r = CliRun.of("train", "--set", "train.epoch=3");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: invalid config: unknown config key 'train.epoch' (did you mean"
                + " 'train.epochs'?); see the task's defaults for every key", r.reason());
    }

    @Test
    void anOutOfRangeValueNamesKeyRangeAndValue() {
        CliRun r = CliRun.of("train", "--set", "train.batchSize=-3");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: invalid config: train.batchSize must be in [1, 1000000], got -3", r.reason());
    }

    @Test
    void anUnsupportedTaskListsTheSupportedOnes() {
        CliRun r = CliRun.of("prepare", "--set", "task=summarization");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: invalid config: task 'summarization' is not supported; supported tasks:"
                + " [forecast, lm, ner, pos, sentiment, translation]", r.reason());
    }

    @Test
    void aMissingConfFileIsNamed() {
        CliRun r = CliRun.of("train", "--conf", fixture("hocon-syntax", "no-such.conf"));
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: invalid config: config file " + fixture("hocon-syntax", "no-such.conf")
                + " does not exist or is not a file", r.reason());
    }
}
