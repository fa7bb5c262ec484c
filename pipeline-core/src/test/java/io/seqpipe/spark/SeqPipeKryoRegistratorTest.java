package io.seqpipe.spark;

import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.tasks.forecast.WindowExample;
import io.seqpipe.tasks.tagging.TaggedExample;
import io.seqpipe.train.EncodedExample;
import io.seqpipe.translation.EncodedPair;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import io.seqpipe.lm.CutSequence;
import io.seqpipe.tasks.lm.LmDocument;
import io.seqpipe.tasks.lm.LmExample;
import io.seqpipe.tasks.lm.UnitPiece;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every task's Kryo classes are found through {@code META-INF/services}, in a fixed order, and the hand-written
 * serializers round-trip their examples through Spark's own KryoSerializer with registration required (an
 * unregistered class fails instead of being written with its full name).
 */
class SeqPipeKryoRegistratorTest {

    @Test
    void everyTaskContributesItsClassesInTheOrderOfTheirNames() {
        assertEquals(List.of("io.seqpipe.tasks.classification.ClassificationKryoClasses",
                        "io.seqpipe.tasks.forecast.ForecastKryoClasses", "io.seqpipe.tasks.lm.LmKryoClasses",
                        "io.seqpipe.tasks.tagging.TaggingKryoClasses",
                        "io.seqpipe.tasks.translation.TranslationKryoClasses"),
                SeqPipeKryoRegistrator.tasks().stream().map(r -> r.getClass().getName()).toList());
    }

    @Test
    void examplesOfEveryTaskRoundTripWithRegistrationRequired() {
        SerializerInstance kryo = new KryoSerializer(new SparkConf()
                .set("spark.kryo.registrationRequired", "true")
                .set("spark.kryo.registrator", SeqPipeKryoRegistrator.class.getName())).newInstance();

        EncodedExample e = roundTrip(kryo, new EncodedExample(7, new int[]{4, 300, 2}, new int[]{1, 1, 0}, 1));
        assertEquals(7, e.row());
        assertArrayEquals(new int[]{4, 300, 2}, e.ids());
        assertArrayEquals(new int[]{1, 1, 0}, e.mask());
        assertEquals(1, e.label());
        assertEquals(null, e.chars());
        EncodedExample sentimentChars = roundTrip(kryo, new EncodedExample(8, new int[]{4, 5}, new int[]{1, 1}, 0,
                new int[][]{{2, 300, 4}, {7}}));
        assertArrayEquals(new int[][]{{2, 300, 4}, {7}}, sentimentChars.chars(), "words of different lengths");
        assertArrayEquals(new int[]{4, 5}, sentimentChars.ids());

        TaggedExample t = roundTrip(kryo, new TaggedExample(3, new int[][]{{5, 6}, {1, 2}}, new int[]{0, -1}));
        assertEquals(3, t.row());
        assertArrayEquals(new int[][]{{5, 6}, {1, 2}}, t.features());
        assertArrayEquals(new int[]{0, -1}, t.tags());
        assertEquals(null, t.chars());
        TaggedExample withChars = roundTrip(kryo, new TaggedExample(4, new int[][]{{5, 6}}, new int[]{0, -1},
                new int[][]{{2, 300, 4}, {7}}));
        assertArrayEquals(new int[][]{{2, 300, 4}, {7}}, withChars.chars(), "words of different lengths");
        assertArrayEquals(new int[]{0, -1}, withChars.tags());

        EncodedPair p = roundTrip(kryo, new EncodedPair(11, new int[]{9, 8, 7}, new int[]{1, 4}, new int[]{4, 2}));
        assertEquals(11, p.line());
        assertArrayEquals(new int[]{9, 8, 7}, p.source());
        assertArrayEquals(new int[]{1, 4}, p.decoderInput());
        assertArrayEquals(new int[]{4, 2}, p.decoderOutput());

        WindowExample w = roundTrip(kryo, new WindowExample(2, "a", 12, 1, new float[]{0.5f, 0.25f},
                new float[]{0.75f}, new double[]{112.0}));
        assertEquals("a", w.key());
        assertEquals(12, w.firstTargetStep());
        assertArrayEquals(new float[]{0.5f, 0.25f}, w.inputs());
        assertArrayEquals(new float[]{0.75f}, w.targets());
        assertArrayEquals(new double[]{112.0}, w.actuals());

        Rejection r = roundTrip(kryo, new Rejection("f.csv", 4, RejectReason.WRONG_COLUMN_COUNT, "2 columns", "a,b"));
        assertEquals(new Rejection("f.csv", 4, RejectReason.WRONG_COLUMN_COUNT, "2 columns", "a,b"), r);

        UnitPiece u = roundTrip(kryo, new UnitPiece("validation", 40, new int[]{3, 2, 5}));
        assertEquals(new UnitPiece("validation", 40, new int[]{3, 2, 5}), u);
        LmDocument d = roundTrip(kryo, new LmDocument("f.txt", 0, "ab\n", List.of(r)));
        assertEquals(new LmDocument("f.txt", 0, "ab\n", List.of(r)), d);
        CutSequence c = roundTrip(kryo, new CutSequence(1, 3, new int[]{4, 5}, new int[]{5, 0}, 1, 0));
        assertEquals(new CutSequence(1, 3, new int[]{4, 5}, new int[]{5, 0}, 1, 0), c);
        LmExample lm = roundTrip(kryo, new LmExample(7, new int[]{4, 5}, new int[]{5, 6}, 1));
        assertEquals(new LmExample(7, new int[]{4, 5}, new int[]{5, 6}, 1), lm);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(SerializerInstance kryo, T value) {
        return (T) kryo.deserialize(kryo.serialize(value, ClassTag$.MODULE$.apply(value.getClass())),
                ClassTag$.MODULE$.apply(value.getClass()));
    }
}
