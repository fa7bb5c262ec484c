package io.seqpipe.report;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearningCurveTest {

    private static Map<String, Object> epoch(int epoch, double loss, String key, Object validation) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("epoch", epoch);
        h.put("examplesPerSecond", 400.0);
        h.put("loss", loss);
        h.put("seconds", 2.5);
        h.put(key, validation);
        return h;
    }

    @Test
    void readsLossAndTheValidationMetricNamedByTheProvenanceMetrics() {
        LearningCurve c = LearningCurve.fromProvenance(List.of(epoch(1, 0.58, "validation", 0.815),
                epoch(2, 0.41, "validation", 0.9)), Map.of("trainLoss", 0.41, "validationAccuracy", 0.9));
        assertEquals(List.of(1, 2), c.epochs());
        assertEquals(List.of(0.58, 0.41), c.loss());
        assertEquals(List.of(0.815, 0.9), c.validation());
        assertEquals("validationAccuracy", c.validationName());
        assertTrue(c.hasValidation());
    }

    @Test
    void aTasksOwnHistoryKeyAndEpochsWithoutValidation() {
        LearningCurve c = LearningCurve.fromProvenance(List.of(epoch(1, 3.0, "validationRmse", null),
                epoch(2, 2.0, "validationRmse", 1.5)), null);
        assertEquals("validationRmse", c.validationName());
        assertTrue(Double.isNaN(c.validation().get(0)));
        assertEquals(1.5, c.validation().get(1));
        assertTrue(LearningCurve.fromProvenance(null, null).isEmpty());
        assertFalse(new LearningCurve(List.of(1), List.of(1.0), "v", List.of(Double.NaN)).hasValidation());
        assertThrows(IllegalArgumentException.class, () -> new LearningCurve(List.of(1, 2), List.of(1.0), "v",
                List.of(1.0)));
    }
}
