package io.seqpipe.report;

import io.seqpipe.SeqPipeException;
import io.seqpipe.config.Secrets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Several evaluated runs of one task side by side: the metrics table (the task's headline metrics first, the rest by
 * name; the best value of each row marked), the learning curves, the config keys whose values differ between the runs
 * (secrets masked) and the evaluations in each run's metrics history. Pure: {@link ComparisonPage} draws it, and the
 * {@code report} command reads the runs and writes {@link #toJson()}.
 */
public final class RunComparison {
    /** Which way a metric improves; {@link #NONE} for a metric without a better direction (a length ratio). */
    public enum Direction { HIGHER, LOWER, NONE }

    /**
     * One row of the metrics table.
     *
     * @param values one per run, in the runs' order; null where a run lacks the metric
     * @param best   the indexes of the runs with the best value (ties: all of them); empty when fewer than two runs
     *               have a number, all of them are equal, or the metric has no direction
     */
    public record MetricRow(String metric, Direction direction, List<Double> values, List<Integer> best) {
        public MetricRow {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
            best = List.copyOf(best);
        }
    }

    /**
     * A config key whose value differs between the runs.
     *
     * @param values one per run, as text; null where the run's config lacks the key or the run has no config
     */
    public record ConfigDifference(String key, List<String> values) {
        public ConfigDifference {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    private static final Map<String, List<String>> HEADLINE = Map.of(
            "sentiment", List.of("accuracy", "f1.macro", "precision.macro", "recall.macro", "auc", "loss"),
            "ner", List.of("f1.micro", "precision.micro", "recall.micro", "token_accuracy"),
            "pos", List.of("token_accuracy"),
            "forecast", List.of("rmse", "mae", "mase", "smape", "mape"),
            "translation", List.of("bleu", "sacrebleu", "chrf", "perplexity"),
            "lm", List.of("perplexity", "crossEntropy", "bitsPerCharacter"));
    private static final Set<String> LOWER_IS_BETTER = Set.of("loss", "rmse", "mae", "mape", "smape", "mase",
            "perplexity", "crossentropy", "bitspercharacter", "pinball");
    private static final Set<String> NO_DIRECTION = Set.of("brevity_penalty", "length_ratio", "coverage");

    private final String task;
    private final List<ComparedRun> runs;
    private final List<String> names;
    private final List<MetricRow> metrics;
    private final List<ConfigDifference> configDifferences;
    private final List<String> followingWork;

    private RunComparison(String task, List<ComparedRun> runs) {
        this.task = task;
        this.runs = List.copyOf(runs);
        this.names = names(runs.stream().map(ComparedRun::location).toList());
        this.metrics = metricRows(task, runs);
        List<String> work = runs.stream().map(r -> r.config() == null ? null : flatten(r.config()).get(WORK_KEY))
                .toList();
        List<ConfigDifference> all = configDifferences(runs);
        this.configDifferences = all.stream().filter(d -> !followsWork(d, runs, work)).toList();
        this.followingWork = all.stream().filter(d -> followsWork(d, runs, work)).map(ConfigDifference::key)
                .toList();
    }

    /**
     * The comparison of {@code runs}, in that order.
     *
     * @throws SeqPipeException if fewer than two runs are given or the runs are of different tasks (naming each run
     *                          and its task)
     */
    public static RunComparison of(List<ComparedRun> runs) {
        if (runs.size() < 2) {
            throw new SeqPipeException("a comparison needs at least two runs, got " + runs.size());
        }
        Set<String> tasks = new LinkedHashSet<>();
        runs.forEach(r -> tasks.add(r.task()));
        if (tasks.size() > 1) {
            List<String> each = runs.stream().map(r -> r.location() + " is " + r.task()).toList();
            throw new SeqPipeException("runs of different tasks cannot be compared: " + String.join(", ", each));
        }
        return new RunComparison(runs.get(0).task(), runs);
    }

    public String task() {
        return task;
    }

    public List<ComparedRun> runs() {
        return runs;
    }

    /** Each run's short name, in the runs' order: the fewest trailing path elements that tell the runs apart. */
    public List<String> names() {
        return names;
    }

    public List<MetricRow> metrics() {
        return metrics;
    }

    public List<ConfigDifference> configDifferences() {
        return configDifferences;
    }

    /**
     * The keys left out of {@link #configDifferences()} because they differ only as {@code paths.work} does: the runs'
     * {@code paths.work} differ, and in every run with a config the value lies under that run's own
     * {@code paths.work} (e.g. {@code paths.model}, {@code train.checkpoint.dir}).
     */
    public List<String> keysFollowingWork() {
        return followingWork;
    }

    private static final String WORK_KEY = "paths.work";

    private static boolean followsWork(ConfigDifference d, List<ComparedRun> runs, List<String> workOfRuns) {
        if (d.key().equals(WORK_KEY) || workOfRuns.stream().filter(Objects::nonNull).distinct().count() < 2) {
            return false;
        }
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).config() == null) {
                continue;
            }
            String work = workOfRuns.get(i);
            String value = d.values().get(i);
            if (work == null || value == null || !value.startsWith(work.endsWith("/") ? work : work + "/")) {
                return false;
            }
        }
        return true;
    }

    /** Whether at least two runs' configs were read, so that {@link #configDifferences()} compares something. */
    public boolean configsCompared() {
        return runs.stream().filter(r -> r.config() != null).count() >= 2;
    }

    /**
     * Short names for run locations: the last path element of each ({@code work-a}); where two would be the same, the
     * last two, three, ... ({@code 2026-11-23/challenger-metrics}); a location given twice gets {@code #position}
     * (1-based) appended.
     */
    public static List<String> names(List<String> locations) {
        List<String[]> parts = locations.stream().map(RunComparison::pathElements).toList();
        int longest = parts.stream().mapToInt(p -> p.length).max().orElse(1);
        List<String> names = null;
        for (int k = 1; k <= Math.max(1, longest); k++) {
            int take = k;
            names = parts.stream().map(p -> String.join("/", Arrays.copyOfRange(p, Math.max(0, p.length - take),
                    p.length))).toList();
            if (new HashSet<>(names).size() == names.size()) {
                return names;
            }
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean repeated = names.indexOf(name) != names.lastIndexOf(name);
            numbered.add(repeated ? name + " #" + (i + 1) : name);
        }
        return numbered;
    }

    private static String[] pathElements(String location) {
        String path = location;
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "" : path.substring(slash);
        } else if (path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            path = path.substring(path.indexOf(':') + 1); // file:/x
        }
        String[] elements = Arrays.stream(path.split("/")).filter(e -> !e.isEmpty() && !e.equals(".")).toArray(
                String[]::new);
        return elements.length == 0 ? new String[]{location} : elements;
    }

    /** The headline metrics of {@code task}, most important first; empty for a task without a list. */
    public static List<String> headlineMetrics(String task) {
        return HEADLINE.getOrDefault(task, List.of());
    }

    /**
     * Which way {@code metric} improves, from the parts of its dotted name: lower for losses, errors and perplexities
     * ({@code loss}, {@code rmse}, {@code mae}, {@code mape}, {@code smape}, {@code mase}, {@code perplexity},
     * {@code crossEntropy}, {@code bitsPerCharacter}, {@code pinball}, or a part ending in {@code loss}), none for
     * {@code brevity_penalty}, {@code length_ratio} and {@code coverage}, higher otherwise (accuracy, F1, AUC, BLEU,
     * the 0/1 {@code beats_*} flags).
     */
    public static Direction direction(String metric) {
        for (String part : metric.split("\\.")) {
            String p = part.toLowerCase(Locale.ROOT);
            if (NO_DIRECTION.contains(p)) {
                return Direction.NONE;
            }
            if (LOWER_IS_BETTER.contains(p) || p.endsWith("loss")) {
                return Direction.LOWER;
            }
        }
        return Direction.HIGHER;
    }

    private static List<MetricRow> metricRows(String task, List<ComparedRun> runs) {
        Set<String> all = new TreeSet<>();
        runs.forEach(r -> all.addAll(r.metrics().keySet()));
        List<String> order = new ArrayList<>();
        headlineMetrics(task).stream().filter(all::contains).forEach(order::add);
        all.stream().filter(m -> !order.contains(m)).forEach(order::add);
        List<MetricRow> rows = new ArrayList<>();
        for (String metric : order) {
            List<Double> values = new ArrayList<>();
            runs.forEach(r -> values.add(r.metrics().get(metric)));
            Direction direction = direction(metric);
            rows.add(new MetricRow(metric, direction, values, best(values, direction)));
        }
        return rows;
    }

    /**
     * The indexes of the best values (all ties); empty when fewer than two are numbers, all are equal or there is no
     * direction.
     */
    static List<Integer> best(List<Double> values, Direction direction) {
        List<Integer> defined = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null && !values.get(i).isNaN()) {
                defined.add(i);
            }
        }
        if (direction == Direction.NONE || defined.size() < 2) {
            return List.of();
        }
        double best = direction == Direction.HIGHER ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (int i : defined) {
            double v = values.get(i);
            best = direction == Direction.HIGHER ? Math.max(best, v) : Math.min(best, v);
        }
        double winner = best;
        List<Integer> winners = defined.stream().filter(i -> values.get(i) == winner).toList();
        return winners.size() == defined.size() ? List.of() : winners;
    }

    private static List<ConfigDifference> configDifferences(List<ComparedRun> runs) {
        List<Map<String, String>> flat = runs.stream().map(r -> r.config() == null ? null : flatten(r.config()))
                .toList();
        if (flat.stream().filter(Objects::nonNull).count() < 2) {
            return List.of();
        }
        Set<String> keys = new TreeSet<>();
        flat.stream().filter(Objects::nonNull).forEach(f -> keys.addAll(f.keySet()));
        List<ConfigDifference> differences = new ArrayList<>();
        for (String key : keys) {
            List<String> values = new ArrayList<>();
            Set<String> distinct = new HashSet<>();
            for (Map<String, String> f : flat) {
                String value = f == null ? null : f.get(key);
                values.add(value);
                if (f != null) {
                    distinct.add(value == null ? "\u0000absent" : value);
                }
            }
            if (distinct.size() > 1) {
                differences.add(new ConfigDifference(key, values));
            }
        }
        return differences;
    }

    /**
     * A config's JSON tree as sorted dotted keys and their values as text (lists as {@code [a, b]}), with the values
     * of secret keys and the passwords inside URIs masked ({@link Secrets}).
     */
    public static Map<String, String> flatten(Map<String, Object> config) {
        Map<String, String> out = new TreeMap<>();
        flatten("", Secrets.maskTree(null, config), out);
        return out;
    }

    private static void flatten(String prefix, Object value, Map<String, String> out) {
        if (value instanceof Map<?, ?> map && (prefix.isEmpty() || !map.isEmpty())) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
            return;
        }
        String text = value instanceof Map<?, ?> ? "{}" : String.valueOf(value);
        out.put(prefix, Secrets.isSecretKey(prefix) && value != null ? Secrets.MASK : Secrets.maskUris(text));
    }

    /**
     * The comparison as {@code comparison.json} holds it: {@code task}; {@code runs} (name, location, model, dataset,
     * evaluate run id and time); {@code metrics} (one entry per row: metric, {@code better} = higher, lower or null,
     * {@code values} in the runs' order with null where a run lacks it, {@code best} = the names of the best runs);
     * {@code learningCurves}; {@code configDifferences} (key, values) and {@code keysFollowingWork}
     * ({@link #keysFollowingWork()}); {@code history} (each run's evaluations).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task", task);
        List<Map<String, Object>> runList = new ArrayList<>();
        List<Map<String, Object>> curves = new ArrayList<>();
        List<Map<String, Object>> history = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            ComparedRun r = runs.get(i);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("name", names.get(i));
            run.put("location", Secrets.maskUris(r.location()));
            run.put("model", Secrets.maskUris(r.model()));
            run.put("dataset", Secrets.maskUris(r.dataset()));
            run.put("runId", r.runId());
            run.put("time", r.time());
            runList.add(run);
            Map<String, Object> curve = new LinkedHashMap<>();
            curve.put("run", names.get(i));
            curve.put("validationMetric", r.curve().isEmpty() ? null : r.curve().validationName());
            curve.put("epochs", r.curve().epochs());
            curve.put("loss", r.curve().loss());
            curve.put("validation", r.curve().validation());
            curves.add(curve);
            List<Map<String, Object>> evaluations = new ArrayList<>();
            for (ComparedRun.Evaluation e : r.evaluations()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("runId", e.runId());
                m.put("time", e.time());
                m.put("dataset", Secrets.maskUris(e.dataset()));
                m.put("metrics", e.metrics());
                evaluations.add(m);
            }
            history.add(Map.of("run", names.get(i), "evaluations", evaluations));
        }
        json.put("runs", runList);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MetricRow row : metrics) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("metric", row.metric());
            m.put("better", row.direction() == Direction.NONE ? null : row.direction().name().toLowerCase(Locale.ROOT));
            m.put("values", row.values());
            m.put("best", row.best().stream().map(names::get).toList());
            rows.add(m);
        }
        json.put("metrics", rows);
        json.put("learningCurves", curves);
        json.put("configsCompared", configsCompared());
        json.put("configDifferences", configDifferences.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", d.key());
            m.put("values", d.values());
            return m;
        }).toList());
        json.put("keysFollowingWork", followingWork);
        json.put("history", history);
        return json;
    }
}
