package io.seqpipe.jobs.badinput;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqpipe.jobs.CliRun;
import io.seqpipe.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad model directories given to {@code evaluate} and {@code score}: damaged files, a network that does not fit the
 * directory's vocabulary or labels, a model of another task. One tiny sentiment model is trained once; every bad
 * directory is a copy of it with one thing broken. Each fails at load, before reading any data: exit 1 and one line
 * naming the model directory and the file or numbers at fault.
 */
@Tag("slow")
class ModelDirectoryCatalogueTest {
    @TempDir
    static Path work;
    static Path model;
    static List<String> vocabulary;

    @BeforeAll
    static void trainOneTinyModel() throws IOException {
        System.setProperty("spark.ui.enabled", "false");
        CliRun prepare = cli("prepare", work.resolve("model"));
        assertEquals(0, prepare.exitCode(), prepare.err());
        CliRun train = cli("train", work.resolve("model"));
        assertEquals(0, train.exitCode(), train.err());
        model = work.resolve("model");
        vocabulary = Files.readAllLines(model.resolve("vocabulary.txt"));
    }

    static CliRun cli(String command, Path modelDir) {
        return CliRun.of(command, "--conf", "../conf/sentiment.conf",
                "--set", "paths.train=" + Fixtures.fixture("sentiment/train.tsv"),
                "--set", "paths.validation=" + Fixtures.fixture("sentiment/dev.tsv"),
                "--set", "paths.test=" + Fixtures.fixture("sentiment/dev.tsv"),
                "--set", "paths.score=" + Fixtures.fixture("sentiment/unlabelled.tsv"),
                "--set", "paths.work=" + work.resolve("runs").resolve(modelDir.getFileName()),
                "--set", "paths.model=" + modelDir,
                "--set", "train.epochs=1", "--set", "model.cell=rnn", "--set", "model.bidirectional=false",
                "--set", "model.hidden=4", "--set", "model.embedding=4", "--set", "sequence.maxLength=16");
    }

    /**
     * A copy of the trained model directory under {@code name}, as {@code cp -r} or {@code hdfs dfs -cp} makes it:
     * without the local filesystem's hidden {@code .crc} files (HDFS keeps its checksums out of sight).
     */
    static Path copy(String name) throws IOException {
        Path target = work.resolve(name);
        try (Stream<Path> files = Files.walk(model)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(model.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else if (!p.getFileName().toString().endsWith(".crc")) {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    /** A model directory as {@code evaluate}/{@code score} name it in messages. */
    static String shown(Path dir) {
        return "file:" + dir.toAbsolutePath();
    }

    @Test
    void truncatedModelZipIsNamedAsCorrupt() throws IOException {
        Path dir = copy("truncated");
        byte[] zip = Files.readAllBytes(dir.resolve("model.zip"));
        Files.write(dir.resolve("model.zip"), java.util.Arrays.copyOf(zip, zip.length / 2));
        CliRun r = cli("score", dir);
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.reason().startsWith("seqpipe: error: model directory " + shown(dir) + " is damaged: model.zip is "
                + "corrupt: " + zip.length / 2 + " bytes with SHA-256 "), r.reason());
        assertTrue(r.reason().contains("checksums.json recorded " + zip.length + " bytes"), r.reason());
    }

    @Test
    void flippedByteInModelZipIsNamedAsCorrupt() throws IOException {
        Path dir = copy("flipped");
        byte[] zip = Files.readAllBytes(dir.resolve("model.zip"));
        zip[zip.length / 3] ^= 0x10;
        Files.write(dir.resolve("model.zip"), zip);
        CliRun r = cli("evaluate", dir);
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.reason().startsWith("seqpipe: error: model directory " + shown(dir) + " is damaged: model.zip is "
                + "corrupt: " + zip.length + " bytes with SHA-256 "), r.reason());
    }

    @Test
    void vocabularyOfAnotherModelIsRefusedWithBothSizes() throws IOException {
        // a model directory written before checksums (none to catch the swap) whose vocabulary is not the network's
        Path dir = copy("other-vocabulary");
        Files.deleteIfExists(dir.resolve("checksums.json"));
        Files.write(dir.resolve("vocabulary.txt"), vocabulary.subList(0, vocabulary.size() - 3),
                StandardCharsets.UTF_8);
        CliRun r = cli("score", dir);
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("seqpipe: error: model directory " + shown(dir) + " does not fit its model.zip: vocabulary.txt "
                + "has " + (vocabulary.size() - 3) + " entries, the network's embedding layer takes " + vocabulary.size()
                + " (model.zip of another model?)", r.reason());
    }

    @Test
    void labelsOfAnotherModelAreRefusedWithBothCounts() throws IOException {
        Path dir = copy("other-labels");
        Files.writeString(dir.resolve("labels.txt"), "0\n1\n2\n");
        reseal(dir, "labels.txt");
        CliRun r = cli("evaluate", dir);
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("seqpipe: error: model directory " + shown(dir) + " does not fit its model.zip: labels.txt has 3 "
                + "labels, the network's output layer gives 2 (model.zip of another model?)", r.reason());
    }

    @Test
    void modelOfAnotherTaskIsNamed() throws IOException {
        // an NER model's directory as far as the task check reads it: its config.json and provenance.json say ner
        Path dir = copy("ner-model");
        for (String file : List.of("config.json", "provenance.json")) {
            String json = Files.readString(dir.resolve(file));
            Files.writeString(dir.resolve(file), json.replaceFirst("\"task\" ?: ?\"sentiment\"", "\"task\": \"ner\""));
            reseal(dir, file);
        }
        CliRun r = cli("score", dir);
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("seqpipe: error: model at " + shown(dir) + " is a ner model; this config's task is sentiment",
                r.reason());
    }

    @Test
    void modelDirectoryWithoutChecksumsStillLoads() throws IOException {
        // model directories written before checksums were recorded (the registry holds such) are read unverified
        Path dir = copy("no-checksums");
        Files.deleteIfExists(dir.resolve("checksums.json"));
        CliRun r = cli("evaluate", dir);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(work.resolve("runs/no-checksums/metrics/metrics.json")));
    }

    @Test
    void committedModelDirectoryRecordsEveryFilesChecksum() throws Exception {
        Map<String, Object> sums = readChecksums(model);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> files = (Map<String, Map<String, Object>>) sums.get("files");
        List<String> expected = new ArrayList<>();
        try (Stream<Path> all = Files.walk(model)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String name = model.relativize(p).toString();
                if (!name.equals("_SUCCESS") && !name.equals("checksums.json") && !name.startsWith(".")
                        && !name.contains("/.")) {
                    expected.add(name);
                }
            }
        }
        expected.sort(null);
        assertEquals(expected, new ArrayList<>(new java.util.TreeSet<>(files.keySet())));
        byte[] zip = Files.readAllBytes(model.resolve("model.zip"));
        assertEquals(sha256(zip), files.get("model.zip").get("sha256"));
        assertEquals(zip.length, ((Number) files.get("model.zip").get("size")).intValue());
    }

    /** Records {@code file}'s new checksum in the copy's checksums.json, as a model directory of that content has. */
    static void reseal(Path dir, String file) throws IOException {
        Path sumsFile = dir.resolve("checksums.json");
        if (!Files.exists(sumsFile)) {
            return;
        }
        Map<String, Object> sums = readChecksums(dir);
        @SuppressWarnings("unchecked")
        Map<String, Object> files = (Map<String, Object>) sums.get("files");
        byte[] bytes = Files.readAllBytes(dir.resolve(file));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("size", bytes.length);
        info.put("sha256", sha256(bytes));
        files.put(file, info);
        new ObjectMapper().writeValue(sumsFile.toFile(), sums);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readChecksums(Path dir) throws IOException {
        return new ObjectMapper().readValue(dir.resolve("checksums.json").toFile(), LinkedHashMap.class);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
