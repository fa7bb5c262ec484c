package io.seqpipe.forecast;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code model.quantiles}: parsing, the errors naming the key, the central intervals and non-crossing. */
class QuantileLevelsTest {

    static QuantileLevels read(String hocon) {
        return QuantileLevels.from(new ConfigReader(ConfigFactory.parseString(hocon)));
    }

    @Test
    void aListOrACommaSeparatedStringAndTheEmptyDefault() {
        assertEquals(List.of(0.1, 0.5, 0.9), read("model.quantiles = [0.1, 0.5, 0.9]").levels());
        assertEquals(List.of(0.025, 0.5, 0.975), read("model.quantiles = \"0.025, 0.5,0.975\"").levels());
        assertTrue(read("model.quantiles = []").isEmpty());
        assertEquals(1, read("model.quantiles = [0.5]").medianIndex() + 1);
    }

    @Test
    void badLevelsNameTheKey() {
        assertEquals("model.quantiles must include 0.5 (the median quantile is the point forecast), got [0.1, 0.9]",
                assertThrows(InvalidConfigException.class, () -> read("model.quantiles = [0.1, 0.9]")).getMessage());
        assertEquals("model.quantiles must be sorted ascending without repeats, got [0.5, 0.1]",
                assertThrows(InvalidConfigException.class, () -> read("model.quantiles = [0.5, 0.1]")).getMessage());
        assertEquals("model.quantiles must be sorted ascending without repeats, got [0.5, 0.5]",
                assertThrows(InvalidConfigException.class, () -> read("model.quantiles = [0.5, 0.5]")).getMessage());
        assertEquals("model.quantiles must list numbers in (0, 1), got 1.0",
                assertThrows(InvalidConfigException.class, () -> read("model.quantiles = [0.5, 1]")).getMessage());
        assertEquals("model.quantiles must list numbers in (0, 1), got 0.0",
                assertThrows(InvalidConfigException.class, () -> read("model.quantiles = [0, 0.5]")).getMessage());
        assertEquals("model.quantiles must list numbers in (0, 1), got 'p90'",
                assertThrows(InvalidConfigException.class, () -> read("model.quantiles = [0.5, p90]")).getMessage());
    }

    @Test
    void symmetricPairsAreTheIntervalsWidestFirst() {
        QuantileLevels q = QuantileLevels.of(0.05, 0.1, 0.25, 0.5, 0.9, 0.95);
        List<QuantileLevels.Interval> in = q.intervals();
        assertEquals(List.of("0.05-0.95", "0.1-0.9"), in.stream().map(QuantileLevels.Interval::label).toList(),
                "0.25 has no partner 0.75");
        assertEquals(0, in.get(0).lowerIndex());
        assertEquals(5, in.get(0).upperIndex());
        assertEquals(0.9, in.get(0).nominal(), 1e-12);
        assertEquals(0.8, in.get(1).nominal(), 1e-12);
        assertEquals("0.025", QuantileLevels.of(0.025, 0.5).label(0));
        assertTrue(QuantileLevels.of(0.5).intervals().isEmpty());
    }

    @Test
    void crossingForecastsAreSortedPerStepAndTarget() {
        // [q][h][k]: at step 2 the levels of target 2 are reversed
        double[][][] f = {{{1, 10}, {2, 30}}, {{2, 20}, {3, 25}}, {{3, 30}, {4, 20}}};
        QuantileLevels.sortEach(f);
        assertArrayEquals(new double[]{2, 20}, f[0][1]);
        assertArrayEquals(new double[]{3, 25}, f[1][1]);
        assertArrayEquals(new double[]{4, 30}, f[2][1]);
        assertArrayEquals(new double[]{1, 10}, f[0][0], "already ordered: unchanged");
    }
}
