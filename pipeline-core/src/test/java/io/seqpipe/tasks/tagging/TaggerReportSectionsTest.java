package io.seqpipe.tasks.tagging;

import io.seqpipe.eval.ConfusionMatrix;
import io.seqpipe.report.ReportPage;
import io.seqpipe.tagging.ChunkCounts;
import io.seqpipe.tagging.EntityMetrics;
import io.seqpipe.tagging.TaggingAccuracy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tagging part of report.html, from hand-made counts: what it shows and in which order. */
class TaggerReportSectionsTest {
    private static final List<String> TAGS = List.of("O", "B-PER", "I-PER", "B-LOC");

    private static EvaluateTagger.Report report(ConfusionMatrix m, EntityMetrics entities) {
        List<String> names = new ArrayList<>(TAGS);
        names.add(TaggerEvaluation.UNSEEN_TAG);
        TaggingAccuracy accuracy = TaggingAccuracy.of(m, names, 3);
        return new EvaluateTagger.Report("run", "ner", "model", "data", null, accuracy.tokens(), entities, accuracy,
                "metrics", "history");
    }

    @Test
    void nerShowsTypesTagsTheMostConfusedPairsMostFrequentFirstAndTheMatrix() {
        ConfusionMatrix m = new ConfusionMatrix(TAGS.size() + 1);
        for (int i = 0; i < 20; i++) {
            m.add(0, 0);
        }
        m.add(1, 1).add(1, 3).add(1, 3).add(2, 2).add(2, 0).add(3, 3).add(3, 1).add(3, 1).add(3, 1);
        EntityMetrics entities = EntityMetrics.of(new ChunkCounts().add(List.of("B-PER", "I-PER", "O", "B-LOC"),
                List.of("B-PER", "I-PER", "O", "B-PER")));
        ReportPage page = new ReportPage("t");
        EvaluateTagger.reportSections(report(m, entities), TAGS, m).addTo(page);
        assertEquals(List.of("per-entity-type", "per-tag", "most-confused", "confusion-matrix"), page.chartIds());
        String html = page.html();
        // B-LOC -> B-PER 3 times, B-PER -> B-LOC twice, I-PER -> O once
        int first = html.indexOf("<tr><td>B-LOC</td><td>B-PER</td><td class=\"n\">3</td></tr>");
        int second = html.indexOf("<tr><td>B-PER</td><td>B-LOC</td><td class=\"n\">2</td></tr>");
        int third = html.indexOf("<tr><td>I-PER</td><td>O</td><td class=\"n\">1</td></tr>");
        assertTrue(first > 0 && first < second && second < third, html);
        assertTrue(html.contains("<tr><td>PER</td><td class=\"n\">1</td><td class=\"n\">2</td><td class=\"n\">1</td>"
                + "<td class=\"n\">0.5000</td><td class=\"n\">1.0000</td>"), html);
        // no gold tag outside the model's tags: the unseen row is left out of the matrix
        assertTrue(html.contains("alt=\"Confusion matrix of 4 tags, gold by predicted\""), html);
    }

    @Test
    void posWithoutErrorsSaysSoAndShowsTheUnseenGoldTag() {
        ConfusionMatrix m = new ConfusionMatrix(TAGS.size() + 1);
        m.add(0, 0).add(1, 1).add(4, 0).add(4, 0);
        ConfusionMatrix perfect = new ConfusionMatrix(TAGS.size() + 1).add(0, 0).add(1, 1);
        ReportPage page = new ReportPage("t");
        EvaluateTagger.reportSections(report(perfect, null), TAGS, perfect).addTo(page);
        assertEquals(List.of("per-tag", "confusion-matrix"), page.chartIds());
        assertTrue(page.html().contains("<p>No token was tagged wrong.</p>"));
        ReportPage withUnseen = new ReportPage("t");
        EvaluateTagger.reportSections(report(m, null), TAGS, m).addTo(withUnseen);
        assertTrue(withUnseen.html().contains("alt=\"Confusion matrix of 5 tags, gold by predicted\""));
    }
}
