package io.seqpipe.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import io.seqpipe.data.ParseOutcome;
import io.seqpipe.data.Rejection;
import io.seqpipe.data.TextRecord;
import io.seqpipe.inference.Prediction;
import io.seqpipe.tagging.NumberedLine;
import io.seqpipe.tagging.SentenceBlock;
import io.seqpipe.tagging.SentenceOutcome;
import io.seqpipe.tagging.SplitSentences;
import io.seqpipe.tagging.TaggedSentence;
import io.seqpipe.tasks.classification.EncodedRecord;
import io.seqpipe.tasks.forecast.CleanedSeries;
import io.seqpipe.tasks.forecast.EvaluationPartial;
import io.seqpipe.tasks.forecast.SeriesWindows;
import io.seqpipe.tasks.forecast.TrainingFit;
import io.seqpipe.tasks.forecast.WindowExample;
import io.seqpipe.timeseries.CategoryEncoder;
import io.seqpipe.timeseries.CleaningSummary;
import io.seqpipe.timeseries.FittedScaler;
import io.seqpipe.timeseries.ForecastEvaluation;
import io.seqpipe.timeseries.ForecastWindow;
import io.seqpipe.timeseries.ScalerFitter;
import io.seqpipe.timeseries.SeriesFeatures;
import io.seqpipe.timeseries.SeriesRow;
import io.seqpipe.timeseries.SeriesRowOutcome;
import io.seqpipe.timeseries.SeriesSplit;
import io.seqpipe.timeseries.TimeSeries;
import io.seqpipe.timeseries.WindowingSummary;
import io.seqpipe.text.PaddedSequence;
import io.seqpipe.tasks.tagging.TaggedExample;
import io.seqpipe.tasks.tagging.TaggingRecords;
import io.seqpipe.train.EncodedExample;
import io.seqpipe.translation.EncodedPair;
import io.seqpipe.tasks.translation.ScoreTranslator;
import io.seqpipe.tasks.translation.TranslationData;
import io.seqpipe.tasks.translation.TranslationScoring;
import io.seqpipe.translation.PairEncoder;
import io.seqpipe.translation.PairFilterCounts;
import io.seqpipe.translation.PairOutcome;
import io.seqpipe.translation.SentencePair;
import io.seqpipe.translation.metrics.BleuStatistics;
import io.seqpipe.translation.metrics.ChrfStatistics;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Registers SeqPipe's record classes with Spark's Kryo (used after ND4J's {@code Nd4jRegistrator}, whose serializer for
 * ND4J arrays it replaces with {@link BulkNdArraySerializer}). Kryo 4 cannot
 * serialize Java records field by field ("can't get field offset on a record class"), so the hot one,
 * {@link EncodedExample} and the forecaster's {@link WindowExample}, get compact hand-written serializers and the rest
 * use Java serialization.
 */
public final class SeqPipeKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        // replaces ND4J's element-by-element serializer (Nd4jRegistrator, registered before this one)
        kryo.register(Nd4j.getBackend().getNDArrayClass(), new BulkNdArraySerializer());
        kryo.register(EncodedExample.class, new EncodedExampleSerializer());
        kryo.register(TaggedExample.class, new TaggedExampleSerializer());
        kryo.register(WindowExample.class, new WindowExampleSerializer());
        for (Class<?> c : new Class<?>[]{TextRecord.class, Rejection.class, ParseOutcome.class, PaddedSequence.class,
                EncodedRecord.class, Prediction.class, NumberedLine.class, SentenceBlock.class, TaggedSentence.class,
                SentenceOutcome.class, SplitSentences.SplitId.class, SplitSentences.Scan.class,
                SplitSentences.Context.class, SplitSentences.Piece.class, TaggingRecords.GOLD,
                TaggingRecords.SENTENCE, TaggingRecords.COUNTS}) {
            kryo.register(c, new JavaSerializer());
        }
        // forecasting: records, and classes holding immutable collections (List.copyOf) Kryo cannot rebuild
        for (Class<?> c : new Class<?>[]{SeriesRow.class, SeriesRowOutcome.class, TimeSeries.class, SeriesSplit.class,
                CleaningSummary.class, WindowingSummary.class, ForecastWindow.class, SeriesFeatures.class,
                ScalerFitter.class, FittedScaler.class, CategoryEncoder.class, ForecastEvaluation.class,
                CleanedSeries.class, SeriesWindows.class, TrainingFit.class, EvaluationPartial.class}) {
            kryo.register(c, new JavaSerializer());
        }
        // translation
        kryo.register(EncodedPair.class, new EncodedPairSerializer());
        for (Class<?> c : new Class<?>[]{SentencePair.class, PairOutcome.class, PairEncoder.Outcome.class,
                PairFilterCounts.class, BleuStatistics.class, ChrfStatistics.class, TranslationData.Encoded.class,
                TranslationScoring.TestPair.class, TranslationScoring.Partial.class, TranslationScoring.Example.class,
                ScoreTranslator.SENTENCE}) {
            kryo.register(c, new JavaSerializer());
        }
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

    /** row, key, first target step, features, then inputs, targets and actuals with their lengths. */
    static final class WindowExampleSerializer extends Serializer<WindowExample> {
        @Override
        public void write(Kryo kryo, Output out, WindowExample w) {
            out.writeLong(w.row());
            out.writeString(w.key());
            out.writeInt(w.firstTargetStep());
            out.writeInt(w.features(), true);
            out.writeInt(w.inputs().length, true);
            out.writeFloats(w.inputs());
            out.writeInt(w.targets().length, true);
            out.writeFloats(w.targets());
            out.writeDoubles(w.actuals());
        }

        @Override
        public WindowExample read(Kryo kryo, Input in, Class<WindowExample> type) {
            long row = in.readLong();
            String key = in.readString();
            int step = in.readInt();
            int features = in.readInt(true);
            float[] inputs = in.readFloats(in.readInt(true));
            int k = in.readInt(true);
            float[] targets = in.readFloats(k);
            double[] actuals = in.readDoubles(k);
            return new WindowExample(row, key, step, features, inputs, targets, actuals);
        }
    }

    /** row, label, length, then ids and mask as varints. */
    static final class EncodedExampleSerializer extends Serializer<EncodedExample> {
        @Override
        public void write(Kryo kryo, Output out, EncodedExample e) {
            out.writeLong(e.row());
            out.writeInt(e.label());
            out.writeInt(e.ids().length, true);
            out.writeInts(e.ids(), true);
            out.writeInts(e.mask(), true);
        }

        @Override
        public EncodedExample read(Kryo kryo, Input in, Class<EncodedExample> type) {
            long row = in.readLong();
            int label = in.readInt();
            int n = in.readInt(true);
            int[] ids = in.readInts(n, true);
            int[] mask = in.readInts(n, true);
            return new EncodedExample(row, ids, mask, label);
        }
    }

    /** row, channels, length, then each channel's ids and the tags as varints (tags may be -1: zig-zag). */
    static final class TaggedExampleSerializer extends Serializer<TaggedExample> {
        @Override
        public void write(Kryo kryo, Output out, TaggedExample e) {
            out.writeLong(e.row());
            out.writeInt(e.features().length, true);
            out.writeInt(e.length(), true);
            for (int[] channel : e.features()) {
                out.writeInts(channel, true);
            }
            out.writeInts(e.tags(), false);
        }

        @Override
        public TaggedExample read(Kryo kryo, Input in, Class<TaggedExample> type) {
            long row = in.readLong();
            int channels = in.readInt(true);
            int n = in.readInt(true);
            int[][] features = new int[channels][];
            for (int c = 0; c < channels; c++) {
                features[c] = in.readInts(n, true);
            }
            return new TaggedExample(row, features, in.readInts(n, false));
        }
    }
}
