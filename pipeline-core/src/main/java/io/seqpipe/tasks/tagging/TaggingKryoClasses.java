package io.seqpipe.tasks.tagging;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.seqpipe.spark.KryoRegistrations;
import io.seqpipe.spark.VarintArrays;
import io.seqpipe.tagging.NumberedLine;
import io.seqpipe.tagging.SentenceBlock;
import io.seqpipe.tagging.SentenceOutcome;
import io.seqpipe.tagging.SplitSentences;
import io.seqpipe.tagging.TaggedSentence;

/**
 * The classes the tagging tasks' Spark jobs ship, registered with Kryo ({@link KryoRegistrations}): the tagged
 * example with a compact hand-written serializer, the sentence readers' records with Java serialization.
 */
public final class TaggingKryoClasses implements KryoRegistrations {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(TaggedExample.class, new TaggedExampleSerializer());
        KryoRegistrations.withJavaSerialization(kryo, NumberedLine.class, SentenceBlock.class, TaggedSentence.class,
                SentenceOutcome.class, SplitSentences.SplitId.class, SplitSentences.Scan.class,
                SplitSentences.Context.class, SplitSentences.Piece.class, TaggingRecords.GOLD, TaggingRecords.SENTENCE,
                TaggingRecords.COUNTS);
    }

    /**
     * row, channels, then each channel's ids ({@link VarintArrays}), the tags as zig-zag varints (a tag may be
     * -1), and the character ids ({@link VarintArrays#writeRagged}).
     */
    static final class TaggedExampleSerializer extends Serializer<TaggedExample> {
        @Override
        public void write(Kryo kryo, Output out, TaggedExample e) {
            out.writeLong(e.row());
            out.writeInt(e.features().length, true);
            VarintArrays.write(out, e.features());
            out.writeInts(e.tags(), false);
            VarintArrays.writeRagged(out, e.chars());
        }

        @Override
        public TaggedExample read(Kryo kryo, Input in, Class<TaggedExample> type) {
            long row = in.readLong();
            int channels = in.readInt(true);
            int[][] features = VarintArrays.read(in, channels);
            int[] tags = in.readInts(features[0].length, false);
            return new TaggedExample(row, features, tags, VarintArrays.readRagged(in));
        }
    }
}
