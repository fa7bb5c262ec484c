package io.seqpipe.tasks.translation;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.seqpipe.spark.KryoRegistrations;
import io.seqpipe.translation.EncodedPair;
import io.seqpipe.translation.PairEncoder;
import io.seqpipe.translation.PairFilterCounts;
import io.seqpipe.translation.PairOutcome;
import io.seqpipe.translation.SentencePair;
import io.seqpipe.translation.metrics.BleuStatistics;
import io.seqpipe.translation.metrics.ChrfStatistics;

/**
 * The classes translation's Spark jobs ship, registered with Kryo ({@link KryoRegistrations}): the encoded pair
 * with a compact hand-written serializer, the rest with Java serialization.
 */
public final class TranslationKryoClasses implements KryoRegistrations {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(EncodedPair.class, new EncodedPairSerializer());
        KryoRegistrations.withJavaSerialization(kryo, SentencePair.class, PairOutcome.class,
                PairEncoder.Outcome.class, PairFilterCounts.class, BleuStatistics.class, ChrfStatistics.class,
                TranslationData.Encoded.class, TranslationScoring.TestPair.class, TranslationScoring.Partial.class,
                TranslationScoring.Example.class, ScoreTranslator.SENTENCE);
    }

    /** line, then source, decoder input and decoder output ids as varints (the output is the input shifted). */
    static final class EncodedPairSerializer extends Serializer<EncodedPair> {
        @Override
        public void write(Kryo kryo, Output out, EncodedPair p) {
            out.writeLong(p.line());
            out.writeInt(p.source().length, true);
            out.writeInts(p.source(), true);
            out.writeInt(p.decoderInput().length, true);
            out.writeInts(p.decoderInput(), true);
            out.writeInts(p.decoderOutput(), true);
        }

        @Override
        public EncodedPair read(Kryo kryo, Input in, Class<EncodedPair> type) {
            long line = in.readLong();
            int[] source = in.readInts(in.readInt(true), true);
            int n = in.readInt(true);
            int[] decoderInput = in.readInts(n, true);
            return new EncodedPair(line, source, decoderInput, in.readInts(n, true));
        }
    }
}
