package io.seqpipe.tasks.forecast;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.seqpipe.spark.KryoRegistrations;
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

/**
 * The classes forecasting's Spark jobs ship, registered with Kryo ({@link KryoRegistrations}): the window example
 * with a compact hand-written serializer; records, and classes holding immutable collections ({@code List.copyOf})
 * that Kryo cannot rebuild, with Java serialization.
 */
public final class ForecastKryoClasses implements KryoRegistrations {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(WindowExample.class, new WindowExampleSerializer());
        KryoRegistrations.withJavaSerialization(kryo, SeriesRow.class, SeriesRowOutcome.class, TimeSeries.class,
                SeriesSplit.class, CleaningSummary.class, WindowingSummary.class, ForecastWindow.class,
                SeriesFeatures.class, ScalerFitter.class, FittedScaler.class, CategoryEncoder.class,
                ForecastEvaluation.class, CleanedSeries.class, SeriesWindows.class, TrainingFit.class,
                EvaluationPartial.class);
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
}
