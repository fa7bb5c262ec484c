package io.seqpipe.timeseries;

import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.testing.JavaSerialization;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
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
