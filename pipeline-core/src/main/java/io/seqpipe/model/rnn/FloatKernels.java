package io.seqpipe.model.rnn;

import io.seqpipe.SeqPipeException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * What SeqPipe's recurrent layers share to run a time step's elementwise work in Java instead of ND4J operations:
 * single-precision {@code tanh} and {@code sigmoid} that HotSpot's C2 compiles into SIMD loops, and bulk access to
 * ND4J's native arrays. A step's elementwise work as ND4J operations is a dozen or more small operations, each
 * several microseconds of dispatch, and libnd4j's {@code tanh} and {@code sigmoid} run at 6 and 2.5 ns per element
 * (scalar {@code libm}); as Java loops over {@code float[]} it is several times faster (docs/PERFORMANCE.md).
 *
 * <p>{@link #tanh(float)} is a rational approximation, at most 4e-7 from the exact value (against float's own
 * resolution of 6e-8 near 1; {@code LstmFloatKernelTest}); the sigmoid is {@code (1 + tanh(x/2)) / 2}. The layers use
 * these kernels in single precision on the CPU backend only ({@link #applies}); other precisions (double, in the
 * tests against DL4J's layers and in gradient checks) and backends run ND4J's exact operations.
 *
 * <p>The JVM option {@code -D}{@value #PROPERTY}{@code =false} turns the kernels off on the CPU too: single precision
 * then runs through ND4J's operations, the path the CUDA backend takes. {@code CudaPathOnCpuTest} uses it to cover
 * that path without a GPU; it also serves to rule the kernels out when a float result looks wrong. The layers read it
 * at each pass ({@code true}, the default, or {@code false}; anything else is an error naming the option).
 */
public final class FloatKernels {
    // tanh(x) ≈ x·P(x²)/Q(x²) on [-CLAMP, CLAMP] (a minimax rational form, as in Eigen's fast float tanh); beyond
    // CLAMP tanh rounds to ±1 in float
    private static final float CLAMP = 7.90531110763549805f;
    private static final float P13 = -2.76076847742355e-16f;
    private static final float P11 = 2.00018790482477e-13f;
    private static final float P9 = -8.60467152213735e-11f;
    private static final float P7 = 5.12229709037114e-08f;
    private static final float P5 = 1.48572235717979e-05f;
    private static final float P3 = 6.37261928875436e-04f;
    private static final float P1 = 4.89352455891786e-03f;
    private static final float Q6 = 1.19825839466702e-06f;
    private static final float Q4 = 1.18534705686654e-04f;
    private static final float Q2 = 2.26843463243900e-03f;
    private static final float Q0 = 4.89352518554385e-03f;

    private static final boolean CPU_BACKEND = "CPU".equalsIgnoreCase(
            String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation().get("backend")));

    /** The system property that turns the kernels off ({@code false}) or on ({@code true}, the default). */
    public static final String PROPERTY = "seqpipe.floatKernels";

    private FloatKernels() {
    }

    /**
     * Whether a layer computing in {@code dataType} uses these kernels: single precision on the CPU backend, unless
     * {@value #PROPERTY} is {@code false}.
     */
    public static boolean applies(DataType dataType) {
        return dataType == DataType.FLOAT && CPU_BACKEND && enabled();
    }

    private static boolean enabled() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw new SeqPipeException("-D" + PROPERTY + " must be true or false, got '" + value + "'");
    }

    /** tanh in single precision, within 4e-7 of the exact value; NaN stays NaN, ±∞ gives ±1. */
    public static float tanh(float v) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, v));
        float x2 = x * x;
        float p = x2 * P13 + P11;
        p = x2 * p + P9;
        p = x2 * p + P7;
        p = x2 * p + P5;
        p = x2 * p + P3;
        p = x2 * p + P1;
        p = x * p;
        float q = x2 * Q6 + Q4;
        q = x2 * q + Q2;
        q = x2 * q + Q0;
        return p / q;
    }

    /** The logistic sigmoid, {@code (1 + tanh(x/2)) / 2}. */
    public static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }

    public static void sigmoidInPlace(float[] z, int n) {
        for (int k = 0; k < n; k++) {
            z[k] = sigmoid(z[k]);
        }
    }

    public static void tanh(float[] in, float[] out, int n) {
        for (int k = 0; k < n; k++) {
            out[k] = tanh(in[k]);
        }
    }

    /**
     * A single-precision array's elements as a float buffer, index 0 at the array's first element: for bulk copies
     * between the native array and Java arrays ({@code get/put(index, float[], offset, length)}). The array's
     * elements are addressed by their offset in its buffer, so it must be laid out as its users index it.
     *
     * <p>The buffer does not keep the array alive, and ND4J frees an array's memory once the array is collected: a
     * caller keeps the array reachable until it is done with the buffer ({@link java.lang.ref.Reference#reachabilityFence}
     * after the last access, or a field of an object that outlives the use).
     */
    public static FloatBuffer floats(INDArray array) {
        ByteBuffer bytes = array.data().asNio().order(ByteOrder.nativeOrder());
        bytes.position((int) (array.offset() * Float.BYTES));
        return bytes.slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * Copies {@code cols} elements of each of {@code rows} rows, row {@code i} starting at
     * {@code base + i·rowStride}, into {@code dst} as a {@code [rows, cols]} row-major block.
     */
    public static void getRows(FloatBuffer src, long base, int rowStride, float[] dst, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            src.get((int) (base + (long) i * rowStride), dst, i * cols, cols);
        }
    }

    /** The inverse of {@link #getRows}: a {@code [rows, cols]} row-major block into rows {@code rowStride} apart. */
    public static void putRows(FloatBuffer dst, long base, int rowStride, float[] src, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            dst.put((int) (base + (long) i * rowStride), src, i * cols, cols);
        }
    }
}
