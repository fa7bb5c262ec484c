package io.seqpipe.jobs;

import io.seqpipe.io.Json;
import io.seqpipe.report.ReportPage;
import io.seqpipe.testing.MiniHdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real CLI running the language-model task (prepare → train → evaluate → score) with every input and output on a
 * real HDFS (MiniDFSCluster), on a small rhyme corpus this test writes: a character LSTM must beat the add-one unigram
 * on the held-out test part, and generation with one seed must give the same text in two runs.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LmCliEndToEndHdfsTest {
    static final List<String> SUBJECTS = List.of("the cat", "a dog", "the old man", "my sister", "a bird");
    static final List<String> VERBS = List.of("sat on", "looked at", "ran to", "sang to", "slept by");
    static final List<String> PLACES = List.of("the mat", "the hill", "the river", "the red door", "a tree");

    static MiniHdfs hdfs;

    /** Every subject, verb and place once, in a fixed order: 125 lines per file, ~3,000 characters. */
    static String corpus(int rotation) {
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < SUBJECTS.size(); s++) {
            for (int v = 0; v < VERBS.size(); v++) {
                for (int p = 0; p < PLACES.size(); p++) {
                    text.append(SUBJECTS.get((s + rotation) % SUBJECTS.size())).append(' ').append(VERBS.get(v))
                            .append(' ').append(PLACES.get((p + s) % PLACES.size())).append(".\n");
                }
            }
        }
        return text.toString();
    }

    @BeforeAll
    static void startHdfs() throws IOException {
        System.setProperty("spark.ui.enabled", "false");
        hdfs = MiniHdfs.start("lm-cli");
        Path local = Files.createTempDirectory("lm-cli");
        for (int part = 0; part < 2; part++) {
            hdfs.upload(Files.writeString(local.resolve("part-" + part + ".txt"), corpus(part),
                    StandardCharsets.UTF_8), "/data/rhymes/part-" + part + ".txt");
        }
        hdfs.upload(Files.writeString(local.resolve("prompts.txt"), "the cat\n  \na dog ran\n",
                StandardCharsets.UTF_8), "/data/prompts/prompts.txt");
        hdfs.upload(Files.writeString(local.resolve("documents.txt"), "the cat sat on the mat.\nzqx vvk jjw.\n",
                StandardCharsets.UTF_8), "/data/documents/documents.txt");
    }

    @AfterAll
    static void stopHdfs() {
        hdfs.close();
    }

    static CliRun cli(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--set", "task=lm",
                "--set", "paths.train=" + hdfs.uri("/data/rhymes"), "--set", "paths.score="
                        + hdfs.uri("/data/prompts"), "--set", "paths.work=" + hdfs.uri("/runs/lm"),
                "--set", "input.documents=file", "--set", "lm.unit=char", "--set", "lm.sequenceLength=64",
                "--set", "split.trainFraction=0.8", "--set", "split.testFraction=0.1",
                "--set", "model.layers=1", "--set", "model.hidden=48", "--set", "model.embedding=16",
                "--set", "model.dropout=0", "--set", "train.epochs=12", "--set", "train.batchSize=8",
                "--set", "train.tbptt=16", "--set", "train.averagingFrequency=2", "--set", "train.learningRate=0.01",
                "--set", "train.earlyStopping.patience=0", "--set", "generate.maxTokens=40",
                "--set", "generate.temperature=0.8", "--set", "generate.seed=11", "--set", "score.outputFormats=jsonl"));
        args.addAll(Arrays.asList(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void prepareCutsTheCorpusByOffsetOnHdfs() {
        CliRun r = cli("prepare");
        assertEquals(0, r.exitCode(), r.err());
        int units = corpus(0).length() + 1 + corpus(1).length();
        long train = (long) Math.floor(units * 0.8);
        long test = (long) Math.floor(units * 0.1);
        assertTrue(r.out().contains("  input: 2 documents (file), rejected 0"), r.out());
        assertTrue(r.out().contains("  train: " + train + " char units, "), r.out());
        assertTrue(r.out().contains("  test: " + test + " char units, "), r.out());
        assertTrue(hdfs.exists("/runs/lm/prepared/_SUCCESS"));
        assertTrue(hdfs.exists("/runs/lm/prepared/vocabulary.txt"));
    }

    @Test
    @Order(2)
    void trainAndEvaluateBeatTheUnigramOnTheTestStream() throws Exception {
        CliRun t = cli("train");
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(hdfs.exists("/runs/lm/model/_SUCCESS"));

        CliRun e = cli("evaluate");
        assertEquals(0, e.exitCode(), e.err());
        Map<String, Object> json = Json.readMap(hdfs.read("/runs/lm/metrics/metrics.json"));
        assertEquals("lm", json.get("task"));
        @SuppressWarnings("unchecked")
        Map<String, Number> metrics = (Map<String, Number>) json.get("metrics");
        double crossEntropy = metrics.get("crossEntropy").doubleValue();
        double unigram = metrics.get("baseline.unigram-add1.crossEntropy").doubleValue();
        assertTrue(crossEntropy < unigram - 0.5, "LSTM " + crossEntropy + " nats/char, unigram " + unigram);
        assertEquals(Math.exp(crossEntropy), metrics.get("perplexity").doubleValue(), 1e-9);
        assertEquals(crossEntropy / Math.log(2), metrics.get("bitsPerCharacter").doubleValue(), 1e-9);
        @SuppressWarnings("unchecked")
        Map<String, Object> evaluation = (Map<String, Object>) json.get("evaluation");
        assertEquals("test", evaluation.get("split"), "auto: the test stream prepare wrote");
        assertTrue(e.out().contains(String.format("  cross-entropy %.4f nats/unit", crossEntropy)), e.out());
        assertTrue(hdfs.exists("/runs/lm/metrics-history"));
        // report.html: the network against the baselines, as a chart and a table
        String report = hdfs.read("/runs/lm/metrics/report.html");
        ReportInBrowser.assertCharts(report, List.of("learning-curves", "perplexity-vs-baselines"));
        assertTrue(report.contains("<tr><td>network</td><td class=\"n\">" + ReportPage.number(crossEntropy)
                + "</td>"), report);
    }

    @Test
    @Order(3)
    void generationWithOneSeedIsTheSameTextInTwoRuns() throws Exception {
        CliRun first = cli("score");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("  score: lines read 3, written 2, rejected 1 (empty_text 1)"), first.out());
        String firstText = hdfs.read("/runs/lm/predictions/predictions.jsonl");
        CliRun second = cli("score", "--set", "paths.predictions=" + hdfs.uri("/runs/lm/predictions-again"));
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(firstText, hdfs.read("/runs/lm/predictions-again/predictions.jsonl"));
        List<String> rows = firstText.lines().toList();
        assertEquals(2, rows.size(), firstText);
        assertTrue(rows.get(0).startsWith("{\"line\":1,\"sample\":0,\"prompt\":\"the cat\",\"generated\":"),
                rows.get(0));
        assertTrue(rows.get(1).startsWith("{\"line\":3,\"sample\":0,\"prompt\":\"a dog ran\",\"generated\":"),
                rows.get(1));

        CliRun otherSeed = cli("score", "--set", "paths.predictions=" + hdfs.uri("/runs/lm/predictions-seed-12"),
                "--set", "generate.seed=12");
        assertEquals(0, otherSeed.exitCode(), otherSeed.err());
        assertNotEquals(firstText, hdfs.read("/runs/lm/predictions-seed-12/predictions.jsonl"));
    }

    @Test
    @Order(4)
    void likelihoodScoringRanksTheCorpusLikeTextAboveNoise() throws Exception {
        CliRun r = cli("score", "--set", "score.mode=likelihood", "--set", "input.documents=line",
                "--set", "paths.score=" + hdfs.uri("/data/documents"),
                "--set", "paths.predictions=" + hdfs.uri("/runs/lm/likelihood"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  score: documents read 2, written 2, rejected 0"), r.out());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : hdfs.read("/runs/lm/likelihood/predictions.jsonl").lines().toList()) {
            rows.add(Json.readMap(line));
        }
        assertEquals(2, rows.size());
        assertEquals("the cat sat on the mat.", rows.get(0).get("text"));
        assertEquals(23, ((Number) rows.get(0).get("units")).intValue());
        double seen = ((Number) rows.get(0).get("cross_entropy")).doubleValue();
        double noise = ((Number) rows.get(1).get("cross_entropy")).doubleValue();
        assertTrue(seen < 1.0 && noise > 2 * seen, "a corpus line " + seen + " nats/char, noise " + noise);
    }

    @Test
    @Order(5)
    void aBidirectionalLanguageModelIsAConfigError() {
        CliRun r = cli("train", "--set", "model.bidirectional=true");
        assertEquals(SeqPipeCli.USAGE, r.exitCode());
        assertEquals("seqpipe: error: invalid config: model.bidirectional must be false for a language model (it "
                + "predicts each unit from the units before it only), got true", r.reason());
    }

    @Test
    @Order(6)
    void theLanguageModelNotebookRunsAgainstThisRun(@TempDir Path tmp) throws Exception {
        Path work = NotebookExecution.copyRun(hdfs, "/runs/lm", tmp.resolve("run"), "model/provenance.json",
                "metrics/metrics.json", "predictions/predictions.jsonl", "likelihood/predictions.jsonl");
        String executed = Json.write(NotebookExecution.execute("lm-results.ipynb", work, tmp));
        assertTrue(executed.contains("--- predictions, line "), "the sampled text is printed: " + executed);
    }
}
