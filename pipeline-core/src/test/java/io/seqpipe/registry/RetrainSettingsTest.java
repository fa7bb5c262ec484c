package io.seqpipe.registry;

import com.typesafe.config.Config;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.retrain.RetrainSettings;
import io.seqpipe.tasks.Tasks;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every task's defaults carry the registry and retrain keys, with a deciding metric its evaluate writes. */
class RetrainSettingsTest {
    private static RetrainSettings settings(String task, String... more) {
        List<String> overrides = new java.util.ArrayList<>(List.of("task=" + task, "retrain.date=2026-11-23",
                "registry.root=hdfs:///seqpipe/registry", "paths.work=/w"));
        overrides.addAll(List.of(more));
        Config resolved = Tasks.resolve(null, overrides);
        return RetrainSettings.from(resolved);
    }

    @Test
    void eachTaskHasADecidingMetricAndDirectionAndTheModelNameIsTheTask() {
        assertEquals(new PromotionPolicy("accuracy", true, 0.0, "recall.", 0.0), settings("sentiment").policy());
        assertEquals(new PromotionPolicy("f1.micro", true, 0.0, "recall.", 0.0), settings("ner").policy());
        assertEquals(new PromotionPolicy("token_accuracy", true, 0.0, "", 0.0), settings("pos").policy());
        PromotionPolicy forecast = settings("forecast").policy();
        assertEquals("rmse", forecast.metric());
        assertFalse(forecast.higherIsBetter());
        assertEquals("ner", settings("ner").registry().name());
        RetrainSettings s = settings("sentiment");
        assertEquals(LocalDate.of(2026, 11, 23), s.date());
        assertEquals("2026-11-23", s.version());
        assertEquals("/w/retrain/2026-11-23", s.runDir());
        assertEquals(Duration.ZERO, s.lockWait());
        assertEquals(Duration.ofMinutes(30), s.staleAfter());
    }

    @Test
    void theDatedSnapshotAndTheRegistryRootAreRequired() {
        Config noDate = Tasks.resolve(null, List.of("registry.root=/r"));
        assertEquals("retrain.date must be set for retrain (retrain --date 2026-11-23)",
                assertThrows(InvalidConfigException.class, () -> RetrainSettings.from(noDate)).getMessage());
        Config noRoot = Tasks.resolve(null, List.of("retrain.date=2026-11-23"));
        assertTrue(assertThrows(InvalidConfigException.class, () -> RetrainSettings.from(noRoot)).getMessage()
                .startsWith("registry.root must be set for retrain"));
        assertEquals("retrain.margin must be in [0.0, 1.7976931348623157E308], got -1.0",
                assertThrows(InvalidConfigException.class, () -> settings("sentiment", "retrain.margin=-1"))
                        .getMessage());
    }
}
