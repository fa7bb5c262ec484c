package io.seqpipe.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The spread of metrics over cross-validation folds (or any repeated runs): for every metric that all runs report
 * as a finite number, the mean, the sample standard deviation (divisor {@code n - 1}), the minimum and the maximum.
 *
 * @param runs       the number of runs summarized (at least 2)
 * @param metrics    per metric name, in name order
 * @param incomplete metrics some run lacks or reports as NaN/infinite, left out of {@code metrics}
 */
public record FoldSpread(int runs, Map<String, Spread> metrics, List<String> incomplete) {

    /** One metric over the runs. */
    public record Spread(double mean, double std, double min, double max) {
    }

    public static FoldSpread of(List<Map<String, Double>> runs) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("a spread needs at least 2 runs, got " + runs.size());
        }
        TreeSet<String> names = new TreeSet<>();
        runs.forEach(r -> names.addAll(r.keySet()));
        Map<String, Spread> metrics = new LinkedHashMap<>();
        List<String> incomplete = new ArrayList<>();
        for (String name : names) {
            double[] values = new double[runs.size()];
            boolean complete = true;
            for (int i = 0; i < values.length && complete; i++) {
                Double v = runs.get(i).get(name);
                complete = v != null && Double.isFinite(v);
                values[i] = complete ? v : 0;
            }
            if (complete) {
                metrics.put(name, spread(values));
            } else {
                incomplete.add(name);
            }
        }
        return new FoldSpread(runs.size(), metrics, List.copyOf(incomplete));
    }

    /** The means, by metric name. */
    public Map<String, Double> means() {
        Map<String, Double> means = new TreeMap<>();
        metrics.forEach((k, v) -> means.put(k, v.mean()));
        return means;
    }

    private static Spread spread(double[] values) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new Spread(mean, Math.sqrt(squares / (values.length - 1)), min, max);
    }
}
