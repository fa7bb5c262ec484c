package io.seqpipe.tasks;

import io.seqpipe.config.Secrets;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.report.ReportSections;
import io.seqpipe.spark.MetricsHistory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How every evaluate job ends, from its typed report: {@code metrics.json} in the output (run id, task, model, dataset,
 * time and {@link EvaluationReport#metrics()} under {@code metrics}, beside the task's own details), {@code report.html}
 * beside it ({@link EvaluationPage}) unless {@code evaluate.report = false}, the output committed, then one row per
 * metric appended to the metrics history ({@link MetricsHistory}).
 */
public final class MetricsOutput {
    public static final String METRICS_FILE = "metrics.json";
    public static final String REPORT_FILE = "report.html";

    private MetricsOutput() {
    }

    /** The last lines of every evaluate's console summary: where its metrics and their history went. */
    public static List<String> whereLines(String metricsPath, String historyPath) {
        return List.of("  metrics: " + metricsPath + "/metrics.json", "  history: " + historyPath);
    }

    /** Where the run's metrics go, and what names the run in them. */
    public record Run(String runId, String task, String dataset, String historyPath) {
    }

    /**
     * Writes {@code metrics.json} and {@code report.html}, commits {@code out} and appends the history.
     *
     * @param details  the task's own sections of {@code metrics.json} (input counts, per-class scores, ...)
     * @param sections the task's own sections of {@code report.html}, or null to write no report
     */
    public static void commit(SparkSession spark, AtomicOutput out, Run run, EvaluationReport report,
                              Map<String, Object> details, ReportSections sections, Configuration hadoop) {
        String time = Instant.now().toString();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runId", run.runId());
        json.put("task", run.task());
        json.put("model", report.model());
        json.put("dataset", run.dataset());
        json.put("time", time);
        json.put("metrics", report.metrics());
        json.putAll(details);
        // drawn first: a report that cannot be drawn fails the run before anything is written
        String html = sections == null ? null : EvaluationPage.html(run, report, time, sections, hadoop);
        Json.writeReport(json, new Path(out.path(), METRICS_FILE), hadoop);
        if (html != null) {
            HadoopFiles.writeString(new Path(out.path(), REPORT_FILE), Secrets.maskUris(html), hadoop);
        }
        out.commit();
        MetricsHistory.append(spark, run.historyPath(), run.runId(), run.task(), report.model(), run.dataset(),
                report.metrics());
    }
}
