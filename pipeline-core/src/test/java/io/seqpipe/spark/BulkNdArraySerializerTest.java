package io.seqpipe.spark;

import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.reflect.ClassTag$;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/** ND4J arrays through the jobs' own Kryo configuration ({@link SparkSessions#conf}): bulk format and fallback. */
class BulkNdArraySerializerTest {
    static final SerializerInstance KRYO = new KryoSerializer(SparkSessions.conf("kryo-test", "local[1]", 1))
            .newInstance();

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value, Class<?> as) {
        var tag = ClassTag$.MODULE$.<T>apply(as);
        return (T) KRYO.deserialize(KRYO.serialize(value, tag), tag);
    }

    static INDArray roundTrip(INDArray a) {
        return roundTrip(a, INDArray.class);
    }

    static void assertSameArray(INDArray expected, INDArray actual) {
        assertEquals(expected.dataType(), actual.dataType());
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals(expected, actual);
    }

    @Test
    void numericArraysKeepTypeShapeOrderingAndValues() {
        INDArray floatC = Nd4j.rand(DataType.FLOAT, 3, 4, 5);
        INDArray doubleF = Nd4j.rand(DataType.DOUBLE, 'f', 4L, 7L);
        INDArray ints = Nd4j.createFromArray(new int[][]{{1, -2, 3}, {Integer.MAX_VALUE, Integer.MIN_VALUE, 0}});
        INDArray longs = Nd4j.createFromArray(Long.MAX_VALUE, -5L);
        INDArray bools = Nd4j.createFromArray(true, false, true);
        INDArray half = Nd4j.createFromArray(1.5f, -2.25f, 1e3f).castTo(DataType.HALF);
        for (INDArray a : new INDArray[]{floatC, doubleF, ints, longs, bools, half}) {
            INDArray back = roundTrip(a);
            assertTrue(BulkNdArraySerializer.bulk(a), "bulk format for " + a.dataType());
            assertSameArray(a, back);
            assertEquals(a.ordering(), back.ordering());
            assertNotSame(a.data(), back.data());
        }
    }

    @Test
    void viewsAreWrittenAsTheirOwnElementsOnly() {
        INDArray base = Nd4j.arange(0, 60).castTo(DataType.FLOAT).reshape(3, 4, 5);
        INDArray slice = base.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1));
        INDArray permuted = base.permute(2, 0, 1);
        INDArray column = Nd4j.arange(0, 12).castTo(DataType.DOUBLE).reshape(3, 4).getColumn(2);
        for (INDArray view : new INDArray[]{slice, permuted, column}) {
            INDArray back = roundTrip(view);
            assertSameArray(view, back);
            assertFalse(back.isView());
            assertEquals(back.length(), back.data().length(), "only the view's elements travel");
        }
        // the slice [1, :, :] starts at element 20
        assertEquals(20f, roundTrip(slice).getFloat(0, 0));
        assertEquals(6.0, roundTrip(column).getDouble(1));
    }

    @Test
    void theJobsKryoUsesItForNd4jArraysAndWritesTheRawElements() {
        // registered after ND4J's registrator, it replaces ND4J's serializer for the backend's array class
        Object serializer = new KryoSerializer(SparkSessions.conf("kryo-test", "local[1]", 1)).newKryo()
                .getRegistration(Nd4j.getBackend().getNDArrayClass()).getSerializer();
        assertTrue(serializer instanceof BulkNdArraySerializer, serializer.getClass().getName());
        // 100 k floats: 400 kB of raw data plus a small header
        INDArray a = Nd4j.rand(DataType.FLOAT, 1, 100_000);
        ByteBuffer bytes = KRYO.serialize(a, ClassTag$.MODULE$.apply(INDArray.class));
        int size = bytes.remaining();
        assertTrue(size >= 400_000 && size < 400_100, "serialized size " + size);
        assertSameArray(a, roundTrip(a));
    }

    @Test
    void scalarAndStringArraysFallBackToNd4jsFormatAndEmptyArraysSurvive() {
        INDArray scalar = Nd4j.scalar(2.5);
        INDArray empty = Nd4j.empty(DataType.FLOAT);
        INDArray strings = Nd4j.create("to", "be");
        assertFalse(BulkNdArraySerializer.bulk(scalar));
        assertFalse(BulkNdArraySerializer.bulk(empty));
        assertFalse(BulkNdArraySerializer.bulk(strings));
        assertEquals(2.5, roundTrip(scalar).getDouble(0));
        assertTrue(roundTrip(empty).isEmpty());
        assertEquals(DataType.FLOAT, roundTrip(empty).dataType());
        INDArray emptyMatrix = Nd4j.create(DataType.INT, 0, 3);
        assertArrayEquals(new long[]{0, 3}, roundTrip(emptyMatrix).shape());
        assertEquals(DataType.INT, roundTrip(emptyMatrix).dataType());
    }

    @Test
    void readArraysAreDetachedFromTheReadersWorkspace() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 8, 8);
        ByteBuffer bytes = KRYO.serialize(a, ClassTag$.MODULE$.apply(INDArray.class));
        INDArray back;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(
                WorkspaceConfiguration.builder().initialSize(1 << 20).build(), "kryo-test-ws")) {
            back = KRYO.deserialize(bytes, ClassTag$.MODULE$.apply(INDArray.class));
            assertFalse(back.isAttached());
        }
        assertSameArray(a, back);
    }

    @Test
    void whatTheTrainerShipsRoundTrips() {
        // a dl4j-spark broadcast (parameters and updater state) and a masked minibatch hold their arrays as fields
        INDArray params = Nd4j.rand(DataType.FLOAT, 1, 1000);
        INDArray updater = Nd4j.rand(DataType.FLOAT, 1, 2000);
        NetBroadcastTuple tuple = new NetBroadcastTuple(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .list().layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(2).nOut(2).build())
                .build(), params, updater);
        NetBroadcastTuple back = roundTrip(tuple, NetBroadcastTuple.class);
        assertSameArray(params, back.getParameters());
        assertSameArray(updater, back.getUpdaterState());

        INDArray features = Nd4j.rand(DataType.FLOAT, 'f', 2L, 3L, 4L);
        INDArray labels = Nd4j.rand(DataType.FLOAT, 'f', 2L, 5L, 4L);
        INDArray mask = Nd4j.createFromArray(new float[][]{{1, 1, 1, 0}, {1, 1, 0, 0}});
        DataSet ds = new DataSet(features, labels, mask, mask);
        DataSet dsBack = roundTrip(ds, DataSet.class);
        assertSameArray(features, dsBack.getFeatures());
        assertEquals('f', dsBack.getFeatures().ordering());
        assertSameArray(labels, dsBack.getLabels());
        assertSameArray(mask, dsBack.getFeaturesMaskArray());
        assertSameArray(mask, dsBack.getLabelsMaskArray());
    }

    /**
     * Byte for byte, in the three floating-point types the GPU path ships (parameters, updater state, minibatches):
     * compact arrays in both orderings and views (an offset slice, a non-contiguous block, a permutation, a strided
     * row), filled with bit patterns that a value comparison would let through (−0, the smallest subnormal, ±∞, the
     * largest finite value, a NaN with a payload) between random values; and empty arrays of each type keep type and
     * shape. The expected bytes are read from the source buffer at the view's own offset and strides, not through ND4J.
     */
    @Test
    void floatDoubleAndHalfArraysRoundTripByteForByte() {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE, DataType.HALF}) {
            for (char order : new char[]{'c', 'f'}) {
                INDArray base = withBitPatterns(type, order, 4, 6, 5);
                INDArray[] arrays = {base, base.get(point(1)), base.get(interval(1, 3), all(), interval(2, 5)),
                        base.permute(2, 0, 1), base.get(all(), point(2), all()).getRow(3)};
                for (INDArray a : arrays) {
                    INDArray back = roundTrip(a);
                    String what = type + " " + order + " " + java.util.Arrays.toString(a.shape());
                    assertEquals(type, back.dataType(), what);
                    assertArrayEquals(a.shape(), back.shape(), what);
                    assertArrayEquals(elementBytes(a), elementBytes(back), what);
                }
            }
            for (long[] shape : new long[][]{{0}, {2, 0}, {0, 3, 4}}) {
                INDArray back = roundTrip(Nd4j.create(type, shape));
                assertTrue(back.isEmpty());
                assertEquals(type, back.dataType());
                assertArrayEquals(shape, back.shape());
            }
        }
    }

    /** An array of {@code shape} whose elements cycle through special bit patterns and random values. */
    private static INDArray withBitPatterns(DataType type, char order, long... shape) {
        INDArray a = Nd4j.create(type, shape, order);
        ByteBuffer data = a.data().asNio().order(ByteOrder.nativeOrder());
        java.util.Random r = new java.util.Random(17);
        for (int i = 0; i < a.length(); i++) {
            int k = i % 8;
            switch (type) {
                case FLOAT -> data.putInt(i * 4, k < 6 ? new int[]{0x80000000, 0x00000001, 0x7f800000, 0xff800000,
                        0x7f7fffff, 0x7fc00123}[k] : Float.floatToRawIntBits((float) (r.nextGaussian() * 1e3)));
                case DOUBLE -> data.putLong(i * 8, k < 6 ? new long[]{0x8000000000000000L, 1L, 0x7ff0000000000000L,
                        0xfff0000000000000L, 0x7fefffffffffffffL, 0x7ff8000000000123L}[k]
                        : Double.doubleToRawLongBits(r.nextGaussian() * 1e3));
                case HALF -> data.putShort(i * 2, k < 6 ? new short[]{(short) 0x8000, 0x0001, 0x7c00, (short) 0xfc00,
                        0x7bff, 0x7e03}[k] : (short) (r.nextInt(0x7c00) | (r.nextBoolean() ? 0x8000 : 0)));
                default -> throw new IllegalArgumentException(type.toString());
            }
        }
        return a;
    }

    /** The bytes of the array's elements in row-major index order, read from its buffer at its offset and strides. */
    private static byte[] elementBytes(INDArray a) {
        int width = a.dataType().width();
        ByteBuffer data = a.data().asNio();
        long[] shape = a.shape();
        long[] stride = a.stride();
        byte[] out = new byte[(int) a.length() * width];
        long[] index = new long[shape.length];
        for (int e = 0; e < a.length(); e++) {
            long at = a.offset();
            for (int d = 0; d < shape.length; d++) {
                at += index[d] * stride[d];
            }
            for (int b = 0; b < width; b++) {
                out[e * width + b] = data.get((int) (at * width + b));
            }
            for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
        return out;
    }
}
