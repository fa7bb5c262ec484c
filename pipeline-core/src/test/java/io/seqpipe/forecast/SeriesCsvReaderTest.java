package io.seqpipe.forecast;

import io.seqpipe.SeqPipeException;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesCsvReaderTest {
    static final SeriesCsvFormat MONTHLY = new SeriesCsvFormat(",", '"', true, List.of("Month"),
            TimestampFormat.of("yyyy-MM"), List.of("Passengers"), null, List.of());
    static final SeriesCsvFormat STATIONS = new SeriesCsvFormat(",", null, true, List.of("time"),
            TimestampFormat.of("yyyy-MM-dd HH:mm"), List.of("pm25", "temp"), "station", List.of("wind"));

    static SeriesCsvReader.Result read(String fixture, SeriesCsvFormat format, CleaningConfig.MissingValues policy)
            throws IOException {
        Path file = Fixtures.fixture("timeseries/" + fixture);
        return SeriesCsvReader.parse(fixture, Files.readString(file), format, policy);
    }

    static Map<RejectReason, Integer> reasons(List<Rejection> rejections) {
        Map<RejectReason, Integer> counts = new TreeMap<>();
        rejections.forEach(r -> counts.merge(r.reason(), 1, Integer::sum));
        return counts;
    }

    @Test
    void crlfFileWithoutFinalNewlineAndQuotedHeaderIsReadCompletely() throws IOException {
        SeriesCsvReader.Result r = read("monthly-crlf.csv", MONTHLY, CleaningConfig.MissingValues.FFILL);
        assertEquals(List.of("Month", "Passengers"), r.header());
        assertEquals(5, r.rows().size());
        assertEquals(List.of(), r.rejections());
        SeriesRow last = r.rows().get(4);
        assertEquals(LocalDateTime.of(2000, 6, 1, 0, 0), last.timestamp());
        assertArrayEquals(new double[]{18}, last.values(), "no stray \\r on the last, newline-less line");
        assertEquals(SeriesRow.SINGLE_SERIES_KEY, last.key());
        assertEquals(2, r.rows().get(0).offset(), "line 2, after the header");
        assertEquals(6, last.offset(), "the last, newline-less line");
        assertTrue(Double.isNaN(r.rows().get(2).values()[0]), "n/a is kept as missing under ffill");
    }

    @Test
    void nonNumericValueIsRejectedUnderTheRejectPolicy() throws IOException {
        SeriesCsvReader.Result r = read("monthly-crlf.csv", MONTHLY, CleaningConfig.MissingValues.REJECT);
        assertEquals(4, r.rows().size());
        Rejection rej = r.rejections().get(0);
        assertEquals(RejectReason.NON_NUMERIC_VALUE, rej.reason());
        assertEquals("column Passengers: 'n/a' is not a number", rej.detail());
        assertEquals("\"2000-03\",n/a", rej.line());
    }

    @Test
    void nonNumericValueStopsTheJobUnderTheFailPolicyNamingTheRow() {
        SeqPipeException e = assertThrows(SeqPipeException.class,
                () -> read("monthly-crlf.csv", MONTHLY, CleaningConfig.MissingValues.FAIL));
        assertEquals("monthly-crlf.csv line 4: column Passengers holds 'n/a', not a number, and"
                + " cleaning.missingValues = fail; set it to reject, ffill or interpolate to accept such rows",
                e.getMessage());
    }

    @Test
    void keyedMultivariateFileGivesKeysValuesCategoriesAndRejectsWithReasons() throws IOException {
        SeriesCsvReader.Result r = read("stations.csv", STATIONS, CleaningConfig.MissingValues.REJECT);
        assertEquals(Map.of(RejectReason.NON_NUMERIC_VALUE, 1, RejectReason.BAD_NUMBER, 1,
                RejectReason.BAD_TIMESTAMP, 1, RejectReason.WRONG_COLUMN_COUNT, 1), reasons(r.rejections()));
        assertEquals(7, r.rows().size());
        SeriesRow first = r.rows().get(0);
        assertEquals("A", first.key());
        assertEquals(LocalDateTime.of(2020, 1, 1, 0, 0), first.timestamp());
        assertArrayEquals(new double[]{10, 1.5}, first.values());
        assertArrayEquals(new String[]{"NE"}, first.categories());
        Rejection badTime = r.rejections().stream().filter(x -> x.reason() == RejectReason.BAD_TIMESTAMP)
                .findFirst().orElseThrow();
        assertEquals("'2020-01-01' does not match timestamp format yyyy-MM-dd HH:mm", badTime.detail());
    }

    @Test
    void columnsByIndexWithoutHeaderAndRowOrderAsTimeIndex() throws IOException {
        SeriesCsvFormat format = new SeriesCsvFormat(";", null, false, List.of(), TimestampFormat.of("none"),
                List.of("0"), null, List.of("1"));
        SeriesCsvReader.Result r = read("no-header.csv", format, CleaningConfig.MissingValues.REJECT);
        assertEquals(3, r.rows().size(), "the blank line is skipped");
        assertNull(r.rows().get(0).timestamp());
        assertArrayEquals(new double[]{7.0}, r.rows().get(2).values());
        assertArrayEquals(new String[]{"3"}, r.rows().get(2).categories());
    }

    @Test
    void severalTimestampColumnsAreJoinedWithASpace() {
        SeriesCsvFormat pollution = new SeriesCsvFormat(",", '"', true, List.of("year", "month", "day", "hour"),
                TimestampFormat.of("yyyy M d H"), List.of("pm2.5", "DEWP"), null, List.of("cbwd"));
        String text = "No,year,month,day,hour,pm2.5,DEWP,cbwd\r\n1,2010,1,1,0,NA,-21,NW\r\n2,2010,12,31,23,129,-16,SE";
        SeriesCsvReader.Result r = SeriesCsvReader.parse("p.csv", text, pollution, CleaningConfig.MissingValues.FFILL);
        assertEquals(LocalDateTime.of(2010, 12, 31, 23, 0), r.rows().get(1).timestamp());
        assertArrayEquals(new double[]{129, -16}, r.rows().get(1).values());
    }

    @Test
    void headerNamesWinOverIndicesAndAMissingColumnIsNamed() {
        SeriesCsvFormat byIndex = new SeriesCsvFormat(",", null, true, List.of("0"), TimestampFormat.of("iso"),
                List.of("2"), null, List.of());
        SeriesCsvReader.Result r = SeriesCsvReader.parse("f", "d,x,y\n2020-01-01,1,2\n", byIndex,
                CleaningConfig.MissingValues.REJECT);
        assertArrayEquals(new double[]{2}, r.rows().get(0).values());
        SeqPipeException e = assertThrows(SeqPipeException.class, () -> SeriesCsvReader.parse("f.csv",
                "d,x\n2020-01-01,1\n", STATIONS, CleaningConfig.MissingValues.REJECT));
        assertEquals("column 'time' is not in the header of f.csv; the header has [d, x]", e.getMessage());
    }

    @Test
    void emptySeriesKeyIsRejected() {
        SeriesCsvReader.Result r = SeriesCsvReader.parse("f", "station,time,pm25,temp,wind\n ,2020-01-01 00:00,1,2,NE",
                STATIONS, CleaningConfig.MissingValues.REJECT);
        assertEquals(RejectReason.EMPTY_SERIES_KEY, r.rejections().get(0).reason());
    }

    @Test
    void formatValidationNamesTheKey() {
        InvalidConfigException noneWithColumn = assertThrows(InvalidConfigException.class, () ->
                new SeriesCsvFormat(",", null, true, List.of("t"), TimestampFormat.of("none"), List.of("v"), null,
                        List.of()));
        assertEquals("series.timestampColumns must be empty when series.timestampFormat = none, got [t]",
                noneWithColumn.getMessage());
        InvalidConfigException twice = assertThrows(InvalidConfigException.class, () ->
                new SeriesCsvFormat(",", null, true, List.of("t"), TimestampFormat.of("iso"), List.of("v"), "v",
                        List.of()));
        assertTrue(twice.getMessage().startsWith("series column 'v' is used more than once"), twice.getMessage());
        assertThrows(InvalidConfigException.class, () -> new SeriesCsvFormat(",", null, true, List.of("t"),
                TimestampFormat.of("iso"), List.of(), null, List.of()));
    }

    @Test
    void numbersOnlyJavaReadsAreBadNumbersUnderEveryMissingValuePolicy() {
        for (CleaningConfig.MissingValues policy : CleaningConfig.MissingValues.values()) {
            SeriesRowParser parser = SeriesRowParser.create(MONTHLY, List.of("Month", "Passengers"), policy, "m.csv");
            for (String bad : List.of("12f", "0x1p4", "1_000", "Infinity", "1e400", "abc", "1,5")) {
                Rejection rej = parser.parse("m.csv", 7, "2000-01,\"" + bad + "\"").rejection();
                assertEquals(RejectReason.BAD_NUMBER, rej == null ? null : rej.reason(), policy + " " + bad);
                assertEquals("column Passengers: '" + bad + "' is not a decimal number (sign, digits, fraction,"
                        + " exponent) nor a missing value", rej.detail());
            }
            assertArrayEquals(new double[]{-1.5e3}, parser.parse("m.csv", 7, "2000-01, -1.5E3 ").row().values());
        }
    }

    @Test
    void emptyFieldsAndMissingMarkersAreMissingValues() {
        SeriesRowParser ffill = SeriesRowParser.create(MONTHLY, List.of("Month", "Passengers"),
                CleaningConfig.MissingValues.FFILL, "m.csv");
        for (String missing : List.of("", "NA", "n/a", "#N/A", "NaN", "nan", "null", "None", "?")) {
            SeriesRowOutcome o = ffill.parse("m.csv", 7, "2000-01," + missing);
            assertTrue(!o.isRejected() && Double.isNaN(o.row().values()[0]), "'" + missing + "'");
        }
        SeriesRowParser reject = SeriesRowParser.create(MONTHLY, List.of("Month", "Passengers"),
                CleaningConfig.MissingValues.REJECT, "m.csv");
        assertEquals(RejectReason.NON_NUMERIC_VALUE, reject.parse("m.csv", 7, "2000-01,").rejection().reason());
    }

    @Test
    void aTablesTypedCellsAreReadAsAFilesFieldsWouldBe() {
        SeriesCsvFormat format = STATIONS.withColumns("station", List.of("time"), List.of("pm25", "temp"));
        SeriesRowParser parser = SeriesRowParser.create(format, List.of("station", "time", "pm25", "temp", "wind"),
                CleaningConfig.MissingValues.FFILL, "dataframe");
        LocalDateTime noon = LocalDateTime.of(2010, 1, 2, 12, 0);
        SeriesRow row = parser.parseCells("dataframe", 3, java.util.Arrays.asList(7L,
                java.sql.Timestamp.valueOf(noon), 12, Double.NaN, null), "shown").row();
        assertEquals("7", row.key());
        assertEquals(noon, row.timestamp());
        assertEquals(12.0, row.values()[0]);
        assertTrue(Double.isNaN(row.values()[1]), "NaN is a missing value, filled under ffill");
        assertArrayEquals(new String[]{""}, row.categories());
        assertEquals(3, row.offset());
        assertEquals(LocalDateTime.of(2010, 1, 2, 0, 0), parser.parseCells("dataframe", 4, List.of("north",
                java.sql.Date.valueOf("2010-01-02"), 1.5, 2, "NE"), "shown").row().timestamp());
        assertEquals(noon, parser.parseCells("dataframe", 5, List.of("north", "2010-01-02 12:00", "1.5", 2, "NE"),
                "shown").row().timestamp(), "text in series.timestampFormat");

        Rejection infinite = parser.parseCells("dataframe", 6, List.of("north", noon, Double.POSITIVE_INFINITY, 2,
                "NE"), "shown").rejection();
        assertEquals(RejectReason.BAD_NUMBER, infinite.reason());
        assertEquals("column pm25: 'Infinity' is not a decimal number (sign, digits, fraction, exponent) nor a missing"
                + " value", infinite.detail());
        assertEquals(RejectReason.EMPTY_SERIES_KEY, parser.parseCells("dataframe", 7, java.util.Arrays.asList(null,
                noon, 1, 2, "NE"), "shown").rejection().reason());
        Rejection noTime = parser.parseCells("dataframe", 8, java.util.Arrays.asList("north", null, 1, 2, "NE"),
                "shown").rejection();
        assertEquals(RejectReason.BAD_TIMESTAMP, noTime.reason());
        assertEquals(8, noTime.offset());
        assertEquals(RejectReason.NON_NUMERIC_VALUE, SeriesRowParser.create(format, List.of("station", "time",
                "pm25", "temp", "wind"), CleaningConfig.MissingValues.REJECT, "dataframe").parseCells("dataframe", 9,
                java.util.Arrays.asList("north", noon, null, 2, "NE"), "shown").rejection().reason());
    }
}
