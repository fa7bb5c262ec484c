package io.seqpipe.forecast;

import io.seqpipe.data.RejectReason;
import io.seqpipe.testing.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every CSV in {@code ../shared/datasets/timeseries} (CRLF, no final newline, quoted headers, composite timestamps,
 * {@code NA}s, a categorical column) is read completely with the counts of its README.
 */
@Tag("real-data")
class SharedTimeSeriesFilesRealDataTest {
    static final CleaningConfig INTERPOLATING = new CleaningConfig(CleaningConfig.MissingValues.INTERPOLATE,
            CleaningConfig.DuplicateTimestamps.FAIL, CleaningConfig.OutOfOrderTimestamps.FAIL,
            CleaningConfig.Gaps.INTERPOLATE, null);

    static SeriesCsvReader.Result read(String name, SeriesCsvFormat format, CleaningConfig.MissingValues policy)
            throws IOException {
        Path file = Fixtures.sharedDataset("timeseries/" + name);
        return SeriesCsvReader.parse(name, Files.readString(file), format, policy);
    }

    static SeriesCsvFormat univariate(String time, String pattern, String value) {
        return new SeriesCsvFormat(",", '"', true, List.of(time), TimestampFormat.of(pattern), List.of(value), null,
                List.of());
    }

    static TimeSeries readAndClean(String name, SeriesCsvFormat format, int expectedRows) throws IOException {
        SeriesCsvReader.Result r = read(name, format, INTERPOLATING.missingValues());
        assertEquals(List.of(), r.rejections(), name);
        assertEquals(expectedRows, r.rows().size(), name);
        return new SeriesCleaner(INTERPOLATING).clean(SeriesRow.SINGLE_SERIES_KEY, r.rows()).series();
    }

    @Test
    void univariateMonthlyAndDailyFilesAreReadCompletely() throws IOException {
        assertEquals(144, readAndClean("airline-passengers.csv", univariate("Month", "yyyy-MM", "Passengers"), 144).length());
        assertEquals(2820, readAndClean("monthly-sunspots.csv", univariate("Month", "iso", "Sunspots"), 2820).length());
        assertEquals(108, readAndClean("monthly-car-sales.csv", univariate("Month", "yyyy-MM", "Sales"), 108).length());
        assertEquals(365, readAndClean("daily-total-female-births.csv", univariate("Date", "iso", "Births"), 365).length());
        TimeSeries shampoo = readAndClean("shampoo.csv", univariate("Month", "y-MM", "Sales"), 36);
        assertEquals(LocalDateTime.of(3, 12, 1, 0, 0), shampoo.timestamp(35), "months coded 1-01 .. 3-12");
    }

    @Test
    void melbourneTemperaturesHaveTwoMissingNewYearsEvesThatAreInterpolated() throws IOException {
        SeriesCleaner.Result r = new SeriesCleaner(INTERPOLATING).clean(SeriesRow.SINGLE_SERIES_KEY,
                read("daily-min-temperatures.csv", univariate("Date", "yyyy-MM-dd", "Temp"),
                        INTERPOLATING.missingValues()).rows());
        assertEquals(3650, r.summary().rowsIn());
        assertEquals(2, r.summary().gaps(), "1984-12-31 and 1988-12-31 are absent");
        assertEquals(3652, r.series().length());
        assertEquals(SeriesFrequency.parse("1 day"), r.series().frequency());
    }

    @Test
    void pollutionIsHourlyMultivariateWithNasAndACategoricalWindDirection() throws IOException {
        SeriesCsvFormat pollution = new SeriesCsvFormat(",", '"', true, List.of("year", "month", "day", "hour"),
                TimestampFormat.of("yyyy M d H"), List.of("pm2.5", "DEWP", "TEMP", "PRES", "Iws", "Is", "Ir"), null,
                List.of("cbwd"));
        SeriesCsvReader.Result rejecting = read("pollution.csv", pollution, CleaningConfig.MissingValues.REJECT);
        assertEquals(43_824 - 2_067, rejecting.rows().size());
        assertEquals(2_067, rejecting.rejections().stream()
                .filter(x -> x.reason() == RejectReason.NON_NUMERIC_VALUE).count(), "pm2.5 is NA on 2,067 rows");

        SeriesCsvReader.Result filling = read("pollution.csv", pollution, CleaningConfig.MissingValues.INTERPOLATE);
        assertEquals(43_824, filling.rows().size());
        SeriesCleaner.Result cleaned = new SeriesCleaner(INTERPOLATING).clean(SeriesRow.SINGLE_SERIES_KEY, filling.rows());
        assertEquals(SeriesFrequency.parse("1 hour"), cleaned.series().frequency());
        assertEquals(0, cleaned.summary().gaps(), "2010-01-01 00:00 .. 2014-12-31 23:00 is complete");
        assertEquals(24, cleaned.summary().edgeRowsTrimmed(), "pm2.5 is NA for the first 24 hours");
        assertEquals(43_824 - 24, cleaned.series().length());
        CategoryEncoder wind = CategoryEncoder.learn(List.of("cbwd"), cleaned.series(),
                SplitSpec.byFraction(0.8, 0).split(cleaned.series()));
        assertEquals(List.of(List.of("NE", "NW", "SE", "cv")), wind.levels());
    }
}
