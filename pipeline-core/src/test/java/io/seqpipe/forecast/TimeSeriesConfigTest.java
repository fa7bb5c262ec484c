package io.seqpipe.forecast;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeSeriesConfigTest {

    static TimeSeriesConfig resolve(String... overrides) {
        return TimeSeriesConfig.from(new ConfigReader(ConfigLayering.resolve(
                ConfigFactory.parseResources(TimeSeriesConfig.DEFAULTS_RESOURCE), null, List.of(overrides))));
    }

    @Test
    void airlineSetupFromTheDocumentedDefaults() {
        TimeSeriesConfig c = resolve("series.timestampColumns=[Month]", "series.timestampFormat=yyyy-MM",
                "series.valueColumns=[Passengers]", "split.mode=timestamp", "split.testStart=1960-01",
                "window.lookback=12", "window.horizon=12", "window.targetColumns=[Passengers]",
                "evaluation.seasonLength=12", "cleaning.frequency=1 month", "scaling.scope=per-key");
        assertEquals('"', c.series().quote());
        assertNull(c.series().keyColumn());
        assertEquals(LocalDateTime.of(1960, 1, 1, 0, 0), c.split().testStart());
        assertNull(c.split().validationStart());
        assertEquals(new SeriesFrequency(1, ChronoUnit.MONTHS), c.cleaning().frequency());
        assertEquals(ScalingConfig.Scope.PER_KEY, c.scaling().scope());
        assertEquals(new WindowSpec(12, 12, 1, List.of("Passengers")), c.window());
        assertEquals(12, c.seasonLength());
        assertEquals(CleaningConfig.MissingValues.REJECT, c.cleaning().missingValues());
    }

    @Test
    void crossSectionMistakesFailNamingTheKeys() {
        InvalidConfigException target = assertThrows(InvalidConfigException.class, () -> resolve(
                "series.timestampColumns=[Month]", "series.valueColumns=[Passengers]", "window.targetColumns=[Sales]"));
        assertEquals("window.targetColumns must be among series.valueColumns [Passengers], got 'Sales'",
                target.getMessage());
        InvalidConfigException frequency = assertThrows(InvalidConfigException.class, () -> resolve(
                "series.timestampFormat=none", "series.valueColumns=[0]", "series.header=false",
                "window.targetColumns=[0]", "cleaning.frequency=1 day"));
        assertTrue(frequency.getMessage().startsWith("cleaning.frequency must be infer when"), frequency.getMessage());
        InvalidConfigException policy = assertThrows(InvalidConfigException.class, () -> resolve(
                "series.timestampColumns=[Month]", "series.valueColumns=[Passengers]",
                "window.targetColumns=[Passengers]", "cleaning.gaps=drop"));
        assertEquals("cleaning.gaps must be one of keep | ffill | interpolate | fail, got 'drop'", policy.getMessage());
        InvalidConfigException unknown = assertThrows(InvalidConfigException.class,
                () -> resolve("window.lookbak=3"));
        assertTrue(unknown.getMessage().contains("window.lookbak"), unknown.getMessage());
    }
}
