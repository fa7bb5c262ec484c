package io.seqpipe.lm.sampling;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplingSettingsTest {

    private static String error(double temperature, int topK, double topP, int maxTokens, String stop) {
        return assertThrows(IllegalArgumentException.class,
                () -> new SamplingSettings(temperature, topK, topP, maxTokens, stop, 1)).getMessage();
    }

    @Test
    void badSettingsNameTheKeyAndTheValue() {
        assertEquals("generate.temperature must be a finite number >= 0 (0 = greedy), got -0.5",
                error(-0.5, 0, 1, 10, null));
        assertEquals("generate.temperature must be a finite number >= 0 (0 = greedy), got NaN",
                error(Double.NaN, 0, 1, 10, null));
        assertEquals("generate.temperature must be a finite number >= 0 (0 = greedy), got Infinity",
                error(Double.POSITIVE_INFINITY, 0, 1, 10, null));
        assertEquals("generate.topK must be >= 0 (0 = off), got -1", error(1, -1, 1, 10, null));
        assertEquals("generate.topP must be in (0, 1] (1 = off), got 0.0", error(1, 0, 0, 10, null));
        assertEquals("generate.topP must be in (0, 1] (1 = off), got 1.5", error(1, 0, 1.5, 10, null));
        assertEquals("generate.maxTokens must be >= 1, got 0", error(1, 0, 1, 0, null));
        assertEquals("generate.stopSymbol must be null (no stop symbol) or a non-empty unit, got an empty string",
                error(1, 0, 1, 10, ""));
    }

    @Test
    void boundaryValuesAreAccepted() {
        SamplingSettings s = new SamplingSettings(0, 0, 1, 1, "\n", -3);
        assertTrue(s.isGreedy());
        assertTrue(s.hasStopSymbol());
        assertFalse(new SamplingSettings(0.01, 5, 1e-6, 500, null, 0).isGreedy());
        assertFalse(SamplingSettings.greedy(20).hasStopSymbol());
        assertEquals(20, SamplingSettings.greedy(20).maxTokens());
    }

    @Test
    void eachPromptHasItsOwnReproducibleStream() {
        SamplingSettings s = new SamplingSettings(1, 0, 1, 10, null, 123);
        // a prompt's stream is a function of (seed, prompt index) alone: its first draws, pinned
        SplittableRandom fourth = s.randomFor(4);
        assertEquals(-6020266061342124872L, fourth.nextLong());
        assertEquals(1694499469938219785L, fourth.nextLong());
        assertNotEquals(s.randomFor(4).nextLong(), s.randomFor(5).nextLong());
        assertNotEquals(s.randomFor(0).nextLong(), new SamplingSettings(1, 0, 1, 10, null, 124).randomFor(0).nextLong());
        // pinned: a change of the derivation would silently change every text generated with a given seed
        assertEquals(-2283146187738516220L, s.randomFor(0).nextLong());
    }
}
