package io.seqpipe.tasks;

import io.seqpipe.SeqPipeException;
import io.seqpipe.eval.FoldSpread;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code evaluate} with {@code evaluate.foldMetrics}: reads the {@code metrics.json} of several evaluate runs (the
 * folds of a cross-validation), and writes, atomically, a {@code metrics.json} whose {@code metrics} are the means
 * and whose {@code spread} gives mean, sample standard deviation, min and max of each metric ({@link FoldSpread}).
 * Any task whose {@code metrics.json} has a {@code metrics} object of numbers can use it.
 */
public final class FoldMetricsSummary {
    private FoldMetricsSummary() {
    }

    /**
     * What was summarized and where it was written.
     *
     * @param models the distinct models the runs evaluated (each run's {@code model} in its metrics.json)
     */
    public record Report(String output, String task, List<String> runs, List<String> models, FoldSpread spread)
            implements EvaluationReport {
        /** The runs' models, joined by ", " (a cross-validation evaluates one model per fold). */
        @Override
        public String model() {
            return String.join(", ", models);
        }

        /** The mean of each metric, as written under {@code metrics}. */
        @Override
        public Map<String, Double> metrics() {
            return spread.means();
        }

        @Override
        public String metricsPath() {
            return output;
        }

        /** Console lines: one per metric, {@code accuracy 0.8120 ± 0.0150 (min 0.7900, max 0.8300)}. */
        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("evaluate: mean and sample standard deviation over " + runs.size()
                    + " runs (evaluate.foldMetrics)");
            spread.metrics().forEach((name, s) -> lines.add(String.format("  %-24s %.4f ± %.4f (min %.4f, max %.4f)",
                    name, s.mean(), s.std(), s.min(), s.max())));
            if (!spread.incomplete().isEmpty()) {
                lines.add("  not in every run (left out): " + spread.incomplete());
            }
            lines.add("  metrics: " + output + "/metrics.json");
            return lines;
        }
    }

    /**
     * @param task        the task's name; every run's metrics.json must be of it
     * @param foldMetrics metrics folders or globs of them
     * @param output      the folder to write (paths.metrics)
     */
    public static Report run(String task, List<String> foldMetrics, String output, boolean overwrite,
                             Configuration hadoop) {
        List<Path> runs = metricsFiles(foldMetrics, hadoop);
        if (runs.size() < 2) {
            throw new SeqPipeException("evaluate.foldMetrics " + foldMetrics + " matches " + runs.size() + " metrics"
                    + " folder(s) with a metrics.json " + runs + "; a spread needs at least 2");
        }
        List<Map<String, Double>> metrics = new ArrayList<>();
        List<String> models = new ArrayList<>();
        for (Path file : runs) {
            Map<String, Object> json = Json.readMap(file, hadoop);
            if (!task.equals(json.get("task"))) {
                throw new SeqPipeException(file + " is a metrics.json of task " + json.get("task") + ", not " + task);
            }
            metrics.add(numbers(json.get("metrics"), file));
            if (json.get("model") instanceof String model && !models.contains(model)) {
                models.add(model);
            }
        }
        FoldSpread spread = FoldSpread.of(metrics);
        List<String> names = runs.stream().map(p -> p.getParent().toString()).toList();
        try (AtomicOutput out = AtomicOutput.begin(output, overwrite, hadoop)) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("task", task);
            json.put("time", Instant.now().toString());
            json.put("runs", names);
            json.put("metrics", spread.means());
            json.put("spread", spread.metrics());
            json.put("incomplete", spread.incomplete());
            Json.writeReport(json, new Path(out.path(), "metrics.json"), hadoop);
            out.commit();
            return new Report(out.target().toString(), task, names, List.copyOf(models), spread);
        }
    }

    private static List<Path> metricsFiles(List<String> patterns, Configuration hadoop) {
        List<Path> files = new ArrayList<>();
        for (String pattern : patterns) {
            Path p = new Path(pattern);
            FileSystem fs = HadoopFiles.fs(p, hadoop);
            try {
                FileStatus[] matches = fs.globStatus(p);
                for (FileStatus m : matches == null ? new FileStatus[0] : matches) {
                    Path file = m.isDirectory() ? new Path(m.getPath(), "metrics.json") : m.getPath();
                    if (!fs.exists(file)) {
                        throw new SeqPipeException("evaluate.foldMetrics: " + m.getPath() + " has no metrics.json");
                    }
                    if (!files.contains(file)) {
                        files.add(file);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + pattern, e);
            }
        }
        files.sort(null);
        return files;
    }

    private static Map<String, Double> numbers(Object metrics, Path file) {
        if (!(metrics instanceof Map<?, ?> map)) {
            throw new SeqPipeException(file + " has no \"metrics\" object");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v instanceof Number n) {
                out.put(k.toString(), n.doubleValue());
            } else if ("NaN".equals(v) || v == null) {
                out.put(k.toString(), Double.NaN);
            }
        });
        return out;
    }
}
