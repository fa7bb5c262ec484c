package io.seqpipe.forecast;

import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.testing.JavaSerialization;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimestampFormatTest {

    @Test
    void patternsFillMissingFieldsWithTheStartOfThePeriod() {
        assertEquals(LocalDateTime.of(1949, 1, 1, 0, 0), TimestampFormat.of("yyyy-MM").parse("1949-01"));
        assertEquals(LocalDateTime.of(1, 12, 1, 0, 0), TimestampFormat.of("y-MM").parse("1-12"), "shampoo.csv");
        assertEquals(LocalDateTime.of(2010, 2, 3, 4, 5), TimestampFormat.of("yyyy-MM-dd HH:mm").parse("2010-02-03 04:05"));
        assertEquals(LocalDateTime.of(2010, 1, 1, 7, 0), TimestampFormat.of("yyyy M d H").parse("2010 1 1 7"));
    }

    @Test
    void quartersStartOnTheFirstDayOfTheirFirstMonth() {
        String[][] patternAndText = {{"yyyy-'Q'Q", "1985-Q%d"}, {"yyyy'Q'Q", "1985Q%d"}, {"QQQ yyyy", "Q%d 1985"},
                {"yyyy QQQ", "1985 Q%d"}, {"yyyy-q", "1985-%d"}};
        for (String[] c : patternAndText) {
            TimestampFormat f = TimestampFormat.of(c[0]);
            for (int q = 1; q <= 4; q++) {
                assertEquals(LocalDate.of(1985, 3 * q - 2, 1).atStartOfDay(), f.parse(String.format(c[1], q)), c[0]);
            }
            assertThrows(DateTimeException.class, () -> f.parse(String.format(c[1], 5)), c[0]);
        }
        assertEquals(LocalDateTime.of(1985, 4, 1, 0, 0), TimestampFormat.of("yyyy-MM QQQ").parse("1985-04 Q2"));
        assertThrows(DateTimeException.class, () -> TimestampFormat.of("yyyy-MM QQQ").parse("1985-04 Q1"),
                "a month and a quarter that disagree");
    }

    @Test
    void isoWeeksStartOnTheirMondayAndBelongToTheWeekBasedYear() {
        TimestampFormat weekly = TimestampFormat.of("YYYY-'W'ww");
        assertEquals(LocalDateTime.of(2020, 12, 28, 0, 0), weekly.parse("2020-W53"), "2020 has 53 ISO weeks");
        assertEquals(LocalDateTime.of(2021, 1, 4, 0, 0), weekly.parse("2021-W01"), "week 1 holds the first Thursday");
        assertEquals(LocalDateTime.of(2019, 12, 30, 0, 0), weekly.parse("2020-W01"), "week 1 of 2020 starts in 2019");
        assertThrows(DateTimeException.class, () -> weekly.parse("2019-W53"), "2019 has 52 ISO weeks");
        for (int w = 1; w <= 53; w++) {
            assertEquals(DayOfWeek.MONDAY, weekly.parse(String.format("2015-W%02d", w)).getDayOfWeek());
        }
        assertEquals(LocalDateTime.of(2020, 12, 31, 0, 0), TimestampFormat.of("YYYY-'W'ww-e").parse("2020-W53-4"),
                "e is the ISO day of week, 1 = Monday");
        assertEquals(LocalDateTime.of(2020, 12, 28, 0, 0), TimestampFormat.of("YYYYww").parse("202053"));
    }

    @Test
    void yearsAndYearMonthsStartOnTheirFirstDay() {
        assertEquals(LocalDateTime.of(1985, 1, 1, 0, 0), TimestampFormat.of("yyyy").parse("1985"));
        assertEquals(LocalDateTime.of(1985, 1, 1, 0, 0), TimestampFormat.of("uuuu").parse("1985"));
        assertEquals(LocalDateTime.of(1985, 4, 1, 0, 0), TimestampFormat.of("MM/yyyy").parse("04/1985"));
        assertEquals(LocalDateTime.of(1985, 4, 1, 0, 0), TimestampFormat.of("MMM yyyy").parse("Apr 1985"));
        assertEquals(LocalDateTime.of(2020, 2, 29, 0, 0), TimestampFormat.of("yyyy-DDD").parse("2020-060"));
        assertEquals(LocalDateTime.of(2010, 2, 3, 13, 5),
                TimestampFormat.of("yyyy-MM-dd hh:mm a").parse("2010-02-03 01:05 PM"), "a 12-hour clock with am/pm");
    }

    @Test
    void patternsThatCannotNameOneTimestampAreConfigErrorsThatSayWhy() {
        String[][] refused = {
                {"MM-dd", "it has no year (y or u)"},
                {"HH:mm", "it has no year (y or u)"},
                {"yyyy-ww", "it mixes the calendar year (y or u) with the ISO week (w)"},
                {"YYYY-MM-dd", "YYYY is the ISO week-based year"},
                {"YYYY-'W'ww MM", "it mixes ISO week fields (Y, w) with calendar"},
                {"yyyy-MM-dd hh:mm", "the 12-hour clock (h or K) has no am/pm marker (a)"},
                {"yyyy-dd", "it has a day of month (d) but no month (M)"},
                {"yyyy-MM mm", "it has minutes (m) but no hour (H)"},
                {"yyyy-MM EEE", "a day of week (E) without a day of month (d) or of year (D)"},
                {"yyyy-'W'W", "W (week of month) follows a locale's week rules"},
                {"yyyyQ", "it cannot read back '20033', the text it prints for 2003-08-17T13:47:29.123456789"},
        };
        for (String[] c : refused) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TimestampFormat.of(c[0]), c[0]);
            assertTrue(e.getMessage().startsWith("series.timestampFormat '" + c[0] + "' does not name one timestamp: "
                    + c[1]), e.getMessage());
        }
        String[][] accepted = {
                {"yyyy-MM-dd'T'HH:mm:ss.SSS", "2010-02-03T04:05:06.789", "2010-02-03T04:05:06.789"},
                {"yyyyMMddHHmm", "201002030405", "2010-02-03T04:05"},
                {"yy-MM", "85-01", "2085-01-01T00:00"},
                {"yyyy-MM-dd'T'HH:mmXXX", "2010-02-03T04:05+02:00", "2010-02-03T04:05"},
                {"yyyy 'o''clock' HH", "2010 o'clock 07", "2010-01-01T07:00"},
                {"yyyy[-MM]", "1985-04", "1985-04-01T00:00"},
        };
        for (String[] c : accepted) {
            assertEquals(LocalDateTime.parse(c[2]), TimestampFormat.of(c[0]).parse(c[1]), c[0]);
        }
    }

    @Test
    void parsingIsStrict() {
        TimestampFormat daily = TimestampFormat.of("yyyy-MM-dd");
        assertThrows(DateTimeException.class, () -> daily.parse("2010-02-30"));
        assertThrows(DateTimeException.class, () -> TimestampFormat.of("yyyy-MM").parse("1949-13"));
        assertThrows(DateTimeException.class, () -> daily.parse("2010-02-03 04:00"));
    }

    @Test
    void isoAcceptsYearMonthDateAndDateTime() {
        TimestampFormat iso = TimestampFormat.of("ISO");
        assertEquals(LocalDateTime.of(1949, 1, 1, 0, 0), iso.parse("1949-01"));
        assertEquals(LocalDateTime.of(1981, 1, 2, 0, 0), iso.parse("1981-01-02"));
        assertEquals(LocalDateTime.of(1981, 1, 2, 3, 4, 5), iso.parse("1981-01-02T03:04:05"));
        assertEquals(LocalDateTime.of(1981, 1, 2, 3, 4), iso.parse("1981-01-02 03:04"));
        assertThrows(DateTimeException.class, () -> iso.parse("02/01/1981"));
        assertEquals(LocalDateTime.of(1985, 1, 1, 0, 0), iso.parse("1985"));
        assertEquals(LocalDateTime.of(2020, 12, 28, 0, 0), iso.parse("2020-W53"));
        assertEquals(LocalDateTime.of(2020, 12, 31, 0, 0), iso.parse("2020-W53-4"));
        assertThrows(DateTimeException.class, () -> iso.parse("2019-W53"));
    }

    @Test
    void noneHasNothingToParseAndBadPatternsFailAtConfigTime() {
        assertTrue(TimestampFormat.of("none").isNone());
        assertThrows(IllegalStateException.class, () -> TimestampFormat.of("none").parse("1"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TimestampFormat.of("yyyy-bb"));
        assertTrue(e.getMessage().startsWith("series.timestampFormat must be iso, none or a java.time pattern such as"
                + " yyyy-MM, got 'yyyy-bb' ("), e.getMessage());
    }

    @Test
    void survivesJavaSerializationAsOnTheWayToExecutors() {
        TimestampFormat f = TimestampFormat.of("yyyy-MM");
        f.parse("2000-01");
        TimestampFormat copy = JavaSerialization.roundTrip(f);
        assertEquals(f, copy);
        assertEquals(LocalDateTime.of(2000, 3, 1, 0, 0), copy.parse("2000-03"), "the formatter is rebuilt");
    }
}
