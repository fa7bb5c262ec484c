package io.seqpipe.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;

/**
 * What a task adds to Spark's Kryo: the classes its jobs ship between driver and executors. Each task declares its
 * own in {@code META-INF/services/io.seqpipe.spark.KryoRegistrations}; {@link SeqPipeKryoRegistrator} finds them
 * with {@link java.util.ServiceLoader} and registers them in the order of their class names, so the driver and every
 * executor give each class the same Kryo id. This package never names a task's types.
 */
public interface KryoRegistrations {
    void registerClasses(Kryo kryo);

    /**
     * Registers classes to be written with Java serialization: records (Kryo 4 cannot serialize them field by field,
     * "can't get field offset on a record class") and classes holding immutable collections it cannot rebuild.
     */
    static void withJavaSerialization(Kryo kryo, Class<?>... classes) {
        for (Class<?> c : classes) {
            kryo.register(c, new JavaSerializer());
        }
    }
}
