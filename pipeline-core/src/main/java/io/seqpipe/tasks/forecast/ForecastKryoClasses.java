package io.seqpipe.tasks.forecast;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.seqpipe.spark.KryoRegistrations;
import io.seqpipe.forecast.CategoryEncoder;
import io.seqpipe.forecast.CleaningSummary;
import io.seqpipe.forecast.FittedScaler;
import io.seqpipe.forecast.FittedSeasonality;
import io.seqpipe.forecast.ForecastEvaluation;
import io.seqpipe.forecast.ForecastWindow;
import io.seqpipe.forecast.QuantileEvaluation;
import io.seqpipe.forecast.QuantileForecast;
import io.seqpipe.forecast.QuantileLevels;
import io.seqpipe.forecast.ScalerFitter;
import io.seqpipe.forecast.SeriesFeatures;
import io.seqpipe.forecast.SeriesRow;
import io.seqpipe.forecast.SeriesRowOutcome;
import io.seqpipe.forecast.SeriesSplit;
import io.seqpipe.forecast.TimeSeries;
import io.seqpipe.forecast.WindowingSummary;
import io.seqpipe.forecast.ets.EtsFit;
import io.seqpipe.forecast.ets.EtsForm;
import io.seqpipe.forecast.ets.EtsParameters;

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
                EvaluationPartial.class, EvaluateForecaster.SeriesEts.class, EtsFit.class, EtsForm.class,
                EtsParameters.class, ForecastSamples.LastWindow.class);
        KryoRegistrations.withJavaSerialization(kryo, FittedSeasonality.class, QuantileForecast.class,
                QuantileLevels.class, QuantileEvaluation.class);
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
