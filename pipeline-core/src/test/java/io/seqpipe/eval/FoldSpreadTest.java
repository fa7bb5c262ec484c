package io.seqpipe.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FoldSpreadTest {

    @Test
    void meanAndSampleStandardDeviationOfEveryMetricAllRunsHave() {
        FoldSpread s = FoldSpread.of(List.of(
                Map.of("accuracy", 0.80, "loss", 0.50, "recall.pos", 0.7),
                Map.of("accuracy", 0.84, "loss", 0.40),
                Map.of("accuracy", 0.82, "loss", Double.NaN)));
        assertEquals(3, s.runs());
        FoldSpread.Spread accuracy = s.metrics().get("accuracy");
        assertEquals(0.82, accuracy.mean(), 1e-12);
        // deviations -0.02, 0.02, 0: sum of squares 0.0008, / (3 - 1) = 0.0004, sqrt = 0.02
        assertEquals(0.02, accuracy.std(), 1e-12);
        assertEquals(0.80, accuracy.min(), 0);
        assertEquals(0.84, accuracy.max(), 0);
        assertEquals(List.of("loss", "recall.pos"), s.incomplete(), "NaN in one run, missing in two");
        assertEquals(Map.of("accuracy", 0.82), Map.of("accuracy", s.means().get("accuracy")));
        assertEquals(1, s.means().size());
    }

    @Test
    void oneRunHasNoSpread() {
        assertThrows(IllegalArgumentException.class, () -> FoldSpread.of(List.of(Map.of("accuracy", 1.0))));
    }
}
