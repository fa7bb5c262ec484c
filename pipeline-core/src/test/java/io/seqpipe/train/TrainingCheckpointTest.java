package io.seqpipe.train;

import io.seqpipe.io.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingCheckpointTest {

    @Test
    void stateSurvivesItsJsonFormIncludingNaNAndNulls() {
        TrainingCheckpoint before = new TrainingCheckpoint("abc", 42, 3, 1, 4, 2, 1.25, 7.5, Double.NaN, 0, 0, null,
                List.of(new EpochStats(1, 0.7, 241, 3.5, 0.6, "accuracy"),
                        new EpochStats(2, 0.6, 241, 3.25, Double.NaN, null)));
        Map<String, Object> json = Json.readMap(Json.write(before.toJson()));
        assertEquals("NaN", json.get("best"), "Jackson writes NaN as a string");
        TrainingCheckpoint after = TrainingCheckpoint.fromJson(json);
        assertEquals(before, after);
        assertTrue(Double.isNaN(after.best()));
        assertTrue(Double.isNaN(after.history().get(1).validation()));
    }

    @Test
    void namesSortInTrainingOrderAndMarkEpochEnds() {
        TrainingCheckpoint mid = new TrainingCheckpoint("f", 1, 2, 1, 4, 2, 0, 0, 0.5, 1, 0, null, List.of());
        TrainingCheckpoint end = new TrainingCheckpoint("f", 1, 2, 4, 4, 2, 0, 0, 0.5, 1, 0, null, List.of());
        TrainingCheckpoint next = new TrainingCheckpoint("f", 1, 10, 1, 4, 2, 0, 0, 0.5, 1, 0, null, List.of());
        assertEquals("checkpoint-e00002-r000001", mid.name());
        assertEquals(List.of(mid.name(), end.name(), next.name()),
                List.of(mid.name(), end.name(), next.name()).stream().sorted().toList());
        assertFalse(mid.atEpochEnd());
        assertTrue(end.atEpochEnd());
    }

    @Test
    void aStateWithAMissingFieldIsRejectedNamingIt() {
        Map<String, Object> json = Json.readMap(Json.write(
                new TrainingCheckpoint("f", 1, 2, 1, 4, 2, 0, 0, 0.5, 1, 0, null, List.of()).toJson()));
        json.remove("roundsDone");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingCheckpoint.fromJson(json));
        assertEquals("state.json: 'roundsDone' is missing or not a number: null", e.getMessage());
    }
}
