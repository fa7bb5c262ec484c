package io.seqpipe.tasks;

import io.seqpipe.SeqPipeException;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.provenance.ModelDirectory;
import io.seqpipe.report.Charts;
import io.seqpipe.report.LearningCurve;
import io.seqpipe.report.ReportPage;
import io.seqpipe.report.ReportSections;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code report.html} every evaluate writes beside {@code metrics.json}: the run (task, model, dataset, time), the
 * flat metrics, the learning curves of the model's provenance, then the task's own sections ({@link ReportSections}).
 */
public final class EvaluationPage {
    /** The config key that turns the report off. */
    public static final String REPORT_KEY = "evaluate.report";
    public static final String LEARNING_CURVES_ID = "learning-curves";

    private EvaluationPage() {
    }

    /**
     * The page's HTML.
     *
     * @throws SeqPipeException if a chart cannot be drawn (e.g. a JVM without its AWT libraries), naming
     *                          {@value #REPORT_KEY}
     */
    public static String html(MetricsOutput.Run run, EvaluationReport report, String time, ReportSections sections,
                              Configuration hadoop) {
        try {
            ReportPage page = new ReportPage("SeqPipe evaluate: " + run.task());
            page.table("run", List.of(), List.of(List.of("run id", run.runId()), List.of("task", run.task()),
                    List.of("model", report.model()), List.of("dataset", run.dataset()), List.of("time", time)));
            page.heading("Metrics");
            List<List<String>> rows = new ArrayList<>();
            report.metrics().forEach((name, value) -> rows.add(List.of(name, ReportPage.number(value))));
            page.table("metrics", List.of("metric", "value"), rows);
            learningCurves(page, report.model(), hadoop);
            sections.addTo(page);
            return page.html();
        } catch (RuntimeException | LinkageError e) {
            if (e instanceof SeqPipeException s) {
                throw s;
            }
            throw new SeqPipeException("cannot draw the charts of report.html (" + e + "); set " + REPORT_KEY
                    + " = false to evaluate without the report", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void learningCurves(ReportPage page, String model, Configuration hadoop) {
        page.heading("Training");
        Path provenance = new Path(model, ModelDirectory.PROVENANCE);
        LearningCurve curve = LearningCurve.fromProvenance(List.of(), null);
        if (HadoopFiles.exists(provenance, hadoop)) {
            Map<String, Object> p = Json.readMap(provenance, hadoop);
            curve = LearningCurve.fromProvenance((List<Map<String, Object>>) p.get("history"),
                    (Map<String, Object>) p.get("metrics"));
        }
        if (curve.isEmpty()) {
            page.note("The model's provenance has no per-epoch history.");
            return;
        }
        page.chart(LEARNING_CURVES_ID, "Training loss and " + curve.validationName() + " per epoch",
                Charts.learningCurves(curve), 800, curve.hasValidation() ? 520 : 320);
        page.note("From the model's provenance: the mean training loss of each epoch and the validation metric"
                + " measured after it.");
    }
}
