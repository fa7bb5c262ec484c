package io.seqpipe.tasks.translation;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.seqpipe.spark.KryoRegistrations;
import io.seqpipe.spark.VarintArrays;
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

    /** line, source ids, then decoder input and output ids ({@link VarintArrays}; the output is the input shifted). */
    static final class EncodedPairSerializer extends Serializer<EncodedPair> {
        @Override
        public void write(Kryo kryo, Output out, EncodedPair p) {
            out.writeLong(p.line());
            VarintArrays.write(out, p.source());
            VarintArrays.write(out, p.decoderInput(), p.decoderOutput());
        }

        @Override
        public EncodedPair read(Kryo kryo, Input in, Class<EncodedPair> type) {
            long line = in.readLong();
            int[] source = VarintArrays.read(in, 1)[0];
            int[][] decoder = VarintArrays.read(in, 2);
            return new EncodedPair(line, source, decoder[0], decoder[1]);
        }
    }
}
