package io.seqpipe.provenance;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.seqpipe.SeqPipeException;
import io.seqpipe.io.FileChecksums;
import io.seqpipe.io.Json;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.Vocabulary;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model directories on the local filesystem (no Spark): checksums at commit, verified at load; the task check. */
class ModelDirectoryTest {
    static final byte[] WEIGHTS = "not really a zip, ModelDirectory does not parse it".getBytes(StandardCharsets.UTF_8);
    final Configuration hadoop = new Configuration();

    @TempDir
    Path tmp;

    Path save(String task, Config config) {
        Provenance provenance = new Provenance(task, "2026-01-01T00:00:00Z", 1, Map.of(), List.of(), 3,
                List.of("neg", "pos"), Map.of(), TrainingRunTest.sample(), Map.of(), List.of());
        ModelDirectory.save(tmp.resolve("model").toString(), false, WEIGHTS, Vocabulary.of(List.of("good")),
                new LabelIndex(List.of("neg", "pos")), config, provenance,
                Map.of("affixes", List.of("ab", "cd")), hadoop);
        return tmp.resolve("model");
    }

    Path save() {
        return save("sentiment", ConfigFactory.parseString("task = sentiment, tokenizer.mode = whitespace"));
    }

    String shown(Path dir) {
        return "file:" + dir;
    }

    @Test
    void checksumsRecordEveryFileAndLoadVerifiesThem() throws IOException {
        Path dir = save();
        Map<String, Object> sums = Json.readMap(Files.readString(dir.resolve(ModelDirectory.CHECKSUMS)));
        assertEquals(1, sums.get("format"));
        assertEquals("SHA-256", sums.get("algorithm"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> files = (Map<String, Map<String, Object>>) sums.get("files");
        assertEquals(List.of("artifacts/affixes", "config.json", "config.resolved.conf", "labels.txt", "model.zip",
                "provenance.json", "vocabulary.txt"), List.copyOf(files.keySet()));
        assertEquals(Map.of("size", 6, "sha256", FileChecksums.sha256("ab\ncd\n".getBytes(StandardCharsets.UTF_8))),
                files.get("artifacts/affixes"));
        assertEquals(Map.of("size", WEIGHTS.length, "sha256", FileChecksums.sha256(WEIGHTS)), files.get("model.zip"));

        ModelDirectory.Loaded loaded = ModelDirectory.load(dir.toString(), "sentiment", hadoop);
        assertArrayEquals(WEIGHTS, loaded.weights());
        assertEquals(3, loaded.vocabulary().size());
        assertEquals(List.of("neg", "pos"), loaded.labels().labels());
    }

    @Test
    void anEnsembleKeepsMemberZeroAsModelZipAndTheOthersUnderMembersEachChecksummed() throws IOException {
        Path single = save();
        assertEquals(1, ModelDirectory.load(single.toString(), "sentiment", hadoop).members(hadoop).size());
        assertFalse(Files.exists(single.resolve(ModelDirectory.MEMBERS)), "one network has no members folder");

        byte[] second = "member 1".getBytes(StandardCharsets.UTF_8);
        byte[] third = "member 2".getBytes(StandardCharsets.UTF_8);
        Provenance provenance = new Provenance("forecast", "2026-01-01T00:00:00Z", 1, Map.of(), List.of(), 2,
                List.of("value"), Map.of(), TrainingRunTest.sample(), Map.of(), List.of());
        Path dir = tmp.resolve("ensemble");
        ModelDirectory.save(dir.toString(), false, List.of(WEIGHTS, second, third), Vocabulary.of(List.of()),
                new LabelIndex(List.of("value")), ConfigFactory.parseString("task = forecast"), provenance, Map.of(),
                hadoop);
        Map<?, ?> files = (Map<?, ?>) Json.readMap(Files.readString(dir.resolve(ModelDirectory.CHECKSUMS)))
                .get("files");
        assertEquals(Map.of("size", second.length, "sha256", FileChecksums.sha256(second)),
                files.get("members/model-1.zip"));
        assertTrue(files.containsKey("members/model-2.zip"));
        List<byte[]> members = ModelDirectory.load(dir.toString(), "forecast", hadoop).members(hadoop);
        assertEquals(3, members.size());
        assertArrayEquals(WEIGHTS, members.get(0));
        assertArrayEquals(second, members.get(1));
        assertArrayEquals(third, members.get(2));

        Files.delete(dir.resolve("members/model-2.zip"));
        assertEquals("model directory " + shown(dir) + " is damaged: members/model-2.zip is missing (checksums.json"
                + " lists it)", assertThrows(SeqPipeException.class,
                () -> ModelDirectory.load(dir.toString(), "forecast", hadoop)).getMessage());
    }

    @Test
    void alteredFileIsNamedWithItsSizeAndRecord() throws IOException {
        Path dir = save();
        Files.delete(dir.resolve(".vocabulary.txt.crc")); // as after a copy by hand: only SeqPipe's checksums remain
        Files.writeString(dir.resolve("vocabulary.txt"), "<pad>\n<unk>\nbad\n");
        SeqPipeException e = assertThrows(SeqPipeException.class,
                () -> ModelDirectory.load(dir.toString(), "sentiment", hadoop));
        assertEquals("model directory " + shown(dir) + " is damaged: vocabulary.txt is corrupt: 16 bytes with SHA-256 "
                + FileChecksums.sha256("<pad>\n<unk>\nbad\n".getBytes(StandardCharsets.UTF_8))
                + ", checksums.json recorded 17 bytes with "
                + FileChecksums.sha256("<pad>\n<unk>\ngood\n".getBytes(StandardCharsets.UTF_8)), e.getMessage());
    }

    @Test
    void missingListedFileIsNamed() throws IOException {
        Path dir = save();
        Files.delete(dir.resolve("artifacts/affixes"));
        SeqPipeException e = assertThrows(SeqPipeException.class,
                () -> ModelDirectory.load(dir.toString(), "sentiment", hadoop));
        assertEquals("model directory " + shown(dir) + " is damaged: artifacts/affixes is missing (checksums.json "
                + "lists it)", e.getMessage());
    }

    @Test
    void directoryWithoutChecksumsLoadsUnverified() throws IOException {
        Path dir = save();
        Files.delete(dir.resolve(ModelDirectory.CHECKSUMS));
        assertArrayEquals(WEIGHTS, ModelDirectory.load(dir.toString(), "sentiment", hadoop).weights());
    }

    @Test
    void aKeyAddedSinceTrainingTakesTodaysDefaultAndTheTrainedValuesStay() {
        Path dir = save();
        Config config = ModelDirectory.load(dir.toString(), "sentiment", hadoop).config();
        assertEquals("whitespace", config.getString("tokenizer.mode"), "as trained");
        assertEquals(256, config.getInt("score.batchSize"), "absent from config.json: today's default");
    }

    @Test
    void modelOfAnotherTaskIsNamed() {
        Path dir = save("ner", ConfigFactory.parseString("task = ner"));
        SeqPipeException e = assertThrows(SeqPipeException.class,
                () -> ModelDirectory.load(dir.toString(), "sentiment", hadoop));
        assertEquals("model at " + shown(dir) + " is a ner model; this config's task is sentiment", e.getMessage());
    }

    @Test
    void taskComesFromProvenanceWhenTheConfigHasNone() {
        Path dir = save("pos", ConfigFactory.parseString("tokenizer.mode = whitespace"));
        SeqPipeException e = assertThrows(SeqPipeException.class,
                () -> ModelDirectory.load(dir.toString(), "ner", hadoop));
        assertEquals("model at " + shown(dir) + " is a pos model; this config's task is ner", e.getMessage());
    }
}
