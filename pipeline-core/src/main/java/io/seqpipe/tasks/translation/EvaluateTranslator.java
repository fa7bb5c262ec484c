package io.seqpipe.tasks.translation;

import io.seqpipe.SeqPipeException;
import io.seqpipe.report.Charts;
import io.seqpipe.report.ReportPage;
import io.seqpipe.report.ReportSections;
import io.seqpipe.spark.BroadcastModel;
import io.seqpipe.tasks.EvaluationReport;
import io.seqpipe.tasks.InferenceStep;
import io.seqpipe.tasks.MetricsOutput;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.train.ParameterAveragingTrainer;
import io.seqpipe.translation.EncodedPair;
import io.seqpipe.translation.PairEncoder;
import io.seqpipe.translation.TranslationTokenizer;
import io.seqpipe.translation.decode.SearchSettings;
import io.seqpipe.translation.metrics.BleuScore;
import io.seqpipe.translation.metrics.BleuStatistics;
import io.seqpipe.translation.metrics.ChrfScore;
import io.seqpipe.translation.metrics.LengthBuckets;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code evaluate} for translation: translates {@code paths.test} on the executors with the configured search
 * ({@code decode.*}) and writes {@code metrics.json} (and rejects) to {@code paths.metrics}, atomically, then appends to
 * the metrics history. Metrics, all on the task's target tokens (the model's tokenizer: lower-cased unless
 * {@code target.lowercase = false}): corpus BLEU-4 as HuggingFace {@code evaluate} computes it on those tokens (the
 * Multi30k anchors' definition), sacreBLEU's corpus BLEU (13a, exp smoothing) on the same tokens joined by spaces,
 * chrF (n = 6, β = 2), and the teacher-forced perplexity of the references. Every number comes from n-gram and
 * log-likelihood statistics summed over partitions, so it does not depend on how the test set is partitioned.
 */
public final class EvaluateTranslator {

    /** What evaluate computed and wrote; {@link #lines()} is its console summary. */
    public record Report(String runId, String task, String model, String dataset, SplitCounts input, BleuScore bleu,
                         BleuScore sacreBleu, ChrfScore chrf, double perplexity, long targetTokens, long unfinished,
                         SearchSettings search, List<TranslationScoring.Example> examples, String metricsPath,
                         String historyPath) implements EvaluationReport {
        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("evaluate: model " + model);
            lines.add("  " + input.describe("test").replace("read", "pairs read") + ", reference tokens (incl. </s>) "
                    + targetTokens);
            lines.add(String.format("  BLEU %.2f (HF evaluate on the model's tokens; sacreBLEU %.2f), chrF %.2f,"
                    + " perplexity %.3f", bleu.score(), sacreBleu.score(), chrf.score(), perplexity));
            lines.add(String.format("  brevity penalty %.3f, length ratio %.3f, search: beam %d, length penalty %.2f,"
                            + " %d cut at decode.maxLength", bleu.brevityPenalty(), bleu.lengthRatio(),
                    search.beamSize(), search.lengthPenalty(), unfinished));
            lines.addAll(MetricsOutput.whereLines(metricsPath, historyPath));
            return lines;
        }

        /** The flat metrics of the history table and {@code metrics.json}. */
        @Override
        public Map<String, Double> metrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("bleu", bleu.score());
            m.put("sacrebleu", sacreBleu.score());
            m.put("chrf", chrf.score());
            m.put("perplexity", perplexity);
            m.put("brevity_penalty", bleu.brevityPenalty());
            m.put("length_ratio", bleu.lengthRatio());
            return m;
        }
    }

    private EvaluateTranslator() {
    }

    public static Report run(SparkSession spark, TranslationTaskConfig cfg, boolean overwrite) {
        return InferenceStep.run(spark, InferenceStep.Settings.evaluate(cfg), overwrite,
                TranslatorModel::load, step -> {
            TranslatorModel model = step.model();
            // the reading of the files is this run's (input.*, languages); tokenization and vocabularies are
            // the model's
            TranslationTaskConfig trained = model.trainedWith();
            String testPath = step.input();
            JavaRDD<TranslationData.Encoded> encoded = TranslationData.encode(TranslationData.read(step.sc(),
                    cfg, testPath), model.encoder()).persist(StorageLevel.MEMORY_AND_DISK());
            SplitCounts counts = TranslationData.counts(encoded, testPath);
            if (counts.written() == 0) {
                throw new SeqPipeException("paths.test " + testPath + " has no usable pairs: "
                        + counts.describe("test"));
            }
            TranslationTokenizer targetTokenizer = trained.target().tokenizer();
            JavaRDD<TranslationScoring.TestPair> pairs = encoded.filter(TranslationData.Encoded::kept)
                    .map(e -> new TranslationScoring.TestPair(e.pair().line(), e.pair().source(),
                            e.pair().target(), targetTokenizer.tokenize(e.pair().target()),
                            e.outcome().pair()));
            TranslationScoring.Partial total;
            try (BroadcastModel network = BroadcastModel.of(step.sc(), model.directory().weights())) {
                total = evaluate(pairs, network, model.encoder(), cfg.search(), cfg.decodeBatchSize(),
                        cfg.evaluateExamples());
            }
            step.writeRejects(TranslationData.rejectRows(encoded, "test"));
            encoded.unpersist(false);

            Report report = new Report(UUID.randomUUID().toString(), trained.task(),
                    model.directory().path().toString(), step.qualify(testPath), counts,
                    TranslationScoring.BLEU.score(total.bleu()),
                    TranslationScoring.SACREBLEU.score(total.sacreBleu()),
                    TranslationScoring.CHRF.score(total.chrf()), Math.exp(total.nll() / total.targetTokens()),
                    total.targetTokens(), total.unfinished(), cfg.search(), total.examples(), step.target(),
                    step.qualify(cfg.paths().metricsHistory()));
            step.commitMetrics(new MetricsOutput.Run(report.runId(), report.task(), report.dataset(),
                    report.historyPath()), report, details(report, trained),
                    reportSections(report, total.bleuByLength()));
            return report;
        });
    }

    /** Translates and scores {@code pairs} on the executors; the partials are summed on the driver. */
    static TranslationScoring.Partial evaluate(JavaRDD<TranslationScoring.TestPair> pairs, BroadcastModel network,
                                               PairEncoder encoder, SearchSettings search, int batchSize,
                                               int examples) {
        TranslatorAdapter adapter = TranslatorAdapter.decodingAndLikelihood(search, encoder.targetVocabulary().size());
        return network.predict(pairs, adapter.on(TranslationScoring.TestPair::encoded), batchSize).aggregate(
                TranslationScoring.Partial.empty(),
                (partial, p) -> partial.merge(TranslationScoring.Partial.of(p.input(), p.output(), encoder), examples),
                (a, b) -> a.merge(b, examples));
    }

    /**
     * The per-epoch validator of training: perplexity, {@code exp(summed NLL / target tokens incl. </s>)}, computed on
     * the executors (lower is better).
     */
    static ParameterAveragingTrainer.Validator perplexityValidator(JavaSparkContext sc, JavaRDD<EncodedPair> data,
                                                                   int vocabulary, int batchSize) {
        return new ParameterAveragingTrainer.Validator() {
            @Override
            public double score(ComputationGraph network) {
                try (BroadcastModel model = BroadcastModel.of(sc, network)) {
                    double[] sums = model.predict(data, TranslatorAdapter.likelihood(vocabulary), batchSize)
                            .aggregate(new double[2], (sum, p) -> {
                                sum[0] += p.output().negativeLogLikelihood();
                                sum[1] += p.input().decoderOutput().length;
                                return sum;
                            }, (a, b) -> new double[]{a[0] + b[0], a[1] + b[1]});
                    return sums[1] == 0 ? Double.NaN : Math.exp(sums[0] / sums[1]);
                }
            }

            @Override
            public String metricName() {
                return "perplexity";
            }

            @Override
            public boolean higherIsBetter() {
                return false;
            }
        };
    }

    /** The ids of report.html's chart and tables. */
    static final String BLEU_BY_LENGTH_ID = "bleu-by-length";
    static final String EXAMPLES_ID = "sample-translations";

    /**
     * The sections of report.html beside the common ones: corpus BLEU per reference-length bucket
     * ({@link LengthBuckets}) and the sample translations of metrics.json's {@code examples}.
     */
    static ReportSections reportSections(Report r, Map<Integer, BleuStatistics> bleuByLength) {
        return page -> {
            page.heading("BLEU by sentence length");
            Map<String, Double> bleu = new LinkedHashMap<>();
            List<List<String>> rows = new ArrayList<>();
            bleuByLength.forEach((bucket, stats) -> {
                BleuScore score = TranslationScoring.BLEU.score(stats);
                bleu.put(LengthBuckets.label(bucket), score.score());
                rows.add(List.of(LengthBuckets.label(bucket), Long.toString(stats.sentences()),
                        ReportPage.number(score.score()), ReportPage.number(score.brevityPenalty())));
            });
            page.chart(BLEU_BY_LENGTH_ID, "Corpus BLEU of the test pairs grouped by reference length in tokens",
                    Charts.bars("BLEU by reference length", "reference tokens", "BLEU", Map.of("BLEU", bleu),
                            null, false), 800, 360);
            page.table(BLEU_BY_LENGTH_ID + "-table", List.of("reference tokens", "sentences", "BLEU",
                    "brevity penalty"), rows);
            page.note("Corpus BLEU-4 (HuggingFace evaluate's definition, as the metrics above) of the pairs in each"
                    + " bucket; a bucket of few sentences gives a noisy number.");
            page.heading("Sample translations");
            List<List<String>> examples = new ArrayList<>();
            r.examples().forEach(e -> examples.add(List.of(Long.toString(e.line()), e.source(), e.reference(),
                    e.hypothesis())));
            page.table(EXAMPLES_ID, List.of("line", "source", "reference", "translation"), examples);
        };
    }

    /** The sections of metrics.json beside the common ones ({@link MetricsOutput}). */
    static Map<String, Object> details(Report r, TranslationTaskConfig trained) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", r.input());
        m.put("definitions", Map.of(
                "tokens", "the model's target tokenizer: " + trained.target().tokenizer(),
                "bleu", "corpus BLEU-4 x 100, HuggingFace evaluate 'bleu' (no smoothing, shortest reference length)"
                        + " on those tokens",
                "sacrebleu", "sacreBLEU 2.x corpus BLEU (13a, exp smoothing) on those tokens joined by spaces",
                "chrf", "chrF (character n-grams up to 6, beta = 2), sacreBLEU's definition, on the same text",
                "perplexity", "exp(negative log-likelihood per reference token incl. </s>), teacher-forced"));
        m.put("bleuDetail", Map.of("precisions", r.bleu().precisions(), "brevityPenalty", r.bleu().brevityPenalty(),
                "hypothesisLength", r.bleu().statistics().hypLength(), "referenceLength",
                r.bleu().statistics().refLength()));
        m.put("targetTokens", r.targetTokens());
        m.put("unfinished", r.unfinished());
        m.put("search", r.search());
        m.put("examples", r.examples());
        return m;
    }
}
