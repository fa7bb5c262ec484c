package io.seqpipe.forecast;

import io.seqpipe.SeqPipeException;
import io.seqpipe.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quarterly, weekly and yearly series from the documented config keys to split parts: one step per period, no
 * duplicates and no invented steps, the split boundaries written in the series' own timestamp format.
 */
class PeriodTimestampSeriesTest {

    /** The config of a univariate file {@code t,y} with {@code format}, strict cleaning, and {@code extra} keys. */
    static TimeSeriesConfig config(String format, String... extra) {
        List<String> overrides = new ArrayList<>(List.of("series.timestampColumns=[t]",
                "series.timestampFormat=\"" + format + "\"", "series.valueColumns=[y]", "window.targetColumns=[y]",
                "window.lookback=2", "cleaning.duplicateTimestamps=fail", "cleaning.outOfOrderTimestamps=fail",
                "cleaning.gaps=fail", "split.mode=timestamp"));
        overrides.addAll(List.of(extra));
        return TimeSeriesConfigTest.resolve(overrides.toArray(String[]::new));
    }

    /** Reads a file of {@code t,y} rows with {@code config}, refusing any reject, and cleans it. */
    static SeriesCleaner.Result readAndClean(TimeSeriesConfig config, List<String> timestamps) {
        StringBuilder csv = new StringBuilder("t,y\n");
        for (int i = 0; i < timestamps.size(); i++) {
            csv.append(timestamps.get(i)).append(',').append(i).append('\n');
        }
        SeriesCsvReader.Result read = SeriesCsvReader.parse("f", csv.toString(), config.series(),
                config.cleaning().missingValues());
        assertEquals(List.of(), read.rejections());
        assertEquals(timestamps.size(), read.rows().size());
        return new SeriesCleaner(config.cleaning()).clean(SeriesRow.SINGLE_SERIES_KEY, read.rows());
    }

    static List<String> quarters(int fromYear, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add((fromYear + i / 4) + "-Q" + (i % 4 + 1));
        }
        return out;
    }

    @Test
    void twelveQuartersAreTwelveStepsSplitAtTheirQuarterKeys() {
        TimeSeriesConfig c = config("yyyy-'Q'Q", "split.validationStart=1984-Q3", "split.testStart=1985-Q1");
        assertEquals(LocalDateTime.of(1985, 1, 1, 0, 0), c.split().testStart());
        assertEquals(LocalDateTime.of(1984, 7, 1, 0, 0), c.split().validationStart());
        SeriesCleaner.Result r = readAndClean(c, quarters(1983, 12));
        TimeSeries s = r.series();
        assertEquals(12, s.length());
        assertEquals(new SeriesFrequency(3, ChronoUnit.MONTHS), s.frequency());
        for (int i = 0; i < 12; i++) {
            assertEquals(LocalDateTime.of(1983, 1, 1, 0, 0).plusMonths(3L * i), s.timestamp(i), "step " + i);
        }
        assertEquals(new CleaningSummary(1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12), r.summary(),
                "no duplicates, gaps, inserted or off-grid steps");
        SeriesSplit split = c.split().split(s);
        assertEquals(new SeriesSplit(SeriesRow.SINGLE_SERIES_KEY, 12, 6, 8), split);
        assertEquals(List.of(6, 2, 4), List.of(split.size(SplitPart.TRAIN), split.size(SplitPart.VALIDATION),
                split.size(SplitPart.TEST)));
    }

    @Test
    void aMissingQuarterIsOneGapOfOneQuarter() {
        List<String> withoutQ2 = new ArrayList<>(quarters(1983, 8));
        withoutQ2.remove("1984-Q2");
        TimeSeriesConfig interpolating = config("QQQ yyyy", "cleaning.gaps=interpolate", "split.testStart=\"Q1 1984\"");
        SeriesCleaner.Result r = readAndClean(interpolating,
                withoutQ2.stream().map(q -> q.substring(5) + " " + q.substring(0, 4)).toList());
        assertEquals(8, r.series().length());
        assertEquals(1, r.summary().gaps());
        assertEquals(1, r.summary().stepsInserted());
        assertEquals(LocalDateTime.of(1984, 4, 1, 0, 0), r.series().timestamp(5), "the inserted step is 1984-Q2");
        assertEquals(4.5, r.series().value(5, 0), 1e-12, "halfway between 1984-Q1 (4) and 1984-Q3 (5)");
        assertEquals(new SeriesSplit(SeriesRow.SINGLE_SERIES_KEY, 8, 4, 4), interpolating.split().split(r.series()));

        SeqPipeException strict = assertThrows(SeqPipeException.class, () -> readAndClean(
                config("yyyy-'Q'Q", "split.testStart=1984-Q1"), withoutQ2));
        assertTrue(strict.getMessage().contains("1 missing step(s) of 3 months between 1984-01-01T00:00 and"
                + " 1984-07-01T00:00"), strict.getMessage());
    }

    @Test
    void isoWeeksAcrossAYearWithFiftyThreeWeeksAreConsecutiveMondays() {
        List<String> weeks = List.of("2020-W50", "2020-W51", "2020-W52", "2020-W53", "2021-W01", "2021-W02",
                "2021-W03", "2021-W04", "2021-W05");
        TimeSeriesConfig c = config("YYYY-'W'ww", "split.validationStart=2020-W53", "split.testStart=2021-W02");
        SeriesCleaner.Result r = readAndClean(c, weeks);
        TimeSeries s = r.series();
        assertEquals(9, s.length());
        assertEquals(SeriesFrequency.parse("1 week"), s.frequency());
        assertEquals("1 week", s.frequency().describe());
        assertEquals(0, r.summary().gaps());
        assertEquals(LocalDateTime.of(2020, 12, 7, 0, 0), s.timestamp(0));
        assertEquals(LocalDateTime.of(2021, 1, 4, 0, 0), s.timestamp(4), "2021-W01 starts on 4 January");
        for (LocalDateTime t : s.timestamps()) {
            assertEquals(DayOfWeek.MONDAY, t.getDayOfWeek());
        }
        assertEquals(new SeriesSplit(SeriesRow.SINGLE_SERIES_KEY, 9, 3, 5), c.split().split(s));
    }

    @Test
    void yearsAreOneStepEachAndSplitAtYearKeys() {
        List<String> years = new ArrayList<>();
        for (int y = 1980; y < 1992; y++) {
            years.add(String.valueOf(y));
        }
        TimeSeriesConfig c = config("yyyy", "split.validationStart=1987", "split.testStart=1989");
        SeriesCleaner.Result r = readAndClean(c, years);
        assertEquals(12, r.series().length());
        assertEquals(new SeriesFrequency(1, ChronoUnit.YEARS), r.series().frequency());
        assertEquals(0, r.summary().gaps());
        assertEquals(new SeriesSplit(SeriesRow.SINGLE_SERIES_KEY, 12, 7, 9), c.split().split(r.series()));
        assertArrayEquals(new double[]{0, 11}, new double[]{r.series().value(0, 0), r.series().value(11, 0)});
    }

    @Test
    void splitKeysAndPatternsAreCheckedWhenTheConfigIsRead() {
        InvalidConfigException key = assertThrows(InvalidConfigException.class,
                () -> config("yyyy-'Q'Q", "split.testStart=1985-04"));
        assertEquals("split.testStart must be a timestamp in the series format yyyy-'Q'Q, got '1985-04'",
                key.getMessage());
        InvalidConfigException pattern = assertThrows(InvalidConfigException.class,
                () -> config("yyyy-ww", "split.testStart=1985-01"));
        assertTrue(pattern.getMessage().startsWith("series.timestampFormat 'yyyy-ww' does not name one timestamp: it"
                + " mixes the calendar year (y or u) with the ISO week (w)"), pattern.getMessage());
        assertEquals(SeriesFrequency.parse("3 months"), SeriesFrequency.parse("1 quarter"));
        assertEquals(new SeriesFrequency(3, ChronoUnit.MONTHS),
                config("yyyy-'Q'Q", "cleaning.frequency=1 quarter", "split.testStart=1985-Q1").cleaning().frequency());
    }
}
