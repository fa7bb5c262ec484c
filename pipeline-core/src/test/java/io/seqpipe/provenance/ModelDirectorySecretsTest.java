package io.seqpipe.provenance;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.seqpipe.io.Json;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.Vocabulary;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model directory persists no password: not in config.json, provenance.json or config.resolved.conf; nor does a job
 * report such as summary.json.
 */
class ModelDirectorySecretsTest {

    @Test
    void passwordsInsidePathsAndSecretKeysAreMaskedInEveryPersistedFile(@TempDir Path dir) throws Exception {
        Config config = ConfigFactory.parseString("task = sentiment\npaths.train = \"hdfs://alice:s3cret@nn/t.tsv\"\n"
                + "registry.password = hunter2\ntrain.epochs = 2");
        Provenance provenance = new Provenance("sentiment", "2026-01-01T00:00:00Z", 1, config.root().unwrapped(),
                List.of(Map.of("path", "hdfs://alice:s3cret@nn/t.tsv", "rows", 4)), 3, List.of("neg", "pos"),
                Map.of(), TrainingRunTest.sample(), Map.of(), List.of());
        String target = dir.resolve("model").toUri().toString();
        ModelDirectory.save(target, false, new byte[]{1}, Vocabulary.of(List.of("a")),
                new LabelIndex(List.of("neg", "pos")), config, provenance, new Configuration());
        for (String file : List.of(ModelDirectory.CONFIG, ModelDirectory.PROVENANCE, "config.resolved.conf")) {
            String text = Files.readString(dir.resolve("model").resolve(file));
            assertFalse(text.contains("s3cret") || text.contains("hunter2"), file + ":\n" + text);
            assertTrue(text.contains("hdfs://alice:*****@nn/t.tsv"), file + ":\n" + text);
        }
        Config back = ModelDirectory.load(target, "sentiment", new Configuration()).config();
        assertEquals(2, back.getInt("train.epochs"));
        assertEquals("*****", back.getString("registry.password"));

        Path summary = dir.resolve("summary.json");
        Json.writeReport(Map.of("files", List.of("s3a://AKIAKEY:wJalr@bucket/t.tsv")),
                new org.apache.hadoop.fs.Path(summary.toUri()), new Configuration());
        assertEquals(List.of("s3a://AKIAKEY:*****@bucket/t.tsv"), Json.readMap(Files.readString(summary)).get("files"));
    }
}
