package io.seqpipe.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.seqpipe.SeqPipeException;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.Secrets;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.provenance.ModelDirectory;
import io.seqpipe.report.ComparedRun;
import io.seqpipe.report.ComparisonPage;
import io.seqpipe.report.LearningCurve;
import io.seqpipe.report.ReportPage;
import io.seqpipe.report.RunComparison;
import io.seqpipe.spark.MetricsHistory;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.MetricsOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code seqpipe report --runs RUN RUN [RUN ...]}: compares evaluated runs of one task, without Spark. A RUN is a
 * directory holding a {@code metrics.json} ({@code paths.metrics}, or a registry version) or a {@code paths.work}
 * directory whose {@code metrics/metrics.json} exists; any Hadoop path. From each run it reads {@code metrics.json}, the
 * evaluated model's {@code provenance.json} (learning curves) and {@code config.json}, and the model's rows of the
 * metrics history that the run's {@code config.resolved.conf} names ({@code paths.metricsHistory}; else
 * {@code RUN/metrics-history} or the one beside the metrics directory). It writes {@code comparison.html} ({@link ComparisonPage}) and
 * {@code comparison.json} ({@link RunComparison#toJson()}) atomically into the output directory.
 */
final class ReportCommand {
    static final String PAGE_FILE = "comparison.html";
    static final String TABLE_FILE = "comparison.json";
    /** The output directory when {@code --output} is not given. */
    static final String DEFAULT_OUTPUT = "seqpipe-comparison";
    private static final String HISTORY_DIR = "metrics-history";
    private static final Logger LOG = LoggerFactory.getLogger(ReportCommand.class);

    private ReportCommand() {
    }

    static JobReport run(List<String> runs, String output, boolean overwrite, Configuration hadoop) {
        AtomicOutput.checkWritable(output, overwrite, hadoop); // before reading anything
        List<ComparedRun> read = new ArrayList<>();
        for (String run : runs) {
            read.add(readRun(run, hadoop));
        }
        RunComparison comparison = RunComparison.of(read);
        String html = Secrets.maskUris(ComparisonPage.html(comparison)); // drawn before anything is written
        Path target;
        try (AtomicOutput out = AtomicOutput.begin(output, overwrite, hadoop)) {
            HadoopFiles.writeString(new Path(out.path(), PAGE_FILE), html, hadoop);
            Json.writeReport(comparison.toJson(), new Path(out.path(), TABLE_FILE), hadoop);
            target = out.commit();
        }
        List<String> lines = new ArrayList<>();
        lines.add("report: compared " + runs.size() + " " + comparison.task() + " runs");
        RunComparison.MetricRow headline = comparison.metrics().isEmpty() ? null : comparison.metrics().get(0);
        for (int i = 0; i < runs.size(); i++) {
            String value = headline == null || headline.values().get(i) == null ? ""
                    : ": " + headline.metric() + " " + ReportPage.number(headline.values().get(i))
                    + (headline.best().contains(i) ? " (best)" : "");
            lines.add("  " + comparison.names().get(i) + value);
        }
        lines.add("  page: " + new Path(target, PAGE_FILE));
        lines.add("  table: " + new Path(target, TABLE_FILE));
        return JobReport.of(lines);
    }

    /**
     * Reads one run.
     *
     * @throws SeqPipeException if the run does not exist or has no {@code metrics.json} (naming the paths looked at
     *                          and telling to run evaluate)
     */
    @SuppressWarnings("unchecked")
    static ComparedRun readRun(String location, Configuration hadoop) {
        Path given = HadoopFiles.qualify(location, hadoop);
        if (!HadoopFiles.exists(given, hadoop)) {
            throw new SeqPipeException("run " + given + " does not exist (a run is a paths.work directory, a"
                    + " paths.metrics directory or a registry version)");
        }
        Path metricsDir = given;
        if (!HadoopFiles.exists(new Path(given, MetricsOutput.METRICS_FILE), hadoop)) {
            metricsDir = new Path(given, "metrics");
            if (!HadoopFiles.exists(new Path(metricsDir, MetricsOutput.METRICS_FILE), hadoop)) {
                throw new SeqPipeException("run " + given + " has no " + MetricsOutput.METRICS_FILE + " (looked for "
                        + new Path(given, MetricsOutput.METRICS_FILE) + " and " + new Path(metricsDir,
                        MetricsOutput.METRICS_FILE) + "); run `seqpipe evaluate` for it first");
            }
        }
        Path metricsFile = new Path(metricsDir, MetricsOutput.METRICS_FILE);
        Map<String, Object> json = Json.readMap(metricsFile, hadoop);
        String task = (String) json.get("task");
        if (task == null || !(json.get("metrics") instanceof Map<?, ?>)) {
            throw new SeqPipeException(metricsFile + " is not an evaluate's metrics.json (no task or metrics); run"
                    + " `seqpipe evaluate` for the run again");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        ((Map<String, Object>) json.get("metrics")).forEach((k, v) -> metrics.put(k, number(v)));
        String model = (String) json.get("model");
        LearningCurve curve = null;
        Map<String, Object> config = null;
        if (model != null) {
            Path provenance = new Path(model, ModelDirectory.PROVENANCE);
            if (HadoopFiles.exists(provenance, hadoop)) {
                Map<String, Object> p = Json.readMap(provenance, hadoop);
                curve = LearningCurve.fromProvenance((List<Map<String, Object>>) p.get("history"),
                        (Map<String, Object>) p.get("metrics"));
            } else {
                LOG.warn("run {}: the model's provenance {} does not exist; no learning curves", given, provenance);
            }
            Path configFile = new Path(model, ModelDirectory.CONFIG);
            if (HadoopFiles.exists(configFile, hadoop)) {
                config = Json.readMap(configFile, hadoop);
            } else {
                LOG.warn("run {}: the model's {} does not exist; its config is not compared", given, configFile);
            }
        }
        String history = historyPath(given, metricsDir, hadoop);
        List<ComparedRun.Evaluation> evaluations = model == null ? List.of()
                : MetricsHistory.evaluationsOf(model, MetricsHistory.read(history, hadoop));
        return new ComparedRun(location, task, model, (String) json.get("dataset"), (String) json.get("runId"),
                (String) json.get("time"), metrics, curve, config, evaluations);
    }

    /**
     * The metrics history of a run: the first that exists of the {@code paths.metricsHistory} of the
     * {@code config.resolved.conf} beside its {@code metrics.json} (a relative one is resolved against today's working
     * directory, which need not be the run's), {@code RUN/metrics-history} and {@code metrics-history} beside the
     * metrics directory; the configured one (or the second) when none exists.
     */
    private static String historyPath(Path given, Path metricsDir, Configuration hadoop) {
        List<String> candidates = new ArrayList<>();
        Path resolved = new Path(metricsDir, ConfigLayering.RESOLVED_FILE);
        if (HadoopFiles.exists(resolved, hadoop)) {
            try {
                Config c = ConfigFactory.parseString(HadoopFiles.readString(resolved, hadoop));
                if (c.hasPath("paths.metricsHistory")) {
                    candidates.add(c.getString("paths.metricsHistory"));
                }
            } catch (ConfigException e) {
                LOG.warn("cannot read paths.metricsHistory from {}: {}", resolved, e.getMessage());
            }
        }
        candidates.add(new Path(given, HISTORY_DIR).toString());
        if (metricsDir.getParent() != null) {
            candidates.add(new Path(metricsDir.getParent(), HISTORY_DIR).toString());
        }
        return candidates.stream().filter(p -> HadoopFiles.exists(HadoopFiles.qualify(p, hadoop), hadoop))
                .findFirst().orElse(candidates.get(0));
    }

    /** A metric of metrics.json: a number, or "NaN" (and the infinities) as Jackson writes them. */
    private static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
