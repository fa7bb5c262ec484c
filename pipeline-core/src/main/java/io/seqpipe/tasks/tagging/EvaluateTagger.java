package io.seqpipe.tasks.tagging;

import io.seqpipe.tasks.CharacterIds;
import io.seqpipe.SeqPipeException;
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
                    report.historyPath()), report, details(report));
            return report;
        });
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
