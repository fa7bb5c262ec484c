package io.seqpipe.tasks.classification;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.seqpipe.spark.KryoRegistrations;
import io.seqpipe.spark.VarintArrays;
import io.seqpipe.inference.Prediction;
import io.seqpipe.train.EncodedExample;

/**
 * The classes sentiment's Spark jobs ship, registered with Kryo ({@link KryoRegistrations}): the encoded example
 * with a compact hand-written serializer (it is the hot one: every training minibatch), the rest with Java
 * serialization (Kryo 4 cannot serialize records field by field).
 */
public final class ClassificationKryoClasses implements KryoRegistrations {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(EncodedExample.class, new EncodedExampleSerializer());
        KryoRegistrations.withJavaSerialization(kryo, EncodedRecord.class, Prediction.class);
    }

    /** row, label, then ids and mask ({@link VarintArrays}), and the character ids (or none). */
    static final class EncodedExampleSerializer extends Serializer<EncodedExample> {
        @Override
        public void write(Kryo kryo, Output out, EncodedExample e) {
            out.writeLong(e.row());
            out.writeInt(e.label());
            VarintArrays.write(out, e.ids(), e.mask());
            VarintArrays.writeRagged(out, e.chars());
        }

        @Override
        public EncodedExample read(Kryo kryo, Input in, Class<EncodedExample> type) {
            long row = in.readLong();
            int label = in.readInt();
            int[][] idsAndMask = VarintArrays.read(in, 2);
            return new EncodedExample(row, idsAndMask[0], idsAndMask[1], label, VarintArrays.readRagged(in));
        }
    }
}
