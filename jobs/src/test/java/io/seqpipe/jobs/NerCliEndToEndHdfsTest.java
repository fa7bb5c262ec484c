package io.seqpipe.jobs;

import io.seqpipe.io.Json;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.MiniHdfs;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real CLI running the NER task (prepare → train → evaluate → score) with every input and output on a real
 * HDFS (MiniDFSCluster), on the synthetic CoNLL fixtures of {@code scripts/make-tagging-fixtures.py}.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NerCliEndToEndHdfsTest {
    static MiniHdfs hdfs;
    static String train;
    static String dev;

    @BeforeAll
    static void startHdfs() {
        System.setProperty("spark.ui.enabled", "false");
        hdfs = MiniHdfs.start("ner-cli");
        train = hdfs.upload(Fixtures.fixture("tagging/synthetic/train.conll"), "/data/ner/train.conll");
        dev = hdfs.upload(Fixtures.fixture("tagging/synthetic/dev.conll"), "/data/ner/dev.conll");
        hdfs.upload(Fixtures.fixture("tagging/synthetic/raw.txt"), "/data/news/part-0.txt");
    }

    @AfterAll
    static void stopHdfs() {
        hdfs.close();
    }

    static CliRun cli(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--set", "task=ner",
                "--set", "paths.train=" + train, "--set", "paths.validation=" + dev,
                "--set", "paths.score=" + hdfs.uri("/data/news"), "--set", "paths.work=" + hdfs.uri("/runs/ner"),
                "--set", "train.epochs=5", "--set", "model.hidden=24", "--set", "model.embedding=16",
                "--set", "model.dropout=0.1", "--set", "train.learningRate=0.02", "--set", "train.batchSize=16",
                "--set", "train.averagingFrequency=2", "--set", "train.lengthBucketPool=4",
                "--set", "features.affixEmbedding=8", "--set", "train.wordDropout=0.3",
                "--set", "train.earlyStopping.patience=0"));
        args.addAll(Arrays.asList(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void prepareReadsConllFromHdfsAndCountsRejectedSentences() {
        CliRun r = cli("prepare");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  train: sentences read 300, written 298, rejected 2 (invalid_tag_sequence 1, "
                + "wrong_column_count 1), tokens "), r.out());
        assertTrue(r.out().contains("  tags (7): [B-ORG, B-PER, E-ORG, E-PER, O, S-LOC, S-ORG]\n"), r.out());
        assertTrue(hdfs.exists("/runs/ner/prepared/_SUCCESS"));
        assertTrue(hdfs.exists("/runs/ner/prepared/artifacts/suffix3.vocabulary.txt"));
    }

    @Test
    @Order(2)
    void trainEvaluateAndScoreOnHdfs() throws Exception {
        CliRun t = cli("train");
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(t.out().contains("298 train sentences"), t.out());
        List<String> files = new ArrayList<>();
        for (FileStatus s : hdfs.fs().listStatus(new Path("/runs/ner/model"))) {
            files.add(s.getPath().getName());
        }
        files.sort(null);
        assertEquals(List.of("_SUCCESS", "artifacts", "checksums.json", "config.json", "config.resolved.conf",
                "labels.txt", "model.zip",
                "provenance.json", "vocabulary.txt"), files);

        CliRun e = cli("evaluate", "--set", "paths.test=" + dev);
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("  entities (conlleval): P "), e.out());
        Map<String, Object> json = Json.readMap(hdfs.read("/runs/ner/metrics/metrics.json"));
        assertEquals("ner", json.get("task"));
        @SuppressWarnings("unchecked")
        Map<String, Number> metrics = (Map<String, Number>) json.get("metrics");
        assertTrue(metrics.get("f1.micro").doubleValue() > 0.8, "entity F1 " + metrics);

        CliRun s = cli("score");
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("score: sentences read 3, written 3, rejected 0, blank lines skipped 1"), s.out());
        assertTrue(hdfs.exists("/runs/ner/predictions/_SUCCESS"));
    }

    @Test
    @Order(3)
    void aConllFileReadAsConlluIsAClearError() {
        CliRun r = cli("prepare", "--overwrite", "--set", "input.format=conllu");
        assertEquals(SeqPipeCli.FAILED, r.exitCode());
        assertTrue(r.reason().startsWith("seqpipe: error: paths.train " + train + " has no usable sentences"),
                r.reason());
    }
}
