package io.seqpipe.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/** Java serialization round trips: what Spark does to closures and to objects sent to executors. */
public final class JavaSerialization {
    private JavaSerialization() {
    }

    /** {@code value} written and read back, as an executor would receive it. */
    @SuppressWarnings("unchecked")
    public static <T extends Serializable> T roundTrip(T value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getName(), e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deserialize " + value.getClass().getName(), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
