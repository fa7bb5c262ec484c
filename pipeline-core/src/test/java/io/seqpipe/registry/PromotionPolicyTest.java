package io.seqpipe.registry;

import io.seqpipe.SeqPipeException;
import io.seqpipe.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromotionPolicyTest {
    private static final PromotionPolicy ACCURACY = new PromotionPolicy("accuracy", true, 0.01, "recall.", 0.0);

    private static Map<String, Double> classifier(double accuracy, double recall0, double recall1) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy);
        m.put("recall.macro", (recall0 + recall1) / 2);
        m.put("recall.0", recall0);
        m.put("recall.1", recall1);
        return m;
    }

    @Test
    void theFirstChallengerIsPromotedWhenItPassesTheGates() {
        PromotionPolicy.Decision d = ACCURACY.decide(classifier(0.8, 0.7, 0.9), null);
        assertTrue(d.promote());
        assertEquals("no champion yet; challenger accuracy 0.8000 passed the sanity gates", d.reason());
        assertEquals(0.8, d.challengerValue());
    }

    @Test
    void aChallengerBetterByMoreThanTheMarginIsPromoted() {
        PromotionPolicy.Decision d = ACCURACY.decide(classifier(0.85, 0.8, 0.9), classifier(0.83, 0.8, 0.86));
        assertTrue(d.promote(), d.reason());
        assertEquals("challenger is better: accuracy 0.8500 vs champion 0.8300 (higher is better; improvement "
                + "0.0200, margin 0.0100)", d.reason());
    }

    @Test
    void aChallengerWithinTheMarginOrWorseIsNotPromoted() {
        assertFalse(ACCURACY.decide(classifier(0.835, 0.8, 0.87), classifier(0.83, 0.8, 0.86)).promote());
        PromotionPolicy.Decision worse = ACCURACY.decide(classifier(0.6, 0.5, 0.7), classifier(0.83, 0.8, 0.86));
        assertFalse(worse.promote());
        assertTrue(worse.reason().startsWith("challenger is not better by more than the margin: accuracy 0.6000 vs "
                + "champion 0.8300"), worse.reason());
        assertEquals(0.83, worse.championValue());
    }

    @Test
    void equalValuesDoNotPromoteEvenWithZeroMargin() {
        PromotionPolicy zero = new PromotionPolicy("accuracy", true, 0.0, "", 0.0);
        assertFalse(zero.decide(Map.of("accuracy", 0.8), Map.of("accuracy", 0.8)).promote());
        assertTrue(zero.decide(Map.of("accuracy", 0.8001), Map.of("accuracy", 0.8)).promote());
    }

    @Test
    void lowerIsBetterForErrors() {
        PromotionPolicy rmse = new PromotionPolicy("rmse", false, 0.5, "", 0.0);
        assertTrue(rmse.decide(Map.of("rmse", 10.0), Map.of("rmse", 11.0)).promote());
        assertFalse(rmse.decide(Map.of("rmse", 10.6), Map.of("rmse", 11.0)).promote());
        assertFalse(rmse.decide(Map.of("rmse", 12.0), Map.of("rmse", 11.0)).promote());
    }

    @Test
    void aClassWithZeroRecallFailsTheGatesEvenWithoutAChampion() {
        PromotionPolicy.Decision d = ACCURACY.decide(classifier(0.5, 1.0, 0.0), null);
        assertFalse(d.promote());
        assertEquals(List.of("recall.1 = 0.0000 (must be above 0.0000)"), d.gateFailures());
        assertEquals("challenger failed the sanity gates: recall.1 = 0.0000 (must be above 0.0000)", d.reason());
    }

    @Test
    void aNanMetricFailsTheGates() {
        PromotionPolicy.Decision d = ACCURACY.decide(classifier(Double.NaN, 0.5, 0.5), classifier(0.8, 0.8, 0.8));
        assertFalse(d.promote());
        assertEquals("accuracy = NaN (must be a finite number)", d.gateFailures().get(0));
    }

    @Test
    void aChampionWithANanMetricIsReplacedByAChallengerThatPassesTheGates() {
        PromotionPolicy.Decision d = ACCURACY.decide(classifier(0.7, 0.6, 0.8), classifier(Double.NaN, 0.5, 0.5));
        assertTrue(d.promote(), d.reason());
    }

    @Test
    void anUnknownMetricIsAConfigErrorListingTheMetricsThereAre() {
        PromotionPolicy f1 = new PromotionPolicy("f1.micro", true, 0, "", 0);
        SeqPipeException e = assertThrows(SeqPipeException.class, () -> f1.decide(Map.of("accuracy", 0.9,
                "auc", 0.95), null));
        assertEquals("retrain.metric 'f1.micro' is not among the challenger's metrics [accuracy, auc]; set "
                + "retrain.metric to one of them", e.getMessage());
    }

    @Test
    void aNegativeMarginIsRefusedNamingTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> new PromotionPolicy("accuracy", true, -0.1, "", 0));
        assertEquals("retrain.margin must be >= 0, got -0.1", e.getMessage());
    }
}
