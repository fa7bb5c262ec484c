package io.seqpipe.spark;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Int arrays of one length in a hand-written Kryo serializer: the length they share once, then each array's values,
 * all as varints (an id below 128 takes one byte). The tasks' encoded examples are such arrays (ids and mask; a
 * decoder's input and output; a token's feature channels), and they are the records every training minibatch ships.
 */
public final class VarintArrays {
    private VarintArrays() {
    }

    /** Writes the length {@code arrays} share, then each one's values; fails if their lengths differ. */
    public static void write(Output out, int[]... arrays) {
        if (arrays.length == 0) {
            throw new IllegalArgumentException("write at least one array: their length is written once");
        }
        int n = arrays[0].length;
        for (int[] a : arrays) {
            if (a.length != n) {
                throw new IllegalArgumentException("arrays written together share one length: " + a.length
                        + " values after " + n);
            }
        }
        out.writeInt(n, true);
        for (int[] a : arrays) {
            out.writeInts(a, true);
        }
    }

    /** Reads {@code count} arrays that {@link #write} wrote together. */
    public static int[][] read(Input in, int count) {
        int n = in.readInt(true);
        int[][] arrays = new int[count][];
        for (int i = 0; i < count; i++) {
            arrays[i] = in.readInts(n, true);
        }
        return arrays;
    }

    /**
     * Writes arrays of any lengths, or null (the examples' character ids, one array per word): whether they follow,
     * their count, then each one's length and values.
     */
    public static void writeRagged(Output out, int[][] arrays) {
        out.writeBoolean(arrays != null);
        if (arrays != null) {
            out.writeInt(arrays.length, true);
            for (int[] a : arrays) {
                out.writeInt(a.length, true);
                out.writeInts(a, true);
            }
        }
    }

    /** Reads what {@link #writeRagged} wrote (null as null). */
    public static int[][] readRagged(Input in) {
        if (!in.readBoolean()) {
            return null;
        }
        int[][] arrays = new int[in.readInt(true)][];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = in.readInts(in.readInt(true), true);
        }
        return arrays;
    }
}
