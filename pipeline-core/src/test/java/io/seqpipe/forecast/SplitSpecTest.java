package io.seqpipe.forecast;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SplitSpecTest {

    static TimeSeries monthly(int n) {
        LocalDateTime[] t = new LocalDateTime[n];
        double[][] v = new double[n][1];
        for (int i = 0; i < n; i++) {
            t[i] = LocalDateTime.of(1949, 1, 1, 0, 0).plusMonths(i);
            v[i][0] = i;
        }
        return new TimeSeries("k", t, v, new String[n][0], null);
    }

    @Test
    void fractionsRoundTheCumulativeBoundaries() {
        SeriesSplit s = SplitSpec.byFraction(0.7, 0.15).split(TimeSeries.ofValues("k", new double[10]));
        assertEquals(new SeriesSplit("k", 10, 7, 9), s, "round(8.5) = 9");
        assertEquals(SplitPart.TRAIN, s.partOf(6));
        assertEquals(SplitPart.VALIDATION, s.partOf(7));
        assertEquals(SplitPart.TEST, s.partOf(9));
        assertEquals(1, s.size(SplitPart.TEST));
        assertEquals(new SeriesSplit("k", 144, 132, 132),
                SplitSpec.byFraction(11 / 12.0, 0).split(monthly(144)), "airline: 11 of 12 years for training");
    }

    @Test
    void timestampBoundariesAreTheFirstStepsAtOrAfterThem() {
        SplitSpec spec = SplitSpec.byTimestamp(LocalDateTime.of(1959, 1, 1, 0, 0), LocalDateTime.of(1960, 1, 1, 0, 0));
        assertEquals(new SeriesSplit("k", 144, 120, 132), spec.split(monthly(144)));
        assertEquals(new SeriesSplit("k", 144, 132, 132),
                SplitSpec.byTimestamp(null, LocalDateTime.of(1959, 12, 15, 0, 0)).split(monthly(144)));
        assertEquals(new SeriesSplit("k", 12, 12, 12), spec.split(monthly(12)), "a series ending before the boundary");
    }

    @Test
    void configIsReadInTheSeriesTimestampFormatAndValidated() {
        ConfigReader r = new ConfigReader(ConfigFactory.parseString(
                "split { mode = timestamp, train = 0.8, validation = 0.1, validationStart = null, testStart = \"1960-01\" }"));
        SplitSpec spec = SplitSpec.from(r, "split", TimestampFormat.of("yyyy-MM"));
        assertEquals(LocalDateTime.of(1960, 1, 1, 0, 0), spec.testStart());
        InvalidConfigException bad = assertThrows(InvalidConfigException.class, () -> SplitSpec.from(r, "split",
                TimestampFormat.of("yyyy-MM-dd")));
        assertEquals("split.testStart must be a timestamp in the series format yyyy-MM-dd, got '1960-01'",
                bad.getMessage());
        assertThrows(InvalidConfigException.class, () -> SplitSpec.from(r, "split", TimestampFormat.of("none")));
        InvalidConfigException sum = assertThrows(InvalidConfigException.class, () -> SplitSpec.byFraction(0.8, 0.3));
        assertEquals("split.train + split.validation must be <= 1 (test is the rest), got 1.1", sum.getMessage());
    }

    @Test
    void lastStepsCutEverySeriesAtItsOwnEndWhateverItsLengthAndDates() {
        SplitSpec spec = SplitSpec.byLastSteps(12, 12);
        assertEquals(new SeriesSplit("k", 144, 120, 132), spec.split(monthly(144)), "airline: 1959 validates, 1960 tests");
        assertEquals(new SeriesSplit("k", 108, 84, 96), spec.split(monthly(108)), "a shorter series ends elsewhere");
        assertEquals(new SeriesSplit("k", 20, 0, 8), spec.split(monthly(20)), "too short: no training steps");
        assertEquals(new SeriesSplit("k", 5, 0, 0), spec.split(monthly(5)), "shorter than the test part: all test");
        assertEquals(new SeriesSplit("k", 144, 119, 132),
                SplitSpec.byLastSteps(0, 12).withValidationOrigins(2).split(monthly(144), new WindowSpec(24, 12, 1, java.util.List.of("v"))),
                "two origins: 12 + 1 validation steps before the last 12");

        ConfigReader r = new ConfigReader(ConfigFactory.parseString(
                "split { mode = last, validationSteps = 12, testSteps = 6 }"));
        assertEquals(SplitSpec.byLastSteps(12, 6), SplitSpec.from(r, "split", TimestampFormat.of("none")),
                "needs no timestamps");
        InvalidConfigException none = assertThrows(InvalidConfigException.class, () -> SplitSpec.byLastSteps(0, 0));
        assertEquals("split.testSteps or split.validationSteps must be > 0 when split.mode = last", none.getMessage());
        InvalidConfigException both = assertThrows(InvalidConfigException.class,
                () -> SplitSpec.byLastSteps(12, 12).withValidationOrigins(3));
        assertEquals("split.validationSteps must be 0 when split.validationOrigins is set (the origins place the"
                + " validation part right before the test part), got 12", both.getMessage());
    }
}
