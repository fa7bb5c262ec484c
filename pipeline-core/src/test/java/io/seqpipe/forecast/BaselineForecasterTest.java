package io.seqpipe.forecast;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class BaselineForecasterTest {

    /** {@code 1..6} then NaN from step 6 on: a forecaster that peeked at the targets would return NaN. */
    static double[][] pastThenPoison() {
        double[][] t = new double[11][];
        for (int i = 0; i < t.length; i++) {
            t[i] = new double[]{i < 6 ? i + 1 : Double.NaN};
        }
        return t;
    }

    @Test
    void naiveRepeatsTheLastObservedValue() {
        assertArrayEquals(new double[][]{{6}, {6}, {6}}, new NaiveForecaster().forecast(pastThenPoison(), 6, 3));
        assertFalse(new NaiveForecaster().canForecast(0));
    }

    @Test
    void seasonalNaiveTakesTheLatestObservedStepOfTheSameSeason() {
        // T = 5 (value 6), m = 3: h=1..3 -> steps 3, 4, 5; h=4..5 -> steps 3, 4 again (m * ceil(h/m) = 6 back)
        assertArrayEquals(new double[][]{{4}, {5}, {6}, {4}, {5}},
                new SeasonalNaiveForecaster(3).forecast(pastThenPoison(), 6, 5));
        assertArrayEquals(new NaiveForecaster().forecast(pastThenPoison(), 6, 4),
                new SeasonalNaiveForecaster(1).forecast(pastThenPoison(), 6, 4), "m = 1 is naive");
    }

    @Test
    void windowsWithoutAFullSeasonOfHistoryAreSkippedAndCounted() {
        SeriesFeatures f = WindowerTest.ramp("k", 8);
        List<ForecastWindow> windows = new Windower(new WindowSpec(2, 1, 1, List.of("y")))
                .windows(f, new SeriesSplit("k", 8, 8, 8)).windows();
        ForecastEvaluation eval = new ForecastEvaluation(List.of("y"), 1);
        long skipped = new SeasonalNaiveForecaster(4).evaluate(f, windows, new double[]{1}, eval);
        assertEquals(2, skipped, "windows starting at steps 2 and 3 have fewer than 4 past steps");
        ForecastMetrics m = eval.report().get("y").overall().overall();
        assertEquals(4, m.count());
        assertEquals(4.0, m.mae(), 1e-12, "a ramp's value one season (4 steps) back is off by 4");
    }
}
