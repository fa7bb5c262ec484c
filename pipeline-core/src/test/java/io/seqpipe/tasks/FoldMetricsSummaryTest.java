package io.seqpipe.tasks;

import io.seqpipe.SeqPipeException;
import io.seqpipe.io.Json;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code evaluate.foldMetrics} on the local filesystem (no Spark). */
class FoldMetricsSummaryTest {

    private static void metrics(Path dir, String task, double accuracy, double f1) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metrics.json"), Json.write(Map.of("task", task, "metrics",
                Map.of("accuracy", accuracy, "macroF1", f1))));
    }

    @Test
    void writesTheMeanAndSpreadOfEveryMetricOverTheGlobbedFolds(@TempDir Path dir) throws Exception {
        metrics(dir.resolve("fold-0/metrics"), "sentiment", 0.80, 0.70);
        metrics(dir.resolve("fold-1/metrics"), "sentiment", 0.90, 0.74);
        metrics(dir.resolve("fold-2/metrics"), "sentiment", 0.85, 0.72);
        String out = dir.resolve("cv").toString();
        FoldMetricsSummary.Report r = FoldMetricsSummary.run("sentiment", List.of(dir + "/fold-*/metrics"), out, false,
                new Configuration());
        assertEquals(3, r.runs().size());
        Map<String, Object> json = Json.readMap(Files.readString(dir.resolve("cv/metrics.json")));
        Map<?, ?> means = (Map<?, ?>) json.get("metrics");
        assertEquals(0.85, (Double) means.get("accuracy"), 1e-12);
        assertEquals(0.72, (Double) means.get("macroF1"), 1e-12);
        assertEquals(means, r.metrics(), "the typed metrics are the ones written");
        assertEquals(r.output(), r.metricsPath());
        Map<?, ?> accuracy = (Map<?, ?>) ((Map<?, ?>) json.get("spread")).get("accuracy");
        assertEquals(0.05, (Double) accuracy.get("std"), 1e-12);
        assertTrue(Files.exists(dir.resolve("cv/_SUCCESS")));
        assertEquals("  accuracy                 0.8500 ± 0.0500 (min 0.8000, max 0.9000)", r.lines().get(1));
    }

    @Test
    void refusesOneRunAndAnotherTasksMetrics(@TempDir Path dir) throws Exception {
        metrics(dir.resolve("a"), "sentiment", 0.8, 0.7);
        assertTrue(assertThrows(SeqPipeException.class, () -> FoldMetricsSummary.run("sentiment",
                List.of(dir.resolve("a").toString()), dir.resolve("cv").toString(), false, new Configuration()))
                .getMessage().contains("a spread needs at least 2"));
        metrics(dir.resolve("b"), "ner", 0.8, 0.7);
        assertTrue(assertThrows(SeqPipeException.class, () -> FoldMetricsSummary.run("sentiment",
                List.of(dir + "/a", dir + "/b"), dir.resolve("cv").toString(), false, new Configuration()))
                .getMessage().endsWith("is a metrics.json of task ner, not sentiment"));
    }
}
