package io.seqpipe.forecast;

import io.seqpipe.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.IntStream;

import static io.seqpipe.forecast.SplitSpecTest.monthly;
import static io.seqpipe.forecast.WindowerTest.firstTargets;
import static io.seqpipe.forecast.WindowerTest.ramp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code split.validationOrigins}: the validation part as the last n forecast origins before the test part. */
class ValidationOriginsTest {
    static final LocalDateTime Y1959 = LocalDateTime.of(1959, 1, 1, 0, 0);
    static final LocalDateTime Y1960 = LocalDateTime.of(1960, 1, 1, 0, 0);

    static List<Integer> firstTargetsIn(Windower.Result r, SplitPart part) {
        return r.windows().stream().filter(w -> w.part() == part).map(ForecastWindow::firstTargetStep).toList();
    }

    @Test
    void oneYearOfMonthlyValidationWithHorizon12IsASingleWindowToday() {
        WindowSpec airline = new WindowSpec(24, 12, 1, List.of("y"));
        SeriesSplit split = SplitSpec.byTimestamp(Y1959, Y1960).split(monthly(144), airline);
        assertEquals(new SeriesSplit("k", 144, 120, 132), split);
        Windower.Result r = new Windower(airline).windows(ramp("k", 144), split);
        assertEquals(List.of(120), firstTargetsIn(r, SplitPart.VALIDATION), "1959 forecast from 1957-1958");
        assertEquals(new WindowingSummary(1, 0, 85, 1, 1, 22), r.summary());
    }

    @Test
    void twelveOriginsBeforeTheTestYearGiveTwelveValidationWindowsAndLeaveTheTestYearAlone() {
        WindowSpec airline = new WindowSpec(24, 12, 1, List.of("y"));
        SplitSpec spec = SplitSpec.byTimestamp(null, Y1960).withValidationOrigins(12);
        SeriesSplit split = spec.split(monthly(144), airline);
        // the last origin forecasts 1959 (first target 120); eleven earlier ones start at 109 .. 119 (1958-02 ..)
        assertEquals(new SeriesSplit("k", 144, 109, 132), split);
        assertEquals(12 + 11, split.size(SplitPart.VALIDATION), "H + (n - 1) * stride steps");
        Windower.Result r = new Windower(airline).windows(ramp("k", 144), split);
        assertEquals(IntStream.rangeClosed(109, 120).boxed().toList(), firstTargetsIn(r, SplitPart.VALIDATION));
        assertEquals(IntStream.rangeClosed(24, 97).boxed().toList(), firstTargetsIn(r, SplitPart.TRAIN),
                "training targets end before 1958-02 (step 109)");
        assertEquals(List.of(132), firstTargetsIn(r, SplitPart.TEST), "the test year is the same window as without");
        assertEquals(new WindowingSummary(1, 0, 74, 12, 1, 22), r.summary());
    }

    @Test
    void originsSitOnTheStrideGridOfTheWindows() {
        // L 5, H 3, stride 4: first targets 5, 9, 13, 17, 21, ...; test from step 30
        WindowSpec w = new WindowSpec(5, 3, 4, List.of("y"));
        SeriesSplit base = new SeriesSplit("k", 40, 30, 30);
        SeriesSplit split = base.withValidationOrigins(w, 3);
        // last origin: k = floor((30 - 3 - 5) / 4) = 5, first target 25; three origins: 17, 21, 25
        assertEquals(new SeriesSplit("k", 40, 17, 30), split);
        Windower.Result r = new Windower(w).windows(ramp("k", 40), split);
        assertEquals(List.of(17, 21, 25), firstTargetsIn(r, SplitPart.VALIDATION));
        assertEquals(List.of(5, 9, 13), firstTargetsIn(r, SplitPart.TRAIN));
        assertEquals(List.of(33, 37), firstTargetsIn(r, SplitPart.TEST));
        assertEquals(List.of(5, 9, 13, 17, 21, 25, 33, 37), firstTargets(r), "29 .. 31 straddles the test boundary");
        assertEquals(1, r.summary().straddlingDropped());
    }

    @Test
    void aShortSeriesGivesTheOriginsItHasAndOneWithoutAnyKeepsAnEmptyValidationPart() {
        WindowSpec w = new WindowSpec(4, 2, 1, List.of("y"));
        // test from 9: origins (first targets) 4..7, four of them; ask for 6
        SeriesSplit split = new SeriesSplit("k", 12, 9, 9).withValidationOrigins(w, 6);
        assertEquals(new SeriesSplit("k", 12, 4, 9), split);
        assertEquals(List.of(4, 5, 6, 7), firstTargetsIn(new Windower(w).windows(ramp("k", 12), split),
                SplitPart.VALIDATION));
        assertEquals(new SeriesSplit("k", 12, 5, 5), new SeriesSplit("k", 12, 3, 5).withValidationOrigins(w, 2),
                "test from 5 < L + H: no origin fits before it");
    }

    @Test
    void theFractionRuleStillPlacesTheTestPartAndOriginsReplaceTheValidationFraction() {
        WindowSpec w = new WindowSpec(12, 6, 1, List.of("y"));
        SplitSpec spec = new SplitSpec(SplitSpec.Mode.FRACTION, 0.7, 0.1, null, null, 4, 0, 0);
        // test from round(120 * 0.8) = 96; last origin 90; four origins: 87 .. 90
        assertEquals(new SeriesSplit("k", 120, 87, 96), spec.split(monthly(120), w));
        assertEquals(new SeriesSplit("k", 120, 84, 96), SplitSpec.byFraction(0.7, 0.1).split(monthly(120), w),
                "without origins: round(120 * 0.7) = 84");
    }

    @Test
    void originsAreValidatedAndNeedTheWindowShape() {
        assertEquals("split.validationStart must be null when split.validationOrigins is set (the origins place the"
                + " validation part right before split.testStart), got 1959-01-01T00:00", assertThrows(
                InvalidConfigException.class, () -> SplitSpec.byTimestamp(Y1959, Y1960).withValidationOrigins(12))
                .getMessage());
        assertEquals("split.validationOrigins must be >= 0, got -1", assertThrows(InvalidConfigException.class,
                () -> SplitSpec.byFraction(0.7, 0.15).withValidationOrigins(-1)).getMessage());
        assertEquals(new SeriesSplit("k", 144, 131, 144),
                new SplitSpec(SplitSpec.Mode.TIMESTAMP, Double.NaN, Double.NaN, null, null, 2, 0, 0).split(monthly(144),
                        new WindowSpec(24, 12, 1, List.of("y"))),
                "no test part: the origins end with the series");
        SplitSpec origins = SplitSpec.byTimestamp(null, Y1960).withValidationOrigins(2);
        assertThrows(IllegalStateException.class, () -> origins.split(monthly(144)));
    }
}
