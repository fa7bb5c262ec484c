package io.seqpipe.spark;

import com.esotericsoftware.kryo.Kryo;
import io.seqpipe.data.ParseOutcome;
import io.seqpipe.data.Rejection;
import io.seqpipe.data.TextRecord;
import io.seqpipe.text.PaddedSequence;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Registers SeqPipe's classes with Spark's Kryo (used after ND4J's {@code Nd4jRegistrator}, whose serializer for ND4J
 * arrays it replaces with {@link BulkNdArraySerializer}): the records every task's readers share, then each task's own
 * ({@link KryoRegistrations}, found with {@link ServiceLoader}, in the order of their class names so that the driver
 * and the executors agree on every id).
 */
public final class SeqPipeKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(Nd4j.getBackend().getNDArrayClass(), new BulkNdArraySerializer());
        KryoRegistrations.withJavaSerialization(kryo, TextRecord.class, Rejection.class, ParseOutcome.class,
                PaddedSequence.class);
        for (KryoRegistrations task : tasks()) {
            task.registerClasses(kryo);
        }
    }

    /**
     * Every task's registrations on the classpath, sorted by class name. Spark builds a Kryo instance per serializer
     * instance, so the classpath is scanned once per JVM, not on each of them.
     */
    static List<KryoRegistrations> tasks() {
        return Discovered.TASKS;
    }

    private static final class Discovered {
        static final List<KryoRegistrations> TASKS = ServiceLoader.load(KryoRegistrations.class,
                        SeqPipeKryoRegistrator.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(r -> r.getClass().getName()))
                .toList();
    }
}
