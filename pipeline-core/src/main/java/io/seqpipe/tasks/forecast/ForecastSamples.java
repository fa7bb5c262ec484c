package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.QuantileForecast;
import io.seqpipe.forecast.QuantileLevels;
import io.seqpipe.forecast.SeriesFeatures;
import io.seqpipe.forecast.TimeSeriesConfig;
import io.seqpipe.forecast.Windower;
import io.seqpipe.forecast.ets.EtsBaselineConfig;
import io.seqpipe.inference.Prediction;
import io.seqpipe.report.ForecastSample;
import io.seqpipe.spark.BroadcastModel;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The test horizons evaluate's report draws: for the first {@code count} series by key, the last test window that
 * every forecaster can forecast, with the actual values before it, forecast by the network (with its widest central
 * prediction interval when it forecasts quantiles) and the baselines, in original units. One pass picks the windows on the executors; only those few go through the network.
 */
final class ForecastSamples {
    /** The series the report draws at most. */
    static final int SERIES = 6;

    private ForecastSamples() {
    }

    /** A series' last usable test window and the actual target values of the steps before it. */
    record LastWindow(EvaluateForecaster.TestWindow test, double[][] history) implements Serializable {
    }

    /** Orders by series key: the same series whatever the partitioning. */
    private static final class ByKey implements Comparator<LastWindow>, Serializable {
        @Override
        public int compare(LastWindow a, LastWindow b) {
            return a.test().window().key().compareTo(b.test().window().key());
        }
    }

    /** One sample per (series, target) of the first {@link #SERIES} series by key. */
    static List<ForecastSample> of(JavaSparkContext sc, ForecastData.Series series, BroadcastModel network,
                                   ForecastPreprocessing prep, TimeSeriesConfig data, int batchSize,
                                   EtsBaselineConfig ets) {
        int horizon = data.window().horizon();
        int m = data.seasonLength();
        // enough steps before the horizon to see the season and the network's lookback
        int context = Math.max(data.window().lookback(), Math.max(m, horizon));
        Windower windower = new Windower(data.window());
        List<LastWindow> last = series.cleaned().filter(c -> prep.covers(c.key())).flatMap(c -> {
            List<EvaluateForecaster.TestWindow> usable = EvaluateForecaster.testOf(c, prep, windower, m, horizon, ets)
                    .usable();
            if (usable.isEmpty()) {
                return Collections.emptyIterator();
            }
            EvaluateForecaster.TestWindow t = usable.get(usable.size() - 1);
            SeriesFeatures f = prep.features(c.series());
            int end = t.window().firstTargetStep();
            double[][] history = Arrays.copyOfRange(f.targets(), Math.max(0, end - context), end);
            return List.of(new LastWindow(t, history)).iterator();
        }).takeOrdered(SERIES, new ByKey());
        if (last.isEmpty()) {
            return List.of();
        }
        List<Prediction<LastWindow, QuantileForecast>> predicted = network.predict(sc.parallelize(last, 1),
                new QuantileForecasterAdapter(prep).on((LastWindow w) -> WindowExample.of(-1, w.test().window())),
                batchSize).collect();
        List<QuantileLevels.Interval> intervals = prep.quantiles().intervals();
        List<String> targets = prep.targetColumns();
        List<ForecastSample> samples = new ArrayList<>();
        for (Prediction<LastWindow, QuantileForecast> p : predicted.stream()
                .sorted(Comparator.comparing(p -> p.input().test().window().key())).toList()) {
            EvaluateForecaster.TestWindow t = p.input().test();
            for (int k = 0; k < targets.size(); k++) {
                samples.add(new ForecastSample(t.window().key(), targets.get(k), column(p.input().history(), k),
                        column(t.window().actuals(), k), column(p.output().point(), k), column(t.naive(), k),
                        column(t.seasonalNaive(), k), t.ets() == null ? null : column(t.ets(), k),
                        intervals.isEmpty() ? null : interval(intervals.get(0), p.output(), k)));
            }
        }
        return samples;
    }

    /** The model's widest central interval for target {@code k}. */
    private static ForecastSample.Interval interval(QuantileLevels.Interval in, QuantileForecast f, int k) {
        return new ForecastSample.Interval(String.format(java.util.Locale.ROOT, "model %s interval (nominal %.0f %%)",
                in.label(), 100 * in.nominal()), column(f.quantiles()[in.lowerIndex()], k),
                column(f.quantiles()[in.upperIndex()], k));
    }

    private static double[] column(double[][] rows, int k) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][k];
        }
        return out;
    }
}
