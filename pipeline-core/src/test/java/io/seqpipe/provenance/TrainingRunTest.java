package io.seqpipe.provenance;

import io.seqpipe.io.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code training} object of {@code provenance.json}: every key its readers and docs/FORMATS.md name. */
class TrainingRunTest {

    /** A sentiment-like run: examples, no token counts, resumed once. */
    static TrainingRun sample() {
        return new TrainingRun("2026-01-01T00:00:00Z", "local[2]", 2, "examples", 241, 60, 3, 2, 12.5, 57.8, 1234,
                null, 0.75, 0, Map.of("0@127.0.0.1", 17L), "checkpoint-e00002-r000001",
                List.of("checkpoint-e00009-r000000: incomplete"), 2, "file:/w/checkpoints", Map.of(), Double.NaN,
                Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> written(TrainingRun run) {
        Provenance p = new Provenance("sentiment", "2026-01-01T00:00:00Z", 1, Map.of(), List.of(), 3,
                List.of("neg", "pos"), Map.of(), run, Map.of("trainLoss", 0.5), List.of());
        return (Map<String, Object>) Json.readMap(Json.write(p)).get("training");
    }

    @Test
    void sentimentRunWritesEveryDocumentedKeyWithItsValue() {
        Map<String, Object> t = written(sample());
        // the keys of docs/FORMATS.md, ClusterEndToEndIT and README's resume table, before the typed record
        for (String key : List.of("startedAt", "master", "defaultParallelism", "trainExamples", "validationExamples",
                "epochsRun", "bestEpoch", "seconds", "examplesPerSecond", "parameters", "earlyStop", "executors",
                "resumedFrom", "skippedCheckpoints", "checkpointsWritten", "checkpointDir")) {
            assertTrue(t.containsKey(key), key + " missing from " + t);
        }
        assertEquals("local[2]", t.get("master"));
        assertEquals(2, t.get("defaultParallelism"));
        assertEquals(241, ((Number) t.get("trainExamples")).intValue());
        assertEquals(60, ((Number) t.get("validationExamples")).intValue());
        assertEquals(Map.of("0@127.0.0.1", 17), t.get("executors"));
        assertEquals("checkpoint-e00002-r000001", t.get("resumedFrom"));
        assertEquals(List.of("checkpoint-e00009-r000000: incomplete"), t.get("skippedCheckpoints"));
        assertEquals(2, t.get("checkpointsWritten"));
        assertEquals("file:/w/checkpoints", t.get("checkpointDir"));
        assertEquals(null, t.get("earlyStop"), "null values are written: the key is there");
        assertFalse(t.containsKey("tokensPerSecond"), "no tokens counted, no token throughput");
    }

    @Test
    void taggingRunKeepsItsSentenceNamesAndTokenCounts() {
        TrainingRun s = sample();
        TrainingRun tagging = new TrainingRun(s.startedAt(), s.master(), 1, "sentences", 298, 40, 5, 5, 10, 149.0,
                99, "no improvement in 2 epochs", 0.8, 64, s.executors(), null, List.of(), 10, "file:/c",
                Map.of("trainTokens", 3000L), 1500.0, Map.of());
        Map<String, Object> t = written(tagging);
        Set<String> expected = new TreeSet<>(List.of("startedAt", "master", "defaultParallelism", "trainSentences",
                "trainTokens", "validationSentences", "epochsRun", "bestEpoch", "seconds", "sentencesPerSecond",
                "tokensPerSecond", "paddingEfficiency", "lengthBucketPool", "executors", "parameters", "earlyStop",
                "resumedFrom", "checkpointsWritten"));
        assertTrue(t.keySet().containsAll(expected), "missing " + missing(expected, t.keySet()));
        assertEquals(298, t.get("trainSentences"));
        assertEquals(298, t.get("trainExamples"), "every task also writes the common names");
        assertEquals(40, t.get("validationSentences"));
        assertEquals(149.0, t.get("sentencesPerSecond"));
        assertEquals(3000, t.get("trainTokens"));
        assertEquals(1500.0, t.get("tokensPerSecond"));
        assertEquals(64, t.get("lengthBucketPool"));
        assertEquals(0.8, t.get("paddingEfficiency"));
        assertEquals("no improvement in 2 epochs", t.get("earlyStop"));
    }

    @Test
    void translationAndForecastRunsKeepTheirKeys() {
        TrainingRun s = sample();
        Map<String, Object> translation = written(new TrainingRun(s.startedAt(), s.master(), 2, "pairs", 119, 40, 30,
                29, 60, 59.5, 5000, null, 0.9, 32, s.executors(), null, List.of(), 0, "file:/c",
                Map.of("sourceTokens", 700L, "targetTokens", 800L), 750.0, Map.of()));
        Set<String> expected = new TreeSet<>(List.of("trainPairs", "sourceTokens", "targetTokens", "validationPairs",
                "pairsPerSecond", "tokensPerSecond", "paddingEfficiency", "lengthBucketPool", "skippedCheckpoints",
                "checkpointDir"));
        assertTrue(translation.keySet().containsAll(expected), "missing " + missing(expected, translation.keySet()));
        assertEquals(119, translation.get("trainPairs"));
        assertEquals(800, translation.get("targetTokens"));

        Map<String, Object> forecast = written(new TrainingRun(s.startedAt(), s.master(), 2, "windows", 158, 14, 15, 12,
                8, 296.0, 900, null, 1.0, 0, s.executors(), null, List.of(), 0, "file:/c", Map.of(), Double.NaN,
                Map.of("features", List.of("passengers", "month=1"))));
        assertEquals(158, forecast.get("trainWindows"));
        assertEquals(14, forecast.get("validationWindows"));
        assertEquals(296.0, forecast.get("windowsPerSecond"));
        assertEquals(List.of("passengers", "month=1"), forecast.get("features"));
    }

    @Test
    void anExtraMayNotReplaceAKeyOfTheRun() {
        TrainingRun s = sample();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingRun(
                s.startedAt(), s.master(), 1, "windows", 1, 0, 1, 1, 1, 1, 1, null, 1, 0, Map.of(), null, List.of(), 0,
                "d", Map.of(), Double.NaN, Map.of("trainWindows", 5)));
        assertEquals("training extra 'trainWindows' would replace a key of the run", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingRun(s.startedAt(), s.master(), 1, "Windows", 1,
                0, 1, 1, 1, 1, 1, null, 1, 0, Map.of(), null, List.of(), 0, "d", Map.of(), Double.NaN, Map.of()));
    }

    private static Set<String> missing(Set<String> expected, Set<String> actual) {
        Set<String> m = new TreeSet<>(expected);
        m.removeAll(actual);
        return m;
    }
}
