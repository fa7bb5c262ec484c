package io.seqpipe.spark;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Arrays of one length as Kryo varints: the bytes, the round trip and the refusal of unequal lengths. Pure. */
class VarintArraysTest {

    @Test
    void theSharedLengthComesOnceThenEachArraysValues() {
        Output out = new Output(64);
        VarintArrays.write(out, new int[]{4, 300}, new int[]{1, 0});
        // 300 = 0b10_0101100: low seven bits with the continuation bit (0xAC), then 2
        assertArrayEquals(new byte[]{2, 4, (byte) 0xAC, 2, 1, 0}, out.toBytes());
        int[][] back = VarintArrays.read(new Input(out.toBytes()), 2);
        assertArrayEquals(new int[]{4, 300}, back[0]);
        assertArrayEquals(new int[]{1, 0}, back[1]);
    }

    @Test
    void emptyArraysAndSeveralGroupsInARowRoundTrip() {
        Output out = new Output(64);
        VarintArrays.write(out, new int[0]);
        VarintArrays.write(out, new int[]{70000}, new int[]{5}, new int[]{6});
        Input in = new Input(out.toBytes());
        assertEquals(0, VarintArrays.read(in, 1)[0].length);
        int[][] three = VarintArrays.read(in, 3);
        assertArrayEquals(new int[][]{{70000}, {5}, {6}}, three);
        assertEquals(true, in.eof());
    }

    @Test
    void arraysOfDifferentLengthsOrNoneAreRefused() {
        Output out = new Output(64);
        assertEquals("arrays written together share one length: 1 values after 2",
                assertThrows(IllegalArgumentException.class,
                        () -> VarintArrays.write(out, new int[]{1, 2}, new int[]{3})).getMessage());
        assertEquals("write at least one array: their length is written once",
                assertThrows(IllegalArgumentException.class, () -> VarintArrays.write(out)).getMessage());
        assertEquals(0, out.position());
    }
}
