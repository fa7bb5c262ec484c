package io.seqpipe.tasks.translation;

import com.typesafe.config.Config;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.ModelReport;
import io.seqpipe.tasks.Task;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

/** {@code task = translation}: its four jobs and their summaries. */
public final class TranslationTask implements Task {
    private final TranslationTaskConfig config;

    public TranslationTask(Config resolved) {
        this.config = TranslationTaskConfig.from(resolved);
    }

    public TranslationTaskConfig config() {
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
        return PrepareTranslationData.run(spark, config, overwrite);
    }

    @Override
    public ModelReport train(SparkSession spark, boolean overwrite, boolean resume) {
        return TrainTranslator.run(spark, config, overwrite, resume, List.of());
    }

    @Override
    public JobReport evaluate(SparkSession spark, boolean overwrite) {
        EvaluateTranslator.Report r = EvaluateTranslator.run(spark, config, overwrite);
        List<String> lines = new ArrayList<>();
        lines.add("evaluate: model " + r.model());
        lines.add("  " + r.input().describe("test").replace("read", "pairs read") + ", reference tokens (incl. </s>) "
                + r.targetTokens());
        lines.add(String.format("  BLEU %.2f (HF evaluate on the model's tokens; sacreBLEU %.2f), chrF %.2f,"
                        + " perplexity %.3f", r.bleu().score(), r.sacreBleu().score(), r.chrf().score(),
                r.perplexity()));
        lines.add(String.format("  brevity penalty %.3f, length ratio %.3f, search: beam %d, length penalty %.2f,"
                        + " %d cut at decode.maxLength", r.bleu().brevityPenalty(), r.bleu().lengthRatio(),
                r.search().beamSize(), r.search().lengthPenalty(), r.unfinished()));
        lines.add("  metrics: " + r.metricsPath() + "/metrics.json");
        lines.add("  history: " + r.historyPath());
        return JobReport.of(lines);
    }

    @Override
    public JobReport score(SparkSession spark, boolean overwrite) {
        ScoreTranslator.Summary s = ScoreTranslator.run(spark, config, overwrite);
        List<String> lines = new ArrayList<>();
        lines.add("score: wrote " + s.output() + "/predictions");
        lines.add("  " + s.input().describe("score").replace("read", "lines read") + ", cut at decode.maxLength "
                + s.unfinished());
        if (!s.files().isEmpty()) {
            lines.add("  also as " + String.join(", ", s.files()));
        }
        return JobReport.of(lines);
    }
}
