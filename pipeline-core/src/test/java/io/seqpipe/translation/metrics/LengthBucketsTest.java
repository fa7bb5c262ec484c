package io.seqpipe.translation.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LengthBucketsTest {

    @Test
    void bucketsByReferenceTokensWithTheirLabels() {
        assertEquals(0, LengthBuckets.of(0));
        assertEquals(0, LengthBuckets.of(5));
        assertEquals(1, LengthBuckets.of(6));
        assertEquals(5, LengthBuckets.of(30));
        assertEquals(6, LengthBuckets.of(31));
        assertEquals(7, LengthBuckets.of(50));
        assertEquals(8, LengthBuckets.of(51));
        assertEquals("1\u20135", LengthBuckets.label(0));
        assertEquals("6\u201310", LengthBuckets.label(1));
        assertEquals("31\u201340", LengthBuckets.label(6));
        assertEquals("51+", LengthBuckets.label(8));
        assertThrows(IllegalArgumentException.class, () -> LengthBuckets.label(9));
    }
}
