package io.seqpipe;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalNumberTest {

    @Test
    void plainDecimalAndScientificNumbersAreRead() {
        assertEquals(12.0, DecimalNumber.parse("12"));
        assertEquals(-0.5, DecimalNumber.parse("-0.5"));
        assertEquals(0.5, DecimalNumber.parse("+.5"));
        assertEquals(5.0, DecimalNumber.parse("5."));
        assertEquals(0.0012, DecimalNumber.parse("1.2e-3"));
        assertEquals(1200.0, DecimalNumber.parse("1.2E3"));
        assertEquals(new BigDecimal("16.70"), DecimalNumber.exact("16.70"));
    }

    @Test
    void whatOnlyJavasParserReadsIsNotANumber() {
        for (String text : new String[]{"12f", "12d", "12F", "0x1p4", "0x10", "1_000", "1,000", "NaN", "Infinity",
                "-Infinity", " 12", "12 ", "", ".", "e5", "1e", "1e+", "--1", "١٢"}) {
            assertFalse(DecimalNumber.matches(text), text);
            assertTrue(Double.isNaN(DecimalNumber.parse(text)), text);
            assertNull(DecimalNumber.exact(text), text);
        }
    }

    @Test
    void aNumberBeyondADoubleIsNotFinite() {
        assertTrue(DecimalNumber.matches("1e400"));
        assertTrue(Double.isNaN(DecimalNumber.parse("1e400")));
    }
}
