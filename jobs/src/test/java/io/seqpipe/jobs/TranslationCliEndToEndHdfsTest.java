package io.seqpipe.jobs;

import io.seqpipe.io.Json;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.MiniHdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real CLI running the translation task (prepare → train → evaluate → score) with every input and output on a
 * real HDFS (MiniDFSCluster), on the synthetic corpus of {@code scripts/make-translation-fixtures.py}: the model must
 * memorize its training pairs, so BLEU on (a subset of) them must be near 100.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TranslationCliEndToEndHdfsTest {
    static MiniHdfs hdfs;

    @BeforeAll
    static void startHdfs() {
        System.setProperty("spark.ui.enabled", "false");
        hdfs = MiniHdfs.start("translation-cli");
        for (String f : List.of("train.de", "train.en", "test.de", "test.en", "short.de", "short.en")) {
            hdfs.upload(Fixtures.fixture("translation/" + f), "/data/mt/" + f);
        }
        hdfs.upload(Fixtures.fixture("translation/raw.de"), "/data/captions/part-0.de");
    }

    @AfterAll
    static void stopHdfs() {
        hdfs.close();
    }

    static CliRun cli(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--set", "task=translation",
                "--set", "paths.train=" + hdfs.uri("/data/mt/train"), "--set", "paths.validation="
                        + hdfs.uri("/data/mt/test"), "--set", "paths.score=" + hdfs.uri("/data/captions"),
                "--set", "paths.work=" + hdfs.uri("/runs/mt"), "--set", "vocabulary.minCount=1",
                "--set", "sequence.maxSourceLength=12", "--set", "model.hidden=32", "--set", "model.embedding=24",
                "--set", "model.dropout=0", "--set", "decoder.hidden=48", "--set", "decoder.embedding=24",
                "--set", "decoder.attentionalWidth=48", "--set", "train.epochs=18", "--set", "train.batchSize=16",
                "--set", "train.averagingFrequency=2", "--set", "train.learningRate=0.01",
                "--set", "train.lengthBucketPool=4", "--set", "train.earlyStopping.patience=0",
                "--set", "decode.beamSize=3", "--set", "decode.batchSize=8"));
        args.addAll(Arrays.asList(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void prepareReadsAlignedFilesFromHdfsAndCountsRejects() {
        CliRun r = cli("prepare");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  train: pairs read 120, written 119, rejected 1 (source_too_long 1), source "
                + "tokens "), r.out());
        assertTrue(r.out().contains("  validation: pairs read 40, written 40, rejected 0"), r.out());
        assertTrue(hdfs.exists("/runs/mt/prepared/_SUCCESS"));
        assertTrue(hdfs.exists("/runs/mt/prepared/target-vocabulary.txt"));
    }

    @Test
    @Order(2)
    void trainEvaluateAndScoreOnHdfs() throws Exception {
        CliRun t = cli("train");
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(t.out().contains("  119 train pairs ("), t.out());
        assertTrue(hdfs.exists("/runs/mt/model/_SUCCESS"));

        CliRun e = cli("evaluate");
        assertEquals(0, e.exitCode(), e.err());
        Map<String, Object> json = Json.readMap(hdfs.read("/runs/mt/metrics/metrics.json"));
        assertEquals("translation", json.get("task"));
        @SuppressWarnings("unchecked")
        Map<String, Number> metrics = (Map<String, Number>) json.get("metrics");
        assertTrue(metrics.get("bleu").doubleValue() > 95, "BLEU on memorized pairs " + metrics);
        assertTrue(metrics.get("chrf").doubleValue() > 95, "chrF " + metrics);
        assertTrue(e.out().contains(String.format("  BLEU %.2f", metrics.get("bleu").doubleValue())), e.out());
        assertTrue(hdfs.exists("/runs/mt/metrics-history"));
        // report.html: BLEU by reference length and the sample translations
        String report = hdfs.read("/runs/mt/metrics/report.html");
        ReportInBrowser.assertCharts(report, List.of("learning-curves", "bleu-by-length"));
        assertTrue(report.contains("<table id=\"sample-translations\">"), report);
        assertTrue(report.contains("<table id=\"bleu-by-length-table\">"), report);

        CliRun s = cli("score", "--set", "score.outputFormats=jsonl", "--set", "score.attention=true");
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("  score: lines read 4, written 3, rejected 1 (empty_text 1)"), s.out());
        assertTrue(hdfs.exists("/runs/mt/predictions/predictions/_SUCCESS"));
        assertTrue(hdfs.exists("/runs/mt/predictions/_SUCCESS"));
    }

    @Test
    @Order(3)
    void misalignedFilesAreAClearErrorAndNothingIsWritten() {
        CliRun r = cli("prepare", "--set", "paths.train=" + hdfs.uri("/data/mt/short"), "--set",
                "paths.work=" + hdfs.uri("/runs/misaligned"));
        assertEquals(SeqPipeCli.FAILED, r.exitCode());
        assertTrue(r.reason().contains("parallel corpus files are not aligned: " + hdfs.uri("/data/mt/short.de")
                + " has 3 lines but " + hdfs.uri("/data/mt/short.en") + " has 2"), r.reason());
        assertFalse(hdfs.exists("/runs/misaligned/prepared"));
    }

    @Test
    @Order(4)
    void anUnknownKeyIsRejectedBeforeSparkStarts() {
        CliRun r = cli("train", "--set", "decoder.heads=4");
        assertEquals(SeqPipeCli.USAGE, r.exitCode());
        assertTrue(r.reason().contains("unknown config key 'decoder.heads'"), r.reason());
    }

    @Test
    @Order(5)
    void theTranslationNotebookRunsAgainstThisRun(@TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path work = NotebookExecution.copyRun(hdfs, "/runs/mt", tmp.resolve("run"),
                "model/provenance.json", "metrics/metrics.json", "predictions/predictions.jsonl");
        NotebookExecution.execute("translation-results.ipynb", work, tmp);
    }
}
