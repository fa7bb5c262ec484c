package io.seqpipe.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrintSafeTest {

    @Test
    void controlAndUndecodedCharactersAreEscaped() {
        assertEquals("a\\x09b\\x00c\\x1b[31m\\ufffd\\u2028 ok \\\\n",
                PrintSafe.excerpt("a\tb\u0000c\u001b[31m\ufffd\u2028 ok \\n"));
        assertEquals("caf\u00e9 \u00fcber \u65e5\u672c", PrintSafe.excerpt("caf\u00e9 \u00fcber \u65e5\u672c"));
        assertEquals("null", PrintSafe.excerpt(null));
    }

    @Test
    void longTextIsCutWithItsLength() {
        assertEquals("abcde... (26 chars)", PrintSafe.excerpt("abcdefghijklmnopqrstuvwxyz", 5));
        assertEquals("abcde", PrintSafe.excerpt("abcde", 5));
        // escapes count towards the maximum, so binary input never gives a long line
        assertEquals("\\x01\\x02... (10 chars)", PrintSafe.excerpt("\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008"
                + "\u000b\u000c", 8));
        assertEquals(100 + "... (5000 chars)".length(), PrintSafe.excerpt("x".repeat(5000)).length());
    }
}
