package io.seqpipe.tasks.tagging;

import io.seqpipe.tasks.CharacterIds;
import io.seqpipe.SeqPipeException;
import io.seqpipe.eval.ConfusionMatrix;
import io.seqpipe.report.Charts;
import io.seqpipe.report.ReportPage;
import io.seqpipe.report.ReportSections;
import io.seqpipe.spark.BroadcastModel;
import io.seqpipe.tagging.EntityMetrics;
import io.seqpipe.tagging.TaggedSentence;
import io.seqpipe.tagging.TaggingAccuracy;
import io.seqpipe.data.SeededSplit;
import io.seqpipe.tasks.EvaluationReport;
import io.seqpipe.tasks.InferenceStep;
import io.seqpipe.tasks.MetricsOutput;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.text.LabelIndex;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code evaluate} for the tagging tasks: tags {@code paths.test} (read in {@code input.*}'s format, encoded with the
 * model's own features) on the executors, and writes {@code metrics.json} and rejects to {@code paths.metrics},
 * atomically, then appends to the metrics history. NER: conlleval's entity precision/recall/F1, micro and per type,
 * plus token accuracy; every task: token accuracy overall and per gold tag, and the most frequent confusions.
 */
public final class EvaluateTagger {

    /** What evaluate computed and wrote; {@link #lines()} is its console summary. */
    public record Report(String runId, String task, String model, String dataset, SplitCounts input, long tokens,
                         EntityMetrics entities, TaggingAccuracy accuracy, String metricsPath, String historyPath)
            implements EvaluationReport {
        /** The flat metrics of the history table and {@code metrics.json}. */
        @Override
        public Map<String, Double> metrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            if (entities != null) {
                m.putAll(entities.flatten());
            }
            m.put("token_accuracy", accuracy.accuracy());
            return m;
        }

        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("evaluate: model " + model);
            lines.add("  " + input.describe("test").replace("read", "sentences read") + ", tokens " + tokens);
            EntityMetrics e = entities;
            if (e != null) {
                lines.add(String.format("  entities (conlleval): P %.2f R %.2f F1 %.2f | gold %d, predicted %d,"
                                + " correct %d", 100 * e.precision(), 100 * e.recall(), 100 * e.f1(), e.goldChunks(),
                        e.predictedChunks(), e.correctChunks()));
                e.perType().forEach(t -> lines.add(String.format("  %-6s gold %5d  P %6.2f  R %6.2f  F1 %6.2f",
                        t.type(), t.gold(), 100 * t.precision(), 100 * t.recall(), 100 * t.f1())));
            }
            TaggingAccuracy a = accuracy;
            lines.add(String.format("  token accuracy %.2f%% (%d of %d)", 100 * a.accuracy(), a.correct(),
                    a.tokens()));
            a.topErrors().stream().limit(5).forEach(p -> lines.add("  confused " + p.gold() + " -> " + p.predicted()
                    + ": " + p.count()));
            lines.addAll(MetricsOutput.whereLines(metricsPath, historyPath));
            return lines;
        }
    }

    private EvaluateTagger() {
    }

    public static Report run(SparkSession spark, TaggingTaskConfig cfg, boolean overwrite) {
        // with split.*: the test split of paths.train, cut exactly as prepare cut it
        boolean seeded = cfg.split().enabled();
        InferenceStep.Settings settings = InferenceStep.Settings.evaluate(cfg, cfg.split(), cfg.paths().train());
        return InferenceStep.run(spark, settings, overwrite,
                (path, hadoop) -> TaggerModel.load(path, cfg.task(), hadoop), step -> {
            TaggerModel model = step.model();
            LabelIndex tags = model.tags();
            TokenFeatures features = model.features();
            CharacterIds chars = model.chars();
            String testPath = step.input();
            TaggingData.Labelled read = TaggingData.readLabelled(step.sc(), testPath, cfg.input(),
                    cfg.inputScheme(), model.trainedWith().trainScheme(), seeded ? "paths.train"
                            : "paths.test");
            TaggingData.Labelled labelled = seeded ? TaggingData.split(read, cfg.split())
                    .get(SeededSplit.TEST) : read;
            SplitCounts counts = labelled.counts(testPath);
            if (counts.written() == 0) {
                throw new SeqPipeException((seeded ? "the test split (" + cfg.split().describe()
                        + ") of paths.train " : "paths.test ") + testPath + " has no usable sentences: "
                        + counts.describe("test"));
            }
            List<String> files = labelled.files();
            JavaRDD<TaggerEvaluation.Gold> gold = labelled.sentences().map((TaggedSentence s) ->
                    new TaggerEvaluation.Gold(TaggingData.example(TaggingData.rowNumber(files, s),
                            s.tokens(), s.tags(), features, chars, tags), s.tags()));
            TaggerEvaluation.Counts result;
            try (BroadcastModel network = BroadcastModel.of(step.sc(), model.directory().weights())) {
                result = TaggerEvaluation.evaluate(network, gold, tags.labels(),
                        model.trainedWith().trainScheme(), cfg.evaluateBatchSize());
            }
            step.writeRejects(labelled.rejectRows("test"));
            labelled.outcomes().unpersist(false);
            read.outcomes().unpersist(false);

            boolean chunked = model.trainedWith().chunked();
            TaggingAccuracy accuracy = result.accuracy(tags.labels(), cfg.topErrors());
            Report report = new Report(UUID.randomUUID().toString(), model.trainedWith().task(),
                    model.directory().path().toString(), step.qualify(testPath)
                    + (seeded ? " [test split: " + cfg.split().describe() + "]" : ""), counts,
                    accuracy.tokens(), chunked ? result.entities() : null, accuracy, step.target(),
                    step.qualify(cfg.paths().metricsHistory()));
            step.commitMetrics(new MetricsOutput.Run(report.runId(), report.task(), report.dataset(),
                    report.historyPath()), report, details(report), reportSections(report, tags.labels(),
                    result.confusion()));
            return report;
        });
    }

    /** The ids of report.html's charts. */
    static final String CONFUSION_MATRIX_ID = "confusion-matrix";
    static final String PER_TYPE_ID = "per-entity-type";
    static final String PER_TAG_ID = "per-tag";
    static final String MOST_CONFUSED_ID = "most-confused";

    /**
     * The sections of report.html beside the common ones: for chunked tasks entity P/R/F1 per type; token accuracy per
     * gold tag; the most confused tag pairs; the tag confusion matrix.
     *
     * @param tags      the model's tags, index = class of {@code confusion}
     * @param confusion gold by predicted tag, with the unseen-gold class last
     */
    static ReportSections reportSections(Report r, List<String> tags, ConfusionMatrix confusion) {
        return page -> {
            EntityMetrics e = r.entities();
            if (e != null) {
                page.heading("Entities per type (conlleval)");
                List<Charts.Scores> scores = new ArrayList<>();
                List<List<String>> rows = new ArrayList<>();
                for (EntityMetrics.TypeScores t : e.perType()) {
                    scores.add(new Charts.Scores(t.type(), t.precision(), t.recall(), t.f1()));
                    rows.add(List.of(t.type(), Long.toString(t.gold()), Long.toString(t.predicted()),
                            Long.toString(t.correct()), ReportPage.number(t.precision()),
                            ReportPage.number(t.recall()), ReportPage.number(t.f1())));
                }
                rows.add(List.of("all", Long.toString(e.goldChunks()), Long.toString(e.predictedChunks()),
                        Long.toString(e.correctChunks()), ReportPage.number(e.precision()),
                        ReportPage.number(e.recall()), ReportPage.number(e.f1())));
                page.chart(PER_TYPE_ID, "Entity precision, recall and F1 per type", Charts.precisionRecallF1(
                        "Entity precision, recall and F1 per type", "entity type", scores), 800, 380);
                page.table(PER_TYPE_ID + "-table", List.of("type", "gold", "predicted", "correct", "precision",
                        "recall", "F1"), rows);
            }
            TaggingAccuracy a = r.accuracy();
            page.heading("Token accuracy per gold tag");
            Map<String, Double> perTag = new LinkedHashMap<>();
            List<List<String>> rows = new ArrayList<>();
            for (TaggingAccuracy.TagScores t : a.perTag()) {
                perTag.put(t.tag(), t.accuracy());
                rows.add(List.of(t.tag(), Long.toString(t.support()), Long.toString(t.correct()),
                        ReportPage.number(t.accuracy())));
            }
            page.chart(PER_TAG_ID, "Token accuracy per gold tag", Charts.bars("Token accuracy (recall) per gold tag",
                    "gold tag", "accuracy", Map.of("accuracy", perTag), new double[]{0, 1.05}, false), 800, 380);
            page.table(PER_TAG_ID + "-table", List.of("gold tag", "support", "correct", "accuracy"), rows);
            page.heading("Most confused tags");
            if (a.topErrors().isEmpty()) {
                page.paragraph("No token was tagged wrong.");
            } else {
                Map<String, Double> counts = new LinkedHashMap<>();
                List<List<String>> errors = new ArrayList<>();
                for (TaggingAccuracy.ErrorPair p : a.topErrors()) {
                    counts.put(p.gold() + " \u2192 " + p.predicted(), (double) p.count());
                    errors.add(List.of(p.gold(), p.predicted(), Long.toString(p.count())));
                }
                page.chart(MOST_CONFUSED_ID, "The most frequent confusions, gold tag to predicted tag",
                        Charts.bars("Most confused tags (gold \u2192 predicted)", "confusion", "tokens",
                                Map.of("tokens", counts), null, true), 800, 120 + 24 * counts.size());
                page.table(MOST_CONFUSED_ID + "-table", List.of("gold", "predicted", "tokens"), errors);
            }
            page.heading("Tag confusion matrix");
            List<String> names = new ArrayList<>(tags);
            long[][] counts = confusion.toArray();
            int shown = counts.length;
            long unseen = 0;
            for (long c : counts[counts.length - 1]) {
                unseen += c;
            }
            if (unseen == 0) {
                shown = tags.size();
            } else {
                names.add(TaggerEvaluation.UNSEEN_TAG);
            }
            long[][] matrix = new long[shown][shown];
            for (int g = 0; g < shown; g++) {
                System.arraycopy(counts[g], 0, matrix[g], 0, shown);
            }
            int side = Math.min(900, 260 + 32 * shown);
            page.chart(CONFUSION_MATRIX_ID, "Confusion matrix of " + shown + " tags, gold by predicted",
                    Charts.confusionMatrix(names, matrix), side + 120, side);
        };
    }

    /** The sections of metrics.json beside the common ones ({@link MetricsOutput}). */
    static Map<String, Object> details(Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", r.input());
        m.put("tokens", r.tokens());
        if (r.entities() != null) {
            m.put("entities", Map.of("definition", "conlleval: a chunk is correct when its type and both boundaries"
                    + " match; gold and predicted tags compared as IOB2", "gold", r.entities().goldChunks(),
                    "predicted", r.entities().predictedChunks(), "correct", r.entities().correctChunks(),
                    "perType", r.entities().perType()));
        }
        m.put("perTag", r.accuracy().perTag());
        m.put("topErrors", r.accuracy().topErrors());
        return m;
    }
}
