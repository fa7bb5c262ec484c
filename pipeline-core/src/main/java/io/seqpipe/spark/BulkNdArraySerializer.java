package io.seqpipe.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.nd4j.kryo.Nd4jSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Kryo serializer for ND4J arrays that copies the data in bulk. ND4J's own {@code Nd4jSerializer} writes through a
 * {@code DataOutputStream} one element at a time (a virtual read and a 4-byte stream write per float), which made
 * serialization the largest cost of a parameter-averaging round after the training itself: every round, the driver
 * broadcasts the parameters and the updater state and each worker returns both (3 × 530 k floats each on the
 * reference tagger), and the workers' result serialization alone was ~6 % of their time in {@code local[2]}
 * (docs/PERFORMANCE.md).
 *
 * <p>Format: a tag byte; for tag {@link #BULK} the data type, ordering, shape and byte order, then the elements as raw
 * bytes in the array's own ordering (a view is copied to a compact array first); for tag {@link #EMPTY} (an empty
 * array, which ND4J's serializer writes but cannot read back) the data type and shape. Other arrays this format does
 * not cover (scalars, strings, compressed or sparse) are written with tag {@link #DELEGATED} by ND4J's serializer.
 * Arrays are read back detached from any workspace, in the data type, shape and ordering they were written with.
 *
 * <p>Native memory: the NIO view of an array's buffer does not keep the array alive, and ND4J frees an array's memory
 * as soon as the array is garbage collected. Each copy therefore holds its array reachable until the copy has ended
 * ({@link Reference#reachabilityFence}); without that, a compiled {@code write} let the fresh copy of a view (or an
 * array its caller no longer referenced) be collected mid-copy, and the JVM read freed memory: a SIGSEGV, or another
 * array's bytes shipped as parameters ({@code SerializerStress}, docs/RELIABILITY.md).
 */
public final class BulkNdArraySerializer extends Serializer<INDArray> {
    static final byte DELEGATED = 0;
    static final byte BULK = 1;
    static final byte EMPTY = 2;
    private static final int CHUNK = 1 << 16;
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final Nd4jSerializer fallback = new Nd4jSerializer();

    @Override
    public void write(Kryo kryo, Output out, INDArray array) {
        if (array.isEmpty() && !array.isS()) {
            // ND4J's serializer cannot read back the empty arrays it writes (EOFException)
            out.writeByte(EMPTY);
            out.writeString(array.dataType().name());
            writeShape(out, array.shape());
            return;
        }
        if (!bulk(array)) {
            out.writeByte(DELEGATED);
            fallback.write(kryo, out, array);
            return;
        }
        char order = array.ordering();
        INDArray compact = isCompact(array) ? array : array.dup(order);
        Nd4j.getAffinityManager().ensureLocation(compact, AffinityManager.Location.HOST);
        out.writeByte(BULK);
        out.writeString(compact.dataType().name());
        out.writeByte((byte) order);
        out.writeBoolean(LITTLE_ENDIAN);
        writeShape(out, compact.shape());
        long bytes = compact.length() * compact.dataType().width();
        try {
            ByteBuffer data = compact.data().asNio().duplicate();
            data.position(0);
            byte[] chunk = new byte[(int) Math.min(CHUNK, bytes)];
            for (long done = 0; done < bytes; ) {
                int n = (int) Math.min(chunk.length, bytes - done);
                data.get(chunk, 0, n);
                out.writeBytes(chunk, 0, n);
                done += n;
            }
        } finally {
            // the buffer does not reference the array: without the fence a fresh dup (or an array its caller no
            // longer holds) can be collected mid-copy and ND4J's deallocator frees the memory being read
            Reference.reachabilityFence(compact);
            Reference.reachabilityFence(array);
        }
    }

    @Override
    public INDArray read(Kryo kryo, Input in, Class<INDArray> type) {
        byte tag = in.readByte();
        if (tag == DELEGATED) {
            return fallback.read(kryo, in, type);
        }
        if (tag == EMPTY) {
            DataType dataType = DataType.valueOf(in.readString());
            long[] shape = readShape(in);
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return shape.length == 0 ? Nd4j.empty(dataType) : Nd4j.create(dataType, shape);
            }
        }
        if (tag != BULK) {
            throw new KryoException("not an ND4J array written by " + BulkNdArraySerializer.class.getSimpleName()
                    + ": tag " + tag);
        }
        DataType dataType = DataType.valueOf(in.readString());
        char order = (char) in.readByte();
        boolean littleEndian = in.readBoolean();
        if (littleEndian != LITTLE_ENDIAN) {
            throw new KryoException("an ND4J array written on a " + (littleEndian ? "little" : "big")
                    + "-endian machine cannot be read on this " + ByteOrder.nativeOrder() + " machine");
        }
        long[] shape = readShape(in);
        INDArray array;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            array = Nd4j.createUninitialized(dataType, shape, order);
        }
        long bytes = array.length() * dataType.width();
        try {
            ByteBuffer data = array.data().asNio().duplicate();
            data.position(0);
            byte[] chunk = new byte[(int) Math.min(CHUNK, bytes)];
            for (long done = 0; done < bytes; ) {
                int n = (int) Math.min(chunk.length, bytes - done);
                in.readBytes(chunk, 0, n);
                data.put(chunk, 0, n);
                done += n;
            }
        } finally {
            Reference.reachabilityFence(array);
        }
        Nd4j.getAffinityManager().tagLocation(array, AffinityManager.Location.HOST);
        return array;
    }

    private static void writeShape(Output out, long[] shape) {
        out.writeInt(shape.length, true);
        for (long s : shape) {
            out.writeLong(s, true);
        }
    }

    private static long[] readShape(Input in) {
        long[] shape = new long[in.readInt(true)];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.readLong(true);
        }
        return shape;
    }

    /** Whether the bulk format covers this array: a non-empty numeric or boolean array of rank at least 1. */
    static boolean bulk(INDArray array) {
        DataType type = array.dataType();
        return !array.isEmpty() && array.rank() >= 1 && !array.isSparse() && !array.isCompressed()
                && (type.isNumerical() || type == DataType.BOOL);
    }

    /** The array's elements are exactly its buffer from the start, in its own ordering. */
    private static boolean isCompact(INDArray array) {
        return !array.isView() && array.offset() == 0 && array.elementWiseStride() == 1
                && array.data().length() == array.length();
    }
}
