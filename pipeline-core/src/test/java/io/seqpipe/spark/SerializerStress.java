package io.seqpipe.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.io.CompressionCodec;
import org.apache.spark.io.LZ4CompressionCodec;
import org.apache.spark.serializer.DeserializationStream;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializationStream;
import org.apache.spark.serializer.SerializerInstance;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stress program for {@link BulkNdArraySerializer} under the conditions of a long parameter-averaging job: many rounds
 * of Kryo round trips of large arrays and views (a view is copied to a fresh compact array that only the serializer
 * holds), while another thread forces garbage collection and allocates and drops native arrays of the same size, so
 * that ND4J's deallocator frees any buffer that becomes unreachable and the allocator hands its memory straight out
 * again. A buffer read after it was freed then either faults (the JVM dies with SIGSEGV) or yields another array's
 * bytes, which the element check after every round catches.
 *
 * <p>Run in its own JVM (a crash must not take the caller with it): {@code main} prints one JSON line with the figures
 * and exits 0 when every round read back exactly what was written, 1 when any round was corrupted.
 * {@code BulkNdArraySerializerStressTest} runs it briefly in the suite; {@code scripts/stress-serializer.sh} runs it
 * long.
 */
public final class SerializerStress {
    /** What one run does: {@code rounds} round trips of a {@code rows × cols} float view. */
    record Settings(int rounds, int rows, int cols) {
        Settings {
            if (rounds < 1 || rows < 1 || cols < 2) {
                throw new IllegalArgumentException("rounds >= 1, rows >= 1 and cols >= 2 needed, got "
                        + rounds + ", " + rows + ", " + cols);
            }
        }

        long bytesPerArray() {
            return (long) rows * (cols - 1) * Float.BYTES;
        }
    }

    /** What one run saw: rounds done, bytes serialized, GC cycles during the run, rounds whose bytes came back wrong. */
    record Report(int rounds, long bytesSerialized, long gcCycles, long pressureAllocations, int corruptRounds,
                  String firstCorruption) {
        String toJson() {
            return String.format(Locale.ROOT, "{\"rounds\": %d, \"bytesSerialized\": %d, \"gcCycles\": %d, "
                            + "\"pressureAllocations\": %d, \"corruptRounds\": %d, \"firstCorruption\": %s}",
                    rounds, bytesSerialized, gcCycles, pressureAllocations, corruptRounds,
                    firstCorruption == null ? "null" : "\"" + firstCorruption + "\"");
        }
    }

    private static final int WARM_UP_ROUND_TRIPS = 30_000;

    private SerializerStress() {
    }

    /** {@code main(rounds, rows, cols[, jsonFile])}: runs, prints the report as JSON, exits 1 on any corruption. */
    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]));
        Report report = run(settings);
        System.out.println(report.toJson());
        if (args.length > 3) {
            Files.writeString(Path.of(args[3]), report.toJson() + "\n");
        }
        System.exit(report.corruptRounds() == 0 ? 0 : 1);
    }

    static Report run(Settings settings) throws InterruptedException {
        SparkConf conf = SparkSessions.conf("serializer-stress", "local[1]", 1);
        SerializerInstance kryo = new KryoSerializer(conf).newInstance();
        // what a broadcast does with the parameters: Kryo into Spark's LZ4 stream (a copy loop that takes a while)
        CompressionCodec lz4 = new LZ4CompressionCodec(conf);
        ClassTag<INDArray> tag = ClassTag$.MODULE$.apply(INDArray.class);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong allocations = new AtomicLong();
        Thread pressure = new Thread(() -> {
            while (!stop.get()) {
                // a same-sized array filled with a value no round writes, then dropped: reuses freed native memory
                INDArray decoy = Nd4j.valueArrayOf(new long[]{settings.rows(), settings.cols() - 1}, -7.0f);
                decoy.addi(0);
                allocations.incrementAndGet();
                System.gc();
            }
        }, "serializer-stress-gc");
        pressure.setDaemon(true);
        // a long job serializes many small arrays too (minibatches, masks): the serializer is JIT-compiled by then,
        // and compiled code no longer keeps a local alive past its last use
        for (int i = 0; i < WARM_UP_ROUND_TRIPS; i++) {
            INDArray small = Nd4j.rand(DataType.FLOAT, 4, 9).get(NDArrayIndex.all(), NDArrayIndex.interval(1, 9));
            kryo.deserialize(kryo.serialize(small, tag), tag);
        }
        long gcBefore = gcCount();
        pressure.start();
        long bytes = 0;
        int corrupt = 0;
        String first = null;
        try {
            for (int round = 0; round < settings.rounds(); round++) {
                INDArray base = Nd4j.arange(round, round + (double) settings.rows() * settings.cols())
                        .castTo(DataType.FLOAT).reshape('c', settings.rows(), settings.cols());
                // a view: not compact, so the serializer writes a fresh copy that nothing else references
                INDArray view = base.get(NDArrayIndex.all(), NDArrayIndex.interval(1, settings.cols()));
                ByteArrayOutputStream serialized = new ByteArrayOutputStream();
                try (SerializationStream out = kryo.serializeStream(lz4.compressedOutputStream(serialized))) {
                    out.writeObject(view, tag);
                }
                bytes += serialized.size();
                INDArray back;
                try (DeserializationStream in = kryo.deserializeStream(
                        lz4.compressedInputStream(new ByteArrayInputStream(serialized.toByteArray())))) {
                    back = in.readObject(tag);
                }
                String problem = compare(view, back, round);
                if (problem != null) {
                    corrupt++;
                    if (first == null) {
                        first = problem;
                    }
                }
            }
        } finally {
            stop.set(true);
            pressure.join();
        }
        return new Report(settings.rounds(), bytes, gcCount() - gcBefore, allocations.get(), corrupt, first);
    }

    /** Null when {@code back} holds exactly the view's elements, else where the first difference is. */
    private static String compare(INDArray view, INDArray back, int round) {
        float[] expected = view.dup('c').data().asFloat();
        float[] actual = back.dup('c').data().asFloat();
        if (!java.util.Arrays.equals(view.shape(), back.shape())) {
            return "round " + round + ": shape " + java.util.Arrays.toString(back.shape());
        }
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                return "round " + round + ": element " + i + " is " + actual[i] + ", expected " + expected[i];
            }
        }
        return null;
    }

    private static long gcCount() {
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }
}
