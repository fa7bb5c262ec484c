package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.QuantileForecast;
import io.seqpipe.forecast.QuantileLevels;
import io.seqpipe.forecast.SeriesFeatures;
import io.seqpipe.forecast.TimeSeriesConfig;
import io.seqpipe.inference.Prediction;
import io.seqpipe.report.ForecastSample;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The test horizons evaluate's report draws: for the first {@code count} series by key, the last test window that
 * every forecaster can forecast, with the actual values before it, forecast by the network (with its widest central
 * prediction interval when it forecasts quantiles) and the baselines, in original units. Evaluate's pass over the test
 * windows picks the candidates on the executors; only the few drawn go through the network.
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

    /** The steps of history a sample shows before its horizon: enough to see the season and the lookback. */
    static int context(TimeSeriesConfig data) {
        return Math.max(data.window().lookback(), Math.max(data.seasonLength(), data.window().horizon()));
    }

    /** A series' sample candidate: its last usable test window {@code t} and the {@code context} steps before it. */
    static LastWindow lastWindow(EvaluateForecaster.TestWindow t, SeriesFeatures f, int context) {
        int end = t.window().firstTargetStep();
        return new LastWindow(t, Arrays.copyOfRange(f.targets(), Math.max(0, end - context), end));
    }

    /**
     * One sample per (series, target) of the first {@link #SERIES} series by key among {@code candidates} (each
     * series' {@link #lastWindow}, drawn in evaluate's pass over the test windows, so no baseline is fitted again).
     */
    static List<ForecastSample> of(JavaSparkContext sc, JavaRDD<LastWindow> candidates, ForecasterEnsemble network,
                                   ForecastPreprocessing prep, int batchSize) {
        List<LastWindow> last = candidates.takeOrdered(SERIES, new ByKey());
        if (last.isEmpty()) {
            return List.of();
        }
        List<Prediction<LastWindow, QuantileForecast>> predicted = network.predictQuantiles(
                sc.parallelize(last, 1), new QuantileForecasterAdapter(prep).on((LastWindow w) -> WindowExample.of(-1,
                        w.test().window())), batchSize, prep.quantiles()).collect();
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
