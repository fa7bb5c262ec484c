package io.seqpipe.tasks;

import io.seqpipe.io.Json;
import io.seqpipe.tasks.classification.PrepareClassificationData;
import io.seqpipe.tasks.forecast.PrepareForecastData;
import io.seqpipe.tasks.tagging.PrepareTaggingData;
import io.seqpipe.tasks.translation.PrepareTranslationData;
import io.seqpipe.forecast.CleaningSummary;
import io.seqpipe.forecast.WindowingSummary;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The summaries {@code prepare} returns: the lines the CLI prints from each (as it always has), and
 * {@code summary.json} holding the record's fields only.
 */
class PrepareSummariesTest {
    private static final String OUT = "file:/w/prepared";

    private static Map<String, SplitCounts> splits() {
        Map<String, SplitCounts> splits = new LinkedHashMap<>();
        splits.put("train", SplitCounts.of("a.txt", Map.of(SplitCounts.WRITTEN, 8L, "empty_text", 2L)));
        splits.put("validation", SplitCounts.of("b.txt", Map.of(SplitCounts.WRITTEN, 3L)));
        return splits;
    }

    @Test
    void classification() {
        CharsetHint hint = CharsetHint.of("UTF-8", "input.charset", 2);
        var s = new PrepareClassificationData.Summary(OUT, splits(), 120, List.of("neg", "pos"), 4,
                "random (seed 3, validation 0.1, test 0.2)", hint);
        assertEquals(List.of(
                "prepare: wrote file:/w/prepared",
                "  split of paths.train: random (seed 3, validation 0.1, test 0.2)",
                "  train: read 10, written 8, rejected 2 (empty_text 2)",
                "  validation: read 3, written 3, rejected 0",
                "  vocabulary 120 entries, labels [neg, pos], truncated examples 4",
                "  " + hint.describe(),
                "  rejects: file:/w/prepared/rejects (2 lines)"), s.lines());
        assertEquals(List.of("output", "splits", "vocabularySize", "labels", "tokensTruncatedExamples", "split",
                "charsetHint"), List.copyOf(Json.readMap(Json.write(s)).keySet()));
    }

    @Test
    void tagging() {
        var s = new PrepareTaggingData.Summary(OUT, splits(), Map.of("train", 80L, "validation", 21L), 500,
                Map.of("prefix2", 40), List.of("B-PER", "O"), 1, null, null);
        assertEquals(List.of(
                "prepare: wrote file:/w/prepared",
                "  train: sentences read 10, written 8, rejected 2 (empty_text 2), tokens 80",
                "  validation: sentences read 3, written 3, rejected 0, tokens 21",
                "  word vocabulary 500, affix vocabularies {prefix2=40}, training sentences cut to"
                        + " sequence.maxTrainLength: 1",
                "  tags (2): [B-PER, O]",
                "  rejects: file:/w/prepared/rejects (2 sentences)"), s.lines());
        assertEquals(List.of("output", "splits", "tokens", "vocabularySize", "affixVocabularySizes", "tags",
                "cutSentences", "split", "charsetHint"), List.copyOf(Json.readMap(Json.write(s)).keySet()));
    }

    @Test
    void translation() {
        var s = new PrepareTranslationData.Summary(OUT, splits(), Map.of("train", 70L, "validation", 20L),
                Map.of("train", 75L, "validation", 22L), "de", 300, "en", 280);
        assertEquals(List.of(
                "prepare: wrote file:/w/prepared",
                "  train: pairs read 10, written 8, rejected 2 (empty_text 2), source tokens 70, target tokens 75",
                "  validation: pairs read 3, written 3, rejected 0, source tokens 20, target tokens 22",
                "  vocabularies: source (de) 300, target (en) 280",
                "  rejects: file:/w/prepared/rejects (2 pairs)"), s.lines());
    }

    @Test
    void forecast() {
        CleaningSummary c = new CleaningSummary(2, 100, 0, 0, 0, 3, 4, 1, 5, 5, 0, 2, 103);
        WindowingSummary w = new WindowingSummary(2, 1, 50, 10, 12, 6);
        var s = new PrepareForecastData.Summary(OUT, "file:/in.csv", List.of("file:/in.csv"), 110, 7,
                Map.of("bad_number", 7L), c, w, 0, 0, 24, 3, List.of("value", "x", "y"), 6, List.of("value"), 2,
                null);
        assertEquals(List.of(
                "prepare: wrote file:/w/prepared",
                "  input: read 110 rows, rejected 7 {bad_number=7}",
                "  cleaning: 2 series, 103 steps (forward-filled 3, interpolated 4 values; 1 gaps, 5 steps inserted;"
                        + " 2 edge rows trimmed)",
                "  windows: train 50, validation 10 (the last 2 origins before the test part of each series), test 12"
                        + " (L 24 x 3 features -> H 6 x [value]; 6 straddling a split boundary dropped, 1 series too"
                        + " short)",
                "  rejects: file:/w/prepared/rejects (7 rows)"), s.lines());
        assertEquals(false, Json.readMap(Json.write(s)).containsKey("lines"));
    }
}
