package io.seqpipe.tasks.translation;

import io.seqpipe.SeqPipeException;
import io.seqpipe.inference.ModelBytes;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.spark.MetricsHistory;
import io.seqpipe.spark.RejectsOutput;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.translation.PairEncoder;
import io.seqpipe.translation.TranslationTokenizer;
import io.seqpipe.translation.decode.SearchSettings;
import io.seqpipe.translation.metrics.BleuScore;
import io.seqpipe.translation.metrics.ChrfScore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.time.Instant;
import java.util.Iterator;
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

    /** What evaluate computed and wrote. */
    public record Report(String runId, String task, String model, String dataset, SplitCounts input, BleuScore bleu,
                         BleuScore sacreBleu, ChrfScore chrf, double perplexity, long targetTokens, long unfinished,
                         SearchSettings search, List<TranslationScoring.Example> examples, String metricsPath,
                         String historyPath) {
        /** The flat metrics of the history table and {@code metrics.json}. */
        Map<String, Double> flatten() {
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
        String testPath = TranslationTaskConfig.require(cfg.paths().test(), "paths.test", "evaluate");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        TranslatorModel model = TranslatorModel.load(cfg.paths().model(), hadoop);
        // the reading of the files is this run's (input.*, languages); tokenization and vocabularies are the model's
        TranslationTaskConfig trained = model.trainedWith();
        try (AtomicOutput out = AtomicOutput.begin(cfg.paths().metrics(), overwrite, hadoop)) {
            out.writeResolvedConfig(cfg.resolved());
            JavaRDD<TranslationData.Encoded> encoded = TranslationData.encode(TranslationData.read(sc, cfg, testPath),
                    model.encoder()).persist(StorageLevel.MEMORY_AND_DISK());
            SplitCounts counts = TranslationData.counts(encoded, testPath);
            if (counts.written() == 0) {
                throw new SeqPipeException("paths.test " + testPath + " has no usable pairs: "
                        + counts.describe("test"));
            }
            TranslationTokenizer targetTokenizer = trained.target().tokenizer();
            JavaRDD<TranslationScoring.TestPair> pairs = encoded.filter(TranslationData.Encoded::kept)
                    .map(e -> new TranslationScoring.TestPair(e.pair().line(), e.pair().source(), e.pair().target(),
                            targetTokenizer.tokenize(e.pair().target()), e.outcome().pair()));
            Broadcast<byte[]> weights = sc.broadcast(model.directory().weights());
            TranslationScoring.Partial total = evaluate(pairs, weights, model.encoder(), cfg.search(),
                    cfg.decodeBatchSize(), cfg.evaluateExamples());
            weights.destroy();
            RejectsOutput.write(spark, TranslationData.rejectRows(encoded, "test"), out.child("rejects"));
            encoded.unpersist(false);

            Report report = new Report(UUID.randomUUID().toString(), trained.task(),
                    model.directory().path().toString(), HadoopFiles.qualify(testPath, hadoop).toString(), counts,
                    TranslationScoring.BLEU.score(total.bleu()), TranslationScoring.SACREBLEU.score(total.sacreBleu()),
                    TranslationScoring.CHRF.score(total.chrf()), Math.exp(total.nll() / total.targetTokens()),
                    total.targetTokens(), total.unfinished(), cfg.search(), total.examples(),
                    out.target().toString(), HadoopFiles.qualify(cfg.paths().metricsHistory(), hadoop).toString());
            Json.writeReport(metricsJson(report, trained), new Path(out.path(), "metrics.json"), hadoop);
            out.commit();
            MetricsHistory.append(spark, report.historyPath(), report.runId(), report.task(), report.model(),
                    report.dataset(), report.flatten());
            return report;
        }
    }

    /** Translates and scores {@code pairs} on the executors; the partials are summed on the driver. */
    static TranslationScoring.Partial evaluate(JavaRDD<TranslationScoring.TestPair> pairs, Broadcast<byte[]> weights,
                                               PairEncoder encoder, SearchSettings search, int batchSize,
                                               int examples) {
        return pairs.mapPartitions((Iterator<TranslationScoring.TestPair> it) -> {
            TranslationScoring.Partial partial = TranslationScoring.Partial.empty();
            if (!it.hasNext()) {
                return List.of(partial).iterator();
            }
            ComputationGraph net = ModelBytes.restore(weights.value());
            LengthSortedBatches<TranslationScoring.TestPair> batches = new LengthSortedBatches<>(it, batchSize,
                    p -> p.encoded().source().length);
            while (batches.hasNext()) {
                partial = partial.merge(TranslationScoring.evaluate(net, encoder, batches.next(), search, examples),
                        examples);
            }
            return List.of(partial).iterator();
        }).reduce((a, b) -> a.merge(b, examples));
    }

    static Map<String, Object> metricsJson(Report r, TranslationTaskConfig trained) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", r.runId());
        m.put("task", r.task());
        m.put("model", r.model());
        m.put("dataset", r.dataset());
        m.put("time", Instant.now().toString());
        m.put("input", r.input());
        m.put("metrics", r.flatten());
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
