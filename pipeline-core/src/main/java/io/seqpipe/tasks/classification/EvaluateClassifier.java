package io.seqpipe.tasks.classification;

import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.SeqPipeException;
import io.seqpipe.eval.ClassificationMetrics;
import io.seqpipe.eval.RocCurve;
import io.seqpipe.eval.UndefinedMetrics;
import io.seqpipe.report.Charts;
import io.seqpipe.report.ReportPage;
import io.seqpipe.report.ReportSections;
import io.seqpipe.spark.BroadcastEnsemble;
import io.seqpipe.tasks.EvaluationReport;
import io.seqpipe.tasks.InferenceStep;
import io.seqpipe.tasks.MetricsOutput;
import io.seqpipe.text.LabelIndex;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code evaluate}: scores a saved model on labelled text ({@code paths.test}, read and encoded with the model's own
 * tokenizer and vocabulary), writes {@code metrics.json} and rejects atomically to {@code paths.metrics}, and appends one
 * row per metric to the metrics history table ({@code paths.metricsHistory}, Parquet:
 * {@code run_id, time, task, model, dataset, metric, value}).
 */
public final class EvaluateClassifier {
    /** What evaluate wrote; {@link #lines()} is its console summary. */
    public record Report(String runId, String model, String dataset, SplitCounts input, double loss,
                         ClassificationMetrics classification, String metricsPath, String historyPath)
            implements EvaluationReport {
        /** The flat metrics of {@code metrics.json} and the history: the classification metrics and the loss. */
        @Override
        public Map<String, Double> metrics() {
            Map<String, Double> flat = new LinkedHashMap<>(classification.flatten());
            flat.put("loss", loss);
            return flat;
        }

        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("evaluate: model " + model);
            lines.add("  " + input.describe("test"));
            lines.add(String.format("  accuracy %.4f | macro P %.4f R %.4f F1 %.4f | AUC %.4f | loss %.4f",
                    classification.accuracy(), classification.macroPrecision(), classification.macroRecall(),
                    classification.macroF1(), classification.auc(), loss));
            classification.perClass().forEach(c -> lines.add(String.format(
                    "  class %-10s support %6d  P %.4f  R %.4f  F1 %.4f", c.label(), c.support(), c.precision(),
                    c.recall(), c.f1())));
            lines.addAll(MetricsOutput.whereLines(metricsPath, historyPath));
            return lines;
        }
    }

    /** The ids of report.html's charts. */
    static final String CONFUSION_MATRIX_ID = "confusion-matrix";
    static final String PER_CLASS_ID = "per-class";
    static final String ROC_ID = "roc";

    private EvaluateClassifier() {
    }

    public static Report run(SparkSession spark, ClassificationTaskConfig cfg, boolean overwrite) {
        // with split.*: the test split of paths.train, cut exactly as prepare cut it
        boolean seeded = cfg.split().enabled();
        InferenceStep.Settings settings = InferenceStep.Settings.evaluate(cfg, cfg.split(), cfg.paths().train());
        return InferenceStep.run(spark, settings, overwrite,
                (path, hadoop) -> WithPositive.of(ClassifierModel.load(path, hadoop), cfg.positiveLabel()), step -> {
            ClassifierModel model = step.model().model();
            LabelIndex labels = model.directory().labels();
            String testPath = step.input();
            JavaSparkContext sc = step.sc();
            JavaRDD<EncodedRecord> encoded = ClassificationData.encode(seeded
                    ? ClassificationData.testLines(sc, testPath, cfg.input(), cfg.layout(), cfg.split())
                    : ClassificationData.readLines(sc, testPath, cfg.input(), cfg.layout(), "paths.test"),
                    model.encoder(), model.chars(), labels);
            SplitCounts counts = ClassificationData.count(testPath, encoded);
            if (counts.written() == 0) {
                throw new SeqPipeException((seeded ? "the test split (" + cfg.split().describe()
                        + ") of paths.train " : "paths.test ") + testPath + " has no usable lines: "
                        + counts.describe("test"));
            }
            ClassifierEvaluation.Result result;
            try (BroadcastEnsemble network = BroadcastEnsemble.of(sc, model.members())) {
                result = ClassifierEvaluation.evaluate(network, encoded.filter(e -> !e.isRejected())
                                .map(ClassificationData::example), labels.labels(), cfg.evaluateBatchSize(),
                        step.model().positive());
            }
            step.writeRejects(ClassificationData.rejectRows(encoded, "test"));
            encoded.unpersist(false);

            String runId = UUID.randomUUID().toString();
            String dataset = step.qualify(testPath)
                    + (seeded ? " [test split: " + cfg.split().describe() + "]" : "");
            Report report = new Report(runId, model.directory().path().toString(), dataset, counts,
                    result.loss(), result.metrics(), step.target(), step.qualify(cfg.paths().metricsHistory()));
            UndefinedMetrics.require(report.metrics(), "evaluate on " + dataset, cfg.allowNanMetrics(),
                    "evaluate.allowNanMetrics");
            step.commitMetrics(new MetricsOutput.Run(runId, "sentiment", dataset, report.historyPath()), report,
                    details(report), reportSections(report.classification(), result.roc(), cfg.positiveLabel()));
            return report;
        });
    }

    /** The model with the index of {@code evaluate.positiveLabel} among its labels (binary models; else -1). */
    private record WithPositive(ClassifierModel model, int positive) {
        static WithPositive of(ClassifierModel model, String positiveLabel) {
            LabelIndex labels = model.directory().labels();
            int positive = labels.size() == 2 ? labels.indexOf(positiveLabel) : -1;
            if (labels.size() == 2 && positive < 0) {
                throw new SeqPipeException("evaluate.positiveLabel '" + positiveLabel + "' is not one of the model's"
                        + " labels " + labels.labels());
            }
            return new WithPositive(model, positive);
        }
    }

    /**
     * The sections of report.html beside the common ones: the confusion matrix, precision, recall and F1 per class,
     * and for binary tasks the ROC curve of the positive class.
     */
    static ReportSections reportSections(ClassificationMetrics c, RocCurve roc, String positiveLabel) {
        return page -> {
            List<String> labels = c.perClass().stream().map(ClassificationMetrics.ClassScores::label).toList();
            page.heading("Confusion matrix");
            int side = Math.min(900, 260 + 40 * labels.size());
            page.chart(CONFUSION_MATRIX_ID, "Confusion matrix of " + labels.size() + " classes, actual by predicted",
                    Charts.confusionMatrix(labels, c.confusion()), side + 120, side);
            page.heading("Per class");
            List<Charts.Scores> scores = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (ClassificationMetrics.ClassScores s : c.perClass()) {
                scores.add(new Charts.Scores(s.label(), s.precision(), s.recall(), s.f1()));
                rows.add(List.of(s.label(), Long.toString(s.support()), ReportPage.number(s.precision()),
                        ReportPage.number(s.recall()), ReportPage.number(s.f1())));
            }
            page.chart(PER_CLASS_ID, "Precision, recall and F1 per class", Charts.precisionRecallF1(
                    "Precision, recall and F1 per class", "class", scores), 800, 380);
            page.table(PER_CLASS_ID + "-table", List.of("class", "support", "precision", "recall", "F1"), rows);
            if (roc != null && roc.defined()) {
                page.heading("ROC curve");
                List<double[]> points = roc.points().stream().map(p -> new double[]{p.falsePositiveRate(),
                        p.truePositiveRate()}).toList();
                page.chart(ROC_ID, "ROC curve of class " + positiveLabel + ", AUC " + ReportPage.number(c.auc()),
                        Charts.roc(points, c.auc(), positiveLabel), 600, 520);
                page.note("AUC is exact (Spark MLlib); the curve is drawn from the scores cut into "
                        + RocCurve.DEFAULT_BINS + " bins.");
            }
        };
    }

    /** The sections of metrics.json beside the common ones ({@link MetricsOutput}). */
    static Map<String, Object> details(Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", r.input());
        m.put("examples", r.classification().examples());
        m.put("perClass", r.classification().perClass());
        m.put("confusionMatrix", Map.of("labels", r.classification().perClass().stream()
                .map(ClassificationMetrics.ClassScores::label).toList(), "counts", r.classification().confusion(),
                "rows", "actual", "columns", "predicted"));
        return m;
    }
}
