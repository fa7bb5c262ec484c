package io.seqpipe.forecast;

import io.seqpipe.SeqPipeException;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static io.seqpipe.forecast.CleaningConfig.DuplicateTimestamps;
import static io.seqpipe.forecast.CleaningConfig.Gaps;
import static io.seqpipe.forecast.CleaningConfig.MissingValues;
import static io.seqpipe.forecast.CleaningConfig.OutOfOrderTimestamps;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesCleanerTest {
    static final SeriesFrequency MONTH = new SeriesFrequency(1, ChronoUnit.MONTHS);

    static CleaningConfig config(MissingValues missing, DuplicateTimestamps dup, OutOfOrderTimestamps order, Gaps gaps,
                                 SeriesFrequency frequency) {
        return new CleaningConfig(missing, dup, order, gaps, frequency);
    }

    static SeriesRow row(int month, double value, long offset) {
        return new SeriesRow("k", LocalDateTime.of(2000, month, 1, 0, 0), new double[]{value}, new String[0], "f",
                offset);
    }

    static double[] column(TimeSeries s, int c) {
        double[] out = new double[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.value(i, c);
        }
        return out;
    }

    @Test
    void gapAndMissingValueAreInterpolatedOnTheInferredMonthlyGrid() throws IOException {
        SeriesCsvReader.Result parsed = SeriesCsvReaderTest.read("monthly-crlf.csv", SeriesCsvReaderTest.MONTHLY,
                MissingValues.INTERPOLATE);
        SeriesCleaner.Result r = new SeriesCleaner(config(MissingValues.INTERPOLATE, DuplicateTimestamps.REJECT,
                OutOfOrderTimestamps.REJECT, Gaps.INTERPOLATE, null)).clean("*", parsed.rows());
        assertEquals(MONTH, r.series().frequency());
        assertArrayEquals(new double[]{10, 12, 12 + 4 / 3.0, 12 + 8 / 3.0, 16, 18}, column(r.series(), 0), 1e-12);
        assertEquals(LocalDateTime.of(2000, 4, 1, 0, 0), r.series().timestamp(3));
        CleaningSummary s = r.summary();
        assertEquals(new CleaningSummary(1, 5, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 6), s);
    }

    @Test
    void forwardFillCopiesThePreviousStep() throws IOException {
        SeriesCsvReader.Result parsed = SeriesCsvReaderTest.read("monthly-crlf.csv", SeriesCsvReaderTest.MONTHLY,
                MissingValues.FFILL);
        SeriesCleaner.Result r = new SeriesCleaner(config(MissingValues.FFILL, DuplicateTimestamps.REJECT,
                OutOfOrderTimestamps.REJECT, Gaps.FFILL, MONTH)).clean("*", parsed.rows());
        assertArrayEquals(new double[]{10, 12, 12, 12, 16, 18}, column(r.series(), 0));
        assertEquals(1, r.summary().missingValuesForwardFilled());
        assertEquals(1, r.summary().stepsInserted());
    }

    @Test
    void keptGapIsCountedButNotFilled() {
        List<SeriesRow> rows = List.of(row(1, 1, 0), row(2, 2, 1), row(5, 5, 2), row(6, 6, 3));
        SeriesCleaner.Result r = new SeriesCleaner(config(MissingValues.REJECT, DuplicateTimestamps.REJECT,
                OutOfOrderTimestamps.REJECT, Gaps.KEEP, null)).clean("k", rows);
        assertEquals(4, r.series().length());
        assertEquals(1, r.summary().gaps());
        assertEquals(2, r.summary().missingSteps());
        assertEquals(0, r.summary().stepsInserted());
    }

    @Test
    void gapFailsNamingTheSeriesAndTheHole() {
        List<SeriesRow> rows = List.of(row(1, 1, 0), row(2, 2, 1), row(5, 5, 2));
        SeqPipeException e = assertThrows(SeqPipeException.class, () -> new SeriesCleaner(config(MissingValues.REJECT,
                DuplicateTimestamps.REJECT, OutOfOrderTimestamps.REJECT, Gaps.FAIL, MONTH)).clean("k", rows));
        assertEquals("series 'k': 2 missing step(s) of 1 month between 2000-02-01T00:00 and 2000-05-01T00:00, and"
                + " cleaning.gaps = fail; set cleaning.gaps to keep, ffill or interpolate, or check cleaning.frequency",
                e.getMessage());
    }

    @Test
    void duplicateKeepsTheFirstRowAndOutOfOrderRowIsRejectedOrSorted() throws IOException {
        SeriesCsvReader.Result parsed = SeriesCsvReaderTest.read("stations.csv", SeriesCsvReaderTest.STATIONS,
                MissingValues.INTERPOLATE);
        Map<String, List<SeriesRow>> byKey = parsed.rows().stream().collect(Collectors.groupingBy(SeriesRow::key));

        SeriesCleaner rejecting = new SeriesCleaner(config(MissingValues.INTERPOLATE, DuplicateTimestamps.REJECT,
                OutOfOrderTimestamps.REJECT, Gaps.KEEP, null));
        SeriesCleaner.Result a = rejecting.clean("A", byKey.get("A"));
        assertEquals(4, a.series().length());
        assertEquals(12, a.series().value(1, 0), "the first 01:00 row is kept, the repeat rejected");
        Rejection dup = a.rejections().get(0);
        assertEquals(RejectReason.DUPLICATE_TIMESTAMP, dup.reason());
        assertEquals("series 'A': timestamp 2020-01-01T01:00 already at stations.csv line 3", dup.detail());
        assertEquals(1, a.summary().duplicateTimestamps());
        assertEquals(14, a.series().value(2, 0), 1e-12, "NA at 03:00 interpolated between 12 (01:00) and 16 (04:00)");

        SeriesCleaner.Result b = rejecting.clean("B", byKey.get("B"));
        assertEquals(RejectReason.OUT_OF_ORDER_TIMESTAMP, b.rejections().get(0).reason());
        assertEquals(1, b.summary().outOfOrderRejected());
        assertEquals(2, b.series().length());

        SeriesCleaner sorting = new SeriesCleaner(config(MissingValues.INTERPOLATE, DuplicateTimestamps.REJECT,
                OutOfOrderTimestamps.SORT, Gaps.KEEP, null));
        SeriesCleaner.Result sorted = sorting.clean("B", byKey.get("B"));
        assertEquals(List.of(), sorted.rejections());
        assertEquals(1, sorted.summary().outOfOrderSorted());
        assertArrayEquals(new double[]{30, 32, 34}, column(sorted.series(), 0));
        assertArrayEquals(new double[]{2.0, 2.2, 2.5}, column(sorted.series(), 1));
    }

    @Test
    void duplicateAndOutOfOrderCanFail() {
        List<SeriesRow> dup = List.of(row(1, 1, 0), row(1, 2, 9));
        SeqPipeException e = assertThrows(SeqPipeException.class, () -> new SeriesCleaner(config(MissingValues.REJECT,
                DuplicateTimestamps.FAIL, OutOfOrderTimestamps.REJECT, Gaps.KEEP, null)).clean("k", dup));
        assertTrue(e.getMessage().startsWith("series 'k': f line 9 repeats timestamp 2000-01-01T00:00 of f line 0"),
                e.getMessage());
        List<SeriesRow> late = List.of(row(2, 1, 0), row(1, 2, 9));
        assertThrows(SeqPipeException.class, () -> new SeriesCleaner(config(MissingValues.REJECT,
                DuplicateTimestamps.REJECT, OutOfOrderTimestamps.FAIL, Gaps.KEEP, null)).clean("k", late));
    }

    @Test
    void rowsArrivingInAnyOrderAreCleanedInFileOrder() {
        List<SeriesRow> rows = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            rows.add(row(m, m * 10, m * 100L));
        }
        rows.add(row(3, -1, 5000));
        List<SeriesRow> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(7));
        SeriesCleaner cleaner = new SeriesCleaner(config(MissingValues.REJECT, DuplicateTimestamps.REJECT,
                OutOfOrderTimestamps.REJECT, Gaps.FAIL, null));
        SeriesCleaner.Result r = cleaner.clean("k", shuffled);
        assertEquals(12, r.series().length());
        assertEquals(30, r.series().value(2, 0), "the duplicate that comes later in the file is the one rejected");
        assertEquals(5000, r.rejections().get(0).offset());
    }

    @Test
    void leadingMissingValuesAreTrimmedAndTrailingOnesTooUnderInterpolation() {
        List<SeriesRow> rows = List.of(row(1, Double.NaN, 0), row(2, 2, 1), row(3, Double.NaN, 2), row(4, 4, 3),
                row(5, Double.NaN, 4));
        SeriesCleaner.Result interp = new SeriesCleaner(config(MissingValues.INTERPOLATE, DuplicateTimestamps.REJECT,
                OutOfOrderTimestamps.REJECT, Gaps.KEEP, null)).clean("k", rows);
        assertArrayEquals(new double[]{2, 3, 4}, column(interp.series(), 0));
        assertEquals(2, interp.summary().edgeRowsTrimmed());
        assertEquals(LocalDateTime.of(2000, 2, 1, 0, 0), interp.series().timestamp(0));
        SeriesCleaner.Result ffill = new SeriesCleaner(config(MissingValues.FFILL, DuplicateTimestamps.REJECT,
                OutOfOrderTimestamps.REJECT, Gaps.KEEP, null)).clean("k", rows);
        assertArrayEquals(new double[]{2, 2, 4, 4}, column(ffill.series(), 0));
        assertEquals(1, ffill.summary().edgeRowsTrimmed());
        assertEquals(2, ffill.summary().missingValuesForwardFilled());
    }

    @Test
    void withoutTimestampsTheFileOrderIsTheTimeIndex() {
        List<SeriesRow> rows = List.of(new SeriesRow("k", null, new double[]{3}, new String[0], "b.csv", 0),
                new SeriesRow("k", null, new double[]{2}, new String[0], "a.csv", 10),
                new SeriesRow("k", null, new double[]{1}, new String[0], "a.csv", 0));
        SeriesCleaner.Result r = new SeriesCleaner(config(MissingValues.REJECT, DuplicateTimestamps.REJECT,
                OutOfOrderTimestamps.REJECT, Gaps.FAIL, null)).clean("k", rows);
        assertArrayEquals(new double[]{1, 2, 3}, column(r.series(), 0));
        assertNull(r.series().timestamps());
        assertNull(r.series().frequency());
    }

    @Test
    void frequencyIsInferredAsTheMostCommonCalendarStep() {
        LocalDateTime t = LocalDateTime.of(1981, 1, 30, 0, 0);
        assertEquals(MONTH, SeriesFrequency.between(LocalDateTime.of(2000, 1, 15, 0, 0), LocalDateTime.of(2000, 2, 15, 0, 0)));
        assertEquals(new SeriesFrequency(1, ChronoUnit.DAYS), SeriesFrequency.mostCommonStep(new LocalDateTime[]{
                t, t.plusDays(1), t.plusDays(2), t.plusDays(4), t.plusDays(5)}));
        assertEquals(new SeriesFrequency(6, ChronoUnit.HOURS), SeriesFrequency.parse("6 hours"));
        assertEquals(new SeriesFrequency(1, ChronoUnit.MONTHS), SeriesFrequency.parse("month"));
        assertEquals(new SeriesFrequency(1, ChronoUnit.YEARS),
                SeriesFrequency.between(LocalDateTime.of(2000, 1, 1, 0, 0), LocalDateTime.of(2001, 1, 1, 0, 0)));
        assertEquals(new SeriesFrequency(90, ChronoUnit.MINUTES),
                SeriesFrequency.between(t, t.plusMinutes(90)));
        assertEquals("1 month", MONTH.describe());
        assertThrows(IllegalArgumentException.class, () -> SeriesFrequency.parse("1 fortnight"));
    }

    @Test
    void summariesAddUpAcrossKeys() {
        CleaningSummary one = new CleaningSummary(1, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertEquals(new CleaningSummary(2, 20, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22), one.plus(one));
        assertEquals(one, CleaningSummary.EMPTY.plus(one));
    }
}
