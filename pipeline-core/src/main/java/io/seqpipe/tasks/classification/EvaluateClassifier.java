package io.seqpipe.tasks.classification;

import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.spark.RejectsOutput;
import io.seqpipe.SeqPipeException;
import io.seqpipe.eval.ClassificationMetrics;
import io.seqpipe.eval.UndefinedMetrics;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.spark.BroadcastModel;
import io.seqpipe.tasks.EvaluationReport;
import io.seqpipe.tasks.MetricsOutput;
import io.seqpipe.text.LabelIndex;
import org.apache.hadoop.conf.Configuration;
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
            lines.add("  metrics: " + metricsPath + "/metrics.json");
            lines.add("  history: " + historyPath);
            return lines;
        }
    }

    private EvaluateClassifier() {
    }

    public static Report run(SparkSession spark, ClassificationTaskConfig cfg, boolean overwrite) {
        String testPath = cfg.split().enabled()
                ? ClassificationTaskConfig.require(cfg.paths().train(), "paths.train", "evaluate with split.method = "
                + cfg.split().method().name().toLowerCase(java.util.Locale.ROOT))
                : ClassificationTaskConfig.require(cfg.paths().test(), "paths.test", "evaluate");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        ClassifierModel model = ClassifierModel.load(cfg.paths().model(), hadoop);
        LabelIndex labels = model.directory().labels();
        int positive = labels.size() == 2 ? labels.indexOf(cfg.positiveLabel()) : -1;
        if (labels.size() == 2 && positive < 0) {
            throw new SeqPipeException("evaluate.positiveLabel '" + cfg.positiveLabel() + "' is not one of the model's"
                    + " labels " + labels.labels());
        }
        try (AtomicOutput out = AtomicOutput.begin(cfg.paths().metrics(), overwrite, hadoop)) {
            out.writeResolvedConfig(cfg.resolved());
            // with split.*: the test split of paths.train, cut exactly as prepare cut it
            JavaRDD<EncodedRecord> encoded = ClassificationData.encode(cfg.split().enabled()
                    ? ClassificationData.testLines(sc, testPath, cfg.input(), cfg.layout(), cfg.split())
                    : ClassificationData.readLines(sc, testPath, cfg.input(), cfg.layout(), "paths.test"),
                    model.encoder(), labels);
            SplitCounts counts = ClassificationData.count(testPath, encoded);
            if (counts.written() == 0) {
                throw new SeqPipeException((cfg.split().enabled() ? "the test split (" + cfg.split().describe()
                        + ") of paths.train " : "paths.test ") + testPath + " has no usable lines: "
                        + counts.describe("test"));
            }
            ClassifierEvaluation.Result result;
            try (BroadcastModel network = BroadcastModel.of(sc, model.directory().weights())) {
                result = ClassifierEvaluation.evaluate(network, encoded.filter(e -> !e.isRejected())
                        .map(ClassificationData::example), labels.labels(), cfg.evaluateBatchSize(), positive);
            }
            RejectsOutput.write(spark, ClassificationData.rejectRows(encoded, "test"), out.child("rejects"));
            encoded.unpersist(false);

            String runId = UUID.randomUUID().toString();
            String modelPath = model.directory().path().toString();
            String dataset = HadoopFiles.qualify(testPath, hadoop).toString()
                    + (cfg.split().enabled() ? " [test split: " + cfg.split().describe() + "]" : "");
            Report report = new Report(runId, modelPath, dataset, counts, result.loss(), result.metrics(),
                    out.target().toString(), HadoopFiles.qualify(cfg.paths().metricsHistory(), hadoop).toString());
            UndefinedMetrics.require(report.metrics(), "evaluate on " + dataset, cfg.allowNanMetrics(),
                    "evaluate.allowNanMetrics");
            MetricsOutput.commit(spark, out, new MetricsOutput.Run(runId, "sentiment", dataset, report.historyPath()),
                    report, details(report), hadoop);
            return report;
        }
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
