package io.seqpipe.report;

import io.seqpipe.SeqPipeException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunComparisonTest {

    private static Map<String, Double> metrics(Object... keyValues) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], ((Number) keyValues[i + 1]).doubleValue());
        }
        return m;
    }

    private static ComparedRun run(String location, String task, Map<String, Double> metrics,
                                   Map<String, Object> config) {
        return new ComparedRun(location, task, location + "/model", "dev.tsv", "id-" + location.length(),
                "2026-11-23T10:00:00Z", metrics, LearningCurve.fromProvenance(List.of(), null), config, List.of());
    }

    private static Map<String, Object> config(int hidden, String password, Object epochs) {
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("epochs", epochs);
        train.put("seed", 7);
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("password", password);
        db.put("url", "hdfs://ann:" + password + "@nn:8020/x");
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("task", "sentiment");
        c.put("model", Map.of("hidden", hidden, "cell", "lstm"));
        c.put("train", train);
        c.put("db", db);
        c.put("labels", Map.of("values", List.of("0", "1")));
        return c;
    }

    @Test
    void headlineMetricsComeFirstThenTheRestByNameWithTheBestOfEachRowMarked() {
        RunComparison c = RunComparison.of(List.of(
                run("/w/lstm", "sentiment", metrics("loss", 0.45, "accuracy", 0.8326, "auc", 0.9018,
                        "precision.0", 0.84, "f1.macro", 0.83), config(128, "s1", 3)),
                run("/w/gru", "sentiment", metrics("accuracy", 0.8085, "loss", 0.41, "auc", 0.9018,
                        "precision.0", Double.NaN, "f1.macro", 0.80, "brevity_penalty", 1.0), config(64, "s2", 3))));
        assertEquals(List.of("lstm", "gru"), c.names());
        assertEquals(List.of("accuracy", "f1.macro", "auc", "loss", "brevity_penalty", "precision.0"),
                c.metrics().stream().map(RunComparison.MetricRow::metric).toList());
        RunComparison.MetricRow accuracy = c.metrics().get(0);
        assertEquals(List.of(0.8326, 0.8085), accuracy.values());
        assertEquals(List.of(0), accuracy.best());
        assertEquals(List.of(1), c.metrics().get(3).best(), "lower loss is better");
        assertEquals(RunComparison.Direction.LOWER, c.metrics().get(3).direction());
        assertEquals(List.of(), c.metrics().get(2).best(), "all equal: no mark");
        assertEquals(List.of(0, 2), RunComparison.best(List.of(0.9, 0.8, 0.9), RunComparison.Direction.HIGHER),
                "a tie for the best marks both");
        assertEquals(List.of(1), RunComparison.best(Arrays.asList(0.9, 0.3, null, Double.NaN),
                RunComparison.Direction.LOWER));
        RunComparison.MetricRow brevity = c.metrics().get(4);
        assertEquals(Arrays.asList(null, 1.0), brevity.values(), "absent where a run lacks the metric");
        assertEquals(List.of(), brevity.best());
        assertEquals(List.of(), c.metrics().get(5).best(), "NaN is no value: one number is no contest");
    }

    @Test
    void configDifferencesListTheKeysWhoseValuesDifferWithSecretsMasked() {
        Map<String, Object> third = config(128, "s3", 5);
        third.remove("labels");
        RunComparison c = RunComparison.of(List.of(run("a", "sentiment", Map.of(), config(128, "s1", 3)),
                run("b", "sentiment", Map.of(), config(64, "s2", 3)), run("c", "sentiment", Map.of(), third)));
        List<RunComparison.ConfigDifference> d = c.configDifferences();
        assertEquals(List.of("labels.values", "model.hidden", "train.epochs"),
                d.stream().map(RunComparison.ConfigDifference::key).toList(), "secrets are masked, so equal");
        assertEquals(Arrays.asList("[0, 1]", "[0, 1]", null), d.get(0).values());
        assertEquals(List.of("128", "64", "128"), d.get(1).values());
        assertEquals(List.of("3", "3", "5"), d.get(2).values());
        Map<String, String> flat = RunComparison.flatten(config(1, "hunter2", 1));
        assertEquals("*****", flat.get("db.password"));
        assertEquals("hdfs://ann:*****@nn:8020/x", flat.get("db.url"));
        assertFalse(flat.toString().contains("hunter2"), flat.toString());
    }

    @Test
    void keysThatDifferOnlyAsPathsWorkDoesAreNamedApart() {
        Map<String, Object> a = config(1, "x", 1);
        a.put("paths", Map.of("work", "/w/a", "model", "/w/a/model", "test", "/data/dev.tsv"));
        Map<String, Object> b = config(1, "x", 1);
        b.put("paths", Map.of("work", "/w/b", "model", "/w/b/model", "test", "/data/test.tsv"));
        RunComparison c = RunComparison.of(List.of(run("a", "ner", Map.of(), a), run("b", "ner", Map.of(), b)));
        assertEquals(List.of("paths.test", "paths.work"), c.configDifferences().stream()
                .map(RunComparison.ConfigDifference::key).toList());
        assertEquals(List.of("paths.model"), c.keysFollowingWork());
        a.put("paths", Map.of("work", "/w", "model", "/w/a/model"));
        b.put("paths", Map.of("work", "/w", "model", "/w/b/model"));
        RunComparison sameWork = RunComparison.of(List.of(run("a", "ner", Map.of(), a), run("b", "ner", Map.of(), b)));
        assertEquals(List.of("paths.model"), sameWork.configDifferences().stream()
                .map(RunComparison.ConfigDifference::key).toList(), "one paths.work: the model paths do differ");
        assertEquals(List.of(), sameWork.keysFollowingWork());
    }

    @Test
    void aRunWithoutConfigIsLeftOutOfTheDifferences() {
        RunComparison c = RunComparison.of(List.of(run("a", "ner", Map.of(), config(1, "x", 1)),
                run("b", "ner", Map.of(), null), run("c", "ner", Map.of(), config(2, "x", 1))));
        assertTrue(c.configsCompared());
        assertEquals(1, c.configDifferences().size());
        assertEquals(Arrays.asList("1", null, "2"), c.configDifferences().get(0).values());
        RunComparison alone = RunComparison.of(List.of(run("a", "ner", Map.of(), config(1, "x", 1)),
                run("b", "ner", Map.of(), null)));
        assertFalse(alone.configsCompared());
        assertEquals(List.of(), alone.configDifferences());
    }

    @Test
    void runsOfDifferentTasksOrFewerThanTwoAreRefusedNamingThem() {
        SeqPipeException e = assertThrows(SeqPipeException.class, () -> RunComparison.of(List.of(
                run("/w/sst", "sentiment", Map.of(), null), run("/w/conll", "ner", Map.of(), null))));
        assertEquals("runs of different tasks cannot be compared: /w/sst is sentiment, /w/conll is ner",
                e.getMessage());
        assertThrows(SeqPipeException.class, () -> RunComparison.of(List.of(run("a", "ner", Map.of(), null))));
    }

    @Test
    void namesAreTheFewestTrailingPathElementsThatTellTheRunsApart() {
        assertEquals(List.of("lstm", "gru"), RunComparison.names(List.of("hdfs://nn:8020/w/lstm", "file:/w/gru/")));
        assertEquals(List.of("2026-11-23/challenger-metrics", "2026-11-24/challenger-metrics"),
                RunComparison.names(List.of("hdfs://nn/jobs/retrain/2026-11-23/challenger-metrics",
                        "hdfs://nn/jobs/retrain/2026-11-24/challenger-metrics")));
        assertEquals(List.of("w/a #1", "w/b", "w/a #3"), RunComparison.names(List.of("w/a", "w/b", "w/a")));
    }

    @Test
    void directionsFollowTheMetricsName() {
        for (String lower : List.of("loss", "rmse", "naive.mase", "baseline.bigram-kn.perplexity", "crossEntropy",
                "bitsPerCharacter", "ets.smape", "trainLoss")) {
            assertEquals(RunComparison.Direction.LOWER, RunComparison.direction(lower), lower);
        }
        for (String higher : List.of("accuracy", "f1.LOC", "precision.0", "auc", "bleu", "beats_naive",
                "token_accuracy")) {
            assertEquals(RunComparison.Direction.HIGHER, RunComparison.direction(higher), higher);
        }
        assertEquals(RunComparison.Direction.NONE, RunComparison.direction("length_ratio"));
    }

    @Test
    void theJsonHoldsTheSameTableWithTheBestRunsByName() {
        RunComparison c = RunComparison.of(List.of(run("/w/a", "pos", metrics("token_accuracy", 0.95), null),
                run("/w/b", "pos", metrics("token_accuracy", 0.96), null)));
        Map<String, Object> json = c.toJson();
        assertEquals("pos", json.get("task"));
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) json.get("metrics")).get(0);
        assertEquals("token_accuracy", row.get("metric"));
        assertEquals("higher", row.get("better"));
        assertEquals(List.of(0.95, 0.96), row.get("values"));
        assertEquals(List.of("b"), row.get("best"));
        assertEquals(false, json.get("configsCompared"));
    }

    @Test
    void thePageShowsTheTableWithMarksTheOverlaidCurvesAndTheDifferences() {
        List<Map<String, Object>> h1 = List.of(Map.of("epoch", 1, "loss", 0.6, "validation", 0.7),
                Map.of("epoch", 2, "loss", 0.4, "validation", 0.8));
        List<Map<String, Object>> h2 = List.of(Map.of("epoch", 1, "loss", 0.5, "validation", 0.75));
        Map<String, Object> provenanceMetrics = Map.of("validationAccuracy", 0.8);
        ComparedRun a = new ComparedRun("/w/a", "sentiment", "/w/a/model", "dev.tsv", "r1", "t1",
                metrics("accuracy", 0.8), LearningCurve.fromProvenance(h1, provenanceMetrics), config(1, "x", 1),
                List.of(new ComparedRun.Evaluation("r0", "t0", "old.tsv", metrics("accuracy", 0.7)),
                        new ComparedRun.Evaluation("r1", "t1", "dev.tsv", metrics("accuracy", 0.8))));
        ComparedRun b = new ComparedRun("/w/b", "sentiment", "/w/b/model", "dev.tsv", "r2", "t2",
                metrics("accuracy", 0.75), LearningCurve.fromProvenance(h2, provenanceMetrics), config(2, "x", 1),
                List.of());
        String html = ComparisonPage.html(RunComparison.of(List.of(a, b)));
        assertTrue(html.contains("<tr><th>metric</th><th>a</th><th>b</th></tr>\n<tr><td>accuracy</td>"
                + "<td class=\"n best\">0.8000</td><td class=\"n\">0.7500</td></tr>"), html);
        assertTrue(html.contains("<img id=\"training-loss\""), html);
        assertTrue(html.contains("<img id=\"validation-metric\" class=\"chart\" width=\"800\" height=\"380\" "
                + "alt=\"validationAccuracy per epoch, one line per run\""), html);
        assertTrue(html.contains("<tr><td>model.hidden</td><td class=\"n\">1</td><td class=\"n\">2</td></tr>"),
                html);
        assertTrue(html.contains("<tr><td>a</td><td>r0</td><td>t0</td><td>old.tsv</td><td class=\"n\">0.7000</td>"),
                html);
        assertTrue(html.contains("No history rows: b."), html);
    }
}
