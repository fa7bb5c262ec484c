package io.seqpipe.eval;

import io.seqpipe.SeqPipeException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UndefinedMetricsTest {

    @Test
    void aNanMetricFailsTheRunUnlessAllowed() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", Double.NaN);
        metrics.put("f1.macro", 0.5);
        metrics.put("loss", Double.NaN);
        assertEquals(List.of("accuracy", "loss"), UndefinedMetrics.names(metrics));
        SeqPipeException e = assertThrows(SeqPipeException.class,
                () -> UndefinedMetrics.require(metrics, "evaluate on t.tsv", false, "evaluate.allowNanMetrics"));
        assertEquals("evaluate on t.tsv: accuracy, loss are NaN, so nothing is written. Check that the data has more "
                + "than one class and that training did not diverge (loss NaN: lower train.learningRate), or set "
                + "evaluate.allowNanMetrics=true to report NaN", e.getMessage());
        assertDoesNotThrow(() -> UndefinedMetrics.require(metrics, "evaluate", true, "evaluate.allowNanMetrics"));
        assertDoesNotThrow(() -> UndefinedMetrics.require(Map.of("accuracy", 1.0), "evaluate", false, "k"));
    }
}
