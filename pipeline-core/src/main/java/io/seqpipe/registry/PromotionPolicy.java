package io.seqpipe.registry;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.SeqPipeException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * When a challenger replaces the champion: pure logic over the flat {@code metrics} maps that every task's
 * {@code evaluate} writes to {@code metrics.json}, both computed on the same test set.
 *
 * <p>The challenger must first pass the sanity gates: its metric is a finite number, and every metric whose name
 * starts with {@code gatePrefix} (e.g. {@code recall.} covers each class's recall in classification and each entity
 * type's in NER) is finite and above {@code gateMinimum}, so a model that never predicts a class is never promoted.
 * Then, with no champion (or a champion whose metric is not a finite number) it is promoted; otherwise only when it
 * beats the champion on {@code metric} by more than {@code margin} (in the metric's units, in the direction
 * {@code higherIsBetter}).
 *
 * @param metric         the deciding metric, a key of metrics.json's {@code metrics} (e.g. {@code accuracy},
 *                       {@code f1.micro}, {@code rmse})
 * @param higherIsBetter false for errors such as {@code rmse}
 * @param margin         the improvement needed, {@code >= 0}
 * @param gatePrefix     the gated metrics' name prefix; empty = no per-metric gate
 * @param gateMinimum    each gated metric must be strictly above this
 */
public record PromotionPolicy(String metric, boolean higherIsBetter, double margin, String gatePrefix,
                              double gateMinimum) {

    public PromotionPolicy {
        if (metric == null || metric.isBlank()) {
            throw new InvalidConfigException("retrain.metric must name a metric of metrics.json, got '" + metric + "'");
        }
        ConfigReader.check(Double.isFinite(margin) && margin >= 0, "retrain.margin", margin, ">= 0");
        ConfigReader.check(!Double.isNaN(gateMinimum), "retrain.gates.minimum", gateMinimum, "a number");
        gatePrefix = gatePrefix == null ? "" : gatePrefix;
    }

    public static PromotionPolicy from(ConfigReader r) {
        return new PromotionPolicy(r.string("retrain.metric"), r.bool("retrain.higherIsBetter"),
                r.number("retrain.margin"), r.config().hasPath("retrain.gates.metricPrefix")
                ? r.config().getString("retrain.gates.metricPrefix") : "",
                r.number("retrain.gates.minimum"));
    }

    /** The outcome of one comparison, with a reason a person can read in the run log. */
    public record Decision(boolean promote, String reason, Double challengerValue, Double championValue,
                           List<String> gateFailures) {
        public Decision {
            gateFailures = List.copyOf(gateFailures);
        }
    }

    /**
     * Decides on a challenger.
     *
     * @param challenger the challenger's metrics
     * @param champion   the champion's metrics on the same test set, or null when there is no champion
     * @throws SeqPipeException when the challenger's metrics have no {@code metric} (a config error: the message lists
     *                          the metrics there are)
     */
    public Decision decide(Map<String, Double> challenger, Map<String, Double> champion) {
        if (!challenger.containsKey(metric)) {
            throw new SeqPipeException("retrain.metric '" + metric + "' is not among the challenger's metrics "
                    + new TreeMap<>(challenger).keySet() + "; set retrain.metric to one of them");
        }
        double value = challenger.get(metric);
        List<String> failures = gateFailures(challenger);
        Double championValue = champion == null ? null : champion.get(metric);
        if (!failures.isEmpty()) {
            return new Decision(false, "challenger failed the sanity gates: " + String.join("; ", failures), value,
                    championValue, failures);
        }
        if (champion == null) {
            return new Decision(true, "no champion yet; challenger " + metric + " " + fmt(value)
                    + " passed the sanity gates", value, null, failures);
        }
        if (championValue == null || !Double.isFinite(championValue)) {
            return new Decision(true, "the champion's " + metric + " is " + championValue + " (not a number); the "
                    + "challenger's " + fmt(value) + " passed the sanity gates", value, championValue, failures);
        }
        double improvement = higherIsBetter ? value - championValue : championValue - value;
        String comparison = metric + " " + fmt(value) + " vs champion " + fmt(championValue) + " ("
                + (higherIsBetter ? "higher" : "lower") + " is better; improvement " + fmt(improvement)
                + ", margin " + fmt(margin) + ")";
        if (improvement > margin) {
            return new Decision(true, "challenger is better: " + comparison, value, championValue, failures);
        }
        return new Decision(false, "challenger is not better by more than the margin: " + comparison, value,
                championValue, failures);
    }

    /** The gates the challenger fails, each as {@code "<metric> = <value> (must be ...)"}; empty when it passes. */
    public List<String> gateFailures(Map<String, Double> metrics) {
        List<String> failures = new ArrayList<>();
        Double value = metrics.get(metric);
        if (value == null || !Double.isFinite(value)) {
            failures.add(metric + " = " + value + " (must be a finite number)");
        }
        if (!gatePrefix.isEmpty()) {
            for (Map.Entry<String, Double> e : new TreeMap<>(metrics).entrySet()) {
                if (e.getKey().startsWith(gatePrefix) && !(Double.isFinite(e.getValue())
                        && e.getValue() > gateMinimum)) {
                    failures.add(e.getKey() + " = " + fmt(e.getValue()) + " (must be above " + fmt(gateMinimum) + ")");
                }
            }
        }
        return failures;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.4f", v) : String.valueOf(v);
    }
}
