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
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void trainEvaluateAndScoreOnHdfs(@TempDir java.nio.file.Path tmp) throws Exception {
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
        String report = hdfs.read("/runs/ner/metrics/report.html");
        boolean errors = !((List<?>) json.get("topErrors")).isEmpty();
        ReportInBrowser.assertCharts(report, errors ? List.of("learning-curves", "per-entity-type", "per-tag",
                "most-confused", "confusion-matrix") : List.of("learning-curves", "per-entity-type", "per-tag",
                "confusion-matrix"));
        assertEquals(errors, !report.contains("<p>No token was tagged wrong.</p>"), report);
        assertTrue(report.contains("<td>PER</td>"), "the per-type table");
        ReportInBrowser.render(report, tmp, 1100, 3600);

        CliRun s = cli("score", "--set", "score.outputFormats=jsonl");
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

    /** The tokens of each sentence of a CoNLL-2003 file (first column), -DOCSTART- skipped. */
    static List<List<String>> sentences(java.nio.file.Path conll) throws Exception {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(conll)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    out.add(current);
                }
                current = new ArrayList<>();
            } else if (!line.startsWith("-DOCSTART-")) {
                current.add(line.split("\\s+")[0]);
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /**
     * seqpipe embed on HDFS: word2vec vectors of the train and dev sentences, one vector per word seen twice, most
     * frequent first; refused over an existing output; then prepare with model.embeddings.path = that output takes
     * the dev-only words into the vocabulary (union).
     */
    @Test
    @Order(4)
    void embedTrainsVectorsThatPrepareLoads() throws Exception {
        List<List<String>> sentences = new ArrayList<>(sentences(Fixtures.fixture("tagging/synthetic/train.conll")));
        List<List<String>> devSentences = sentences(Fixtures.fixture("tagging/synthetic/dev.conll"));
        sentences.addAll(devSentences);
        java.nio.file.Path corpus = java.nio.file.Files.createTempFile("corpus", ".txt");
        java.nio.file.Files.write(corpus, sentences.stream().map(t -> String.join(" ", t)).toList());
        hdfs.upload(corpus, "/data/corpus/part-0.txt");
        Map<String, Long> counts = new java.util.TreeMap<>();
        sentences.forEach(t -> t.forEach(w -> counts.merge(w, 1L, Long::sum)));
        List<String> expected = counts.entrySet().stream().filter(e -> e.getValue() >= 2)
                .sorted(io.seqpipe.text.VocabularyBuilder.BY_FREQUENCY).map(Map.Entry::getKey).toList();

        String[] embed = {"embed", "--set", "embed.input=" + hdfs.uri("/data/corpus"), "--set",
            "embed.output=" + hdfs.uri("/runs/vectors"), "--set", "embed.vectorSize=16", "--set", "embed.minCount=2",
            "--set", "embed.maxIter=2"};
        CliRun r = CliRun.of(embed);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("seqpipe embed: master local"), r.out());
        assertTrue(r.out().contains("  reads  embed.input   " + hdfs.uri("/data/corpus")), r.out());
        assertTrue(r.out().contains("embed: wrote " + hdfs.uri("/runs/vectors") + "\n  " + sentences.size()
                + " sentences, " + counts.values().stream().mapToLong(Long::longValue).sum() + " tokens; "
                + expected.size() + " words with a vector"), r.out());
        List<String> files = new ArrayList<>();
        for (FileStatus f : hdfs.fs().listStatus(new Path("/runs/vectors"))) {
            files.add(f.getPath().getName());
        }
        files.sort(null);
        assertEquals(List.of("_SUCCESS", "config.resolved.conf", "summary.json", "vectors.txt"), files);

        List<String> words = new ArrayList<>();
        io.seqpipe.text.embeddings.EmbeddingsReader.Summary read;
        try (java.io.InputStream in = hdfs.fs().open(new Path("/runs/vectors/vectors.txt"))) {
            read = io.seqpipe.text.embeddings.EmbeddingsReader.read(in, "vectors.txt",
                    io.seqpipe.text.embeddings.EmbeddingsFormat.AUTO, (w, v) -> words.add(w));
        }
        assertEquals(io.seqpipe.text.embeddings.EmbeddingsFormat.WORD2VEC_TEXT, read.format());
        assertEquals(16, read.dimension());
        assertEquals(expected, words, "every word seen twice, most frequent first, ties by word");

        CliRun again = CliRun.of(embed);
        assertEquals(SeqPipeCli.FAILED, again.exitCode());
        assertTrue(again.reason().contains("already exists; remove it or pass --overwrite"), again.reason());

        CliRun p = cli("prepare", "--set", "paths.prepared=" + hdfs.uri("/runs/ner-vectors/prepared"),
                "--set", "model.embeddings.path=" + hdfs.uri("/runs/vectors"));
        assertEquals(0, p.exitCode(), p.err());
        List<String> vocabulary = List.of(hdfs.read("/runs/ner-vectors/prepared/vocabulary.txt").split("\n"));
        Set<String> trainForms = new java.util.HashSet<>();
        sentences(Fixtures.fixture("tagging/synthetic/train.conll")).forEach(t -> t.forEach(w -> trainForms.add(
                w.toLowerCase(java.util.Locale.ROOT).replaceAll("[1-9]", "0"))));
        List<String> devOnly = expected.stream().map(w -> w.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[1-9]", "0")).filter(f -> !trainForms.contains(f)).distinct().toList();
        assertFalse(devOnly.isEmpty(), "the dev split has names train lacks");
        assertTrue(vocabulary.containsAll(devOnly), "union: " + devOnly + " in " + vocabulary);
    }

    @Test
    @Order(5)
    void theTaggingNotebookRunsAgainstThisRun(@TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path work = NotebookExecution.copyRun(hdfs, "/runs/ner", tmp.resolve("run"),
                "model/provenance.json", "metrics/metrics.json", "predictions/predictions.jsonl");
        NotebookExecution.execute("tagging-results.ipynb", work, tmp);
    }
}
