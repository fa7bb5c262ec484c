package io.seqpipe.tasks.forecast;

import io.seqpipe.spark.SparkSessions;
import io.seqpipe.forecast.CleaningSummary;
import io.seqpipe.forecast.ForecastEvaluation;
import io.seqpipe.forecast.QuantileForecast;
import io.seqpipe.forecast.QuantileLevels;
import io.seqpipe.forecast.SeriesSplit;
import io.seqpipe.forecast.TimeSeries;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The forecasting records survive the job's own Kryo configuration (Kryo 4 cannot serialize records by itself). */
class ForecastKryoTest {
    static final SerializerInstance KRYO = new KryoSerializer(SparkSessions.conf("kryo-test", "local[1]", 1))
            .newInstance();

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) {
        var tag = ClassTag$.MODULE$.<T>apply(value.getClass());
        return (T) KRYO.deserialize(KRYO.serialize(value, tag), tag);
    }

    @Test
    void windowExamplesUseTheirCompactForm() {
        WindowExample w = new WindowExample(7, "north", 108, 2, new float[]{1, 2, 3, 4}, new float[]{0.5f, -1},
                new double[]{146.4, 150.1});
        WindowExample back = roundTrip(w);
        assertEquals(7, back.row());
        assertEquals("north", back.key());
        assertEquals(108, back.firstTargetStep());
        assertEquals(2, back.lookback());
        assertArrayEquals(w.inputs(), back.inputs());
        assertArrayEquals(w.targets(), back.targets());
        assertArrayEquals(w.actuals(), back.actuals());
    }

    @Test
    void cleanedSeriesAndEvaluationsRoundTrip() {
        TimeSeries s = TimeSeries.ofValues("k", 1, 2, 3);
        CleanedSeries c = new CleanedSeries(s, new SeriesSplit("k", 3, 2, 2), List.of(), CleaningSummary.EMPTY);
        CleanedSeries back = roundTrip(c);
        assertEquals(c.split(), back.split());
        assertEquals(3, back.series().value(2, 0));
        EvaluationPartial p = EvaluationPartial.empty(List.of("y"), 2);
        p.model().add("k", new double[][]{{1}, {2}}, new double[][]{{1.5}, {2}}, new double[]{1});
        EvaluationPartial pb = roundTrip(p);
        ForecastEvaluation.TargetMetrics m = pb.model().report().get("y");
        assertEquals(Math.sqrt(0.125), m.overall().overall().rmse(), 1e-12);

        EvaluationPartial q = EvaluationPartial.empty(List.of("y"), 1, false, QuantileLevels.of(0.1, 0.5, 0.9));
        q.quantiles().add(new double[][]{{10}}, new double[][][]{{{8}}, {{11}}, {{13}}});
        assertEquals((0.2 + 0.5 + 0.3) / 3, roundTrip(q).quantiles().report().get("y").overall().meanPinball(), 1e-12);
        QuantileForecast f = roundTrip(new QuantileForecast(new double[][]{{2}}, new double[][][]{{{1}}, {{2}}}));
        assertEquals(1, f.quantiles()[0][0][0]);
    }
}
