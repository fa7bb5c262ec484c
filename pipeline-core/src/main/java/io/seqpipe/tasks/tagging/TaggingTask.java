package io.seqpipe.tasks.tagging;

import com.typesafe.config.Config;
import io.seqpipe.tagging.EntityMetrics;
import io.seqpipe.tagging.TaggingAccuracy;
import io.seqpipe.tasks.FoldMetricsSummary;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.ModelReport;
import io.seqpipe.tasks.Task;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

/** {@code task = ner} and {@code task = pos}: per-token tagging, its four jobs and their summaries. */
public final class TaggingTask implements Task {
    private final TaggingTaskConfig config;

    public TaggingTask(Config resolved) {
        this.config = TaggingTaskConfig.from(resolved);
    }

    public TaggingTaskConfig config() {
        return config;
    }

    @Override
    public String name() {
        return config.task();
    }

    @Override
    public SparkDefaults sparkDefaults() {
        return new SparkDefaults(config.appName(), config.defaultMaster(), config.train().ompThreads());
    }

    @Override
    public JobReport prepare(SparkSession spark, boolean overwrite) {
        return PrepareTaggingData.run(spark, config, overwrite);
    }

    @Override
    public ModelReport train(SparkSession spark, boolean overwrite, boolean resume) {
        return TrainTagger.run(spark, config, overwrite, resume, List.of());
    }

    @Override
    public JobReport evaluate(SparkSession spark, boolean overwrite) {
        if (!config.foldMetrics().isEmpty()) {
            return JobReport.of(FoldMetricsSummary.run(config.task(), config.foldMetrics(), config.paths().metrics(),
                    overwrite, spark.sparkContext().hadoopConfiguration()).lines());
        }
        EvaluateTagger.Report r = EvaluateTagger.run(spark, config, overwrite);
        List<String> lines = new ArrayList<>();
        lines.add("evaluate: model " + r.model());
        lines.add("  " + r.input().describe("test").replace("read", "sentences read") + ", tokens " + r.tokens());
        EntityMetrics e = r.entities();
        if (e != null) {
            lines.add(String.format("  entities (conlleval): P %.2f R %.2f F1 %.2f | gold %d, predicted %d, correct %d",
                    100 * e.precision(), 100 * e.recall(), 100 * e.f1(), e.goldChunks(), e.predictedChunks(),
                    e.correctChunks()));
            e.perType().forEach(t -> lines.add(String.format("  %-6s gold %5d  P %6.2f  R %6.2f  F1 %6.2f", t.type(),
                    t.gold(), 100 * t.precision(), 100 * t.recall(), 100 * t.f1())));
        }
        TaggingAccuracy a = r.accuracy();
        lines.add(String.format("  token accuracy %.2f%% (%d of %d)", 100 * a.accuracy(), a.correct(), a.tokens()));
        a.topErrors().stream().limit(5).forEach(p -> lines.add("  confused " + p.gold() + " -> " + p.predicted()
                + ": " + p.count()));
        lines.add("  metrics: " + r.metricsPath() + "/metrics.json");
        lines.add("  history: " + r.historyPath());
        return JobReport.of(lines);
    }

    @Override
    public JobReport score(SparkSession spark, boolean overwrite) {
        ScoreTagger.Summary s = ScoreTagger.run(spark, config, overwrite);
        List<String> lines = new ArrayList<>();
        lines.add("score: wrote " + s.output() + "/predictions");
        lines.add("  " + s.input().describe("score").replace("read", "sentences read") + ", blank lines skipped "
                + s.blankLines() + ", tokens " + s.tokens());
        if (!s.entitiesByType().isEmpty()) {
            lines.add("  entities by type " + s.entitiesByType());
        }
        if (!s.files().isEmpty()) {
            lines.add("  also as " + String.join(", ", s.files()));
        }
        return JobReport.of(lines);
    }
}
