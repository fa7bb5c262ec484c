package io.seqpipe.tasks.lm;

import io.seqpipe.SeqPipeException;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.lm.CutSequence;
import io.seqpipe.lm.LmSplit;
import io.seqpipe.lm.LmUnit;
import io.seqpipe.lm.Segments;
import io.seqpipe.lm.StreamChunks;
import io.seqpipe.lm.baseline.CrossEntropy;
import io.seqpipe.lm.baseline.NgramBaseline;
import io.seqpipe.lm.baseline.NgramCounts;
import io.seqpipe.lm.baseline.NgramLanguageModel;
import io.seqpipe.provenance.ModelDirectory;
import io.seqpipe.report.Charts;
import io.seqpipe.report.ReportPage;
import io.seqpipe.report.ReportSections;
import io.seqpipe.spark.BroadcastModel;
import io.seqpipe.tasks.EvaluationReport;
import io.seqpipe.tasks.InferenceStep;
import io.seqpipe.tasks.MetricsOutput;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code evaluate} for language models: the cross-entropy of the saved network on a whole held-out stream that
 * prepare wrote ({@code evaluate.split}: {@code test-stream/}, else {@code validation-stream/} in
 * {@code paths.prepared}), in nats per unit, its perplexity, and bits per character for {@code lm.unit = char};
 * beside it the n-gram baselines (add-one unigram, add-one bigram, interpolated Kneser–Ney bigram) fitted on the
 * counts of the prepared training split and scored on the same targets, each with a {@code beats.<baseline>} flag.
 * Writes {@code metrics.json} (and an empty {@code rejects/}) to {@code paths.metrics}, atomically, then appends to the
 * metrics history.
 *
 * <p>The state is carried, not reset per window: every target {@code 1 .. n - 1} of the stream is predicted once, in
 * chunks of {@code evaluate.chunkLength} targets ({@link StreamChunks}). A chunk starts from a zero recurrent state and
 * is read in consecutive segments of {@code evaluate.segmentLength} steps with {@code rnnTimeStep}, the state carried
 * from one segment to the next; the state is reset only at a chunk's start. The chunk is the unit of distribution: one
 * task evaluates one whole chunk, the per-chunk sums are collected and added on the driver in chunk order, so the
 * numbers do not depend on how the stream or the chunks are partitioned, and equal a single-JVM evaluation with the
 * same chunking.
 */
public final class EvaluateLm {
    /** The baselines evaluate reports, in this order. */
    static final List<NgramBaseline> BASELINES = List.of(NgramBaseline.UNIGRAM_ADD_ONE, NgramBaseline.BIGRAM_ADD_ONE,
            NgramBaseline.BIGRAM_KNESER_NEY);

    /**
     * What evaluate computed and wrote; {@link #lines()} is its console summary.
     *
     * @param split     the held-out stream evaluated ({@code validation} or {@code test})
     * @param network   the network's summed nats over the stream's targets
     * @param baselines each baseline's summed nats over the same targets
     */
    public record Report(String runId, String task, String model, String dataset, String split, LmUnit unit,
                         long chunks, int chunkLength, int segmentLength, CrossEntropy network,
                         Map<NgramBaseline, CrossEntropy> baselines, String metricsPath, String historyPath)
            implements EvaluationReport {
        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("evaluate: model " + model);
            lines.add(String.format(Locale.ROOT, "  %s stream: %d targets in %d chunks of up to %d (segments of %d,"
                    + " state carried within a chunk)", split, network.tokens(), chunks, chunkLength, segmentLength));
            lines.add(String.format(Locale.ROOT, "  cross-entropy %.4f nats/unit, perplexity %.3f%s",
                    network.natsPerToken(), network.perplexity(), unit == LmUnit.CHAR
                            ? String.format(Locale.ROOT, ", %.4f bits/char", network.bitsPerToken()) : ""));
            for (Map.Entry<NgramBaseline, CrossEntropy> b : baselines.entrySet()) {
                lines.add(String.format(Locale.ROOT, "  baseline %s: %.4f nats/unit, perplexity %.3f%s",
                        b.getKey().metricName(), b.getValue().natsPerToken(), b.getValue().perplexity(),
                        beats(b.getKey()) ? " (beaten)" : " (not beaten)"));
            }
            lines.addAll(MetricsOutput.whereLines(metricsPath, historyPath));
            return lines;
        }

        /** Whether the network's cross-entropy is below {@code baseline}'s. */
        public boolean beats(NgramBaseline baseline) {
            return network.natsPerToken() < baselines.get(baseline).natsPerToken();
        }

        /** The flat metrics of the history table and {@code metrics.json}. */
        @Override
        public Map<String, Double> metrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("crossEntropy", network.natsPerToken());
            m.put("perplexity", network.perplexity());
            if (unit == LmUnit.CHAR) {
                m.put("bitsPerCharacter", network.bitsPerToken());
            }
            for (Map.Entry<NgramBaseline, CrossEntropy> b : baselines.entrySet()) {
                String name = "baseline." + b.getKey().metricName();
                m.put(name + ".crossEntropy", b.getValue().natsPerToken());
                m.put(name + ".perplexity", b.getValue().perplexity());
            }
            return m;
        }
    }

    /**
     * One chunk's sums: the network's nats and each baseline's ({@link #BASELINES} order) over its targets.
     */
    record ChunkLoss(long index, long targets, double nats, double[] baselineNats) implements Serializable {
    }

    private EvaluateLm() {
    }

    public static Report run(SparkSession spark, LmTaskConfig cfg, boolean overwrite) {
        return run(spark, cfg, overwrite, 0);
    }

    /** @param partitions the partitions the chunks are spread over; 0 = up to Spark's default parallelism */
    static Report run(SparkSession spark, LmTaskConfig cfg, boolean overwrite, int partitions) {
        InferenceStep.Settings settings = new InferenceStep.Settings(cfg.paths().prepared(), "paths.prepared",
                "evaluate", cfg.paths().model(), cfg.paths().metrics(), cfg.resolved());
        return InferenceStep.run(spark, settings, overwrite, LmModel::load, step -> {
            LmModel model = step.model();
            String prepared = step.input();
            requireSameVocabulary(step, prepared, model);
            String split = heldOutSplit(step, prepared, cfg.evaluate().split());
            String streamPath = new Path(prepared, split + LmData.STREAM_SUFFIX).toString();
            JavaRDD<UnitPiece> pieces = pieces(spark, streamPath, split).persist(StorageLevel.MEMORY_AND_DISK());
            long n = pieces.map(p -> (long) p.units().length).fold(0L, Long::sum);
            StreamChunks chunks = new StreamChunks(n, cfg.evaluate().chunkLength(), cfg.evaluate().segmentLength());
            if (chunks.targetCount() == 0) {
                pieces.unpersist(false);
                throw new SeqPipeException("the " + split + " stream of paths.prepared " + prepared + " has " + n
                        + " units: nothing to evaluate (at least 2 are needed)");
            }
            NgramCounts counts = trainCounts(spark, new Path(prepared, LmSplit.TRAIN).toString(),
                    model.vocabulary().size());
            List<NgramLanguageModel> baselines = BASELINES.stream().map(b -> b.fit(counts)).toList();
            int parallelism = partitions > 0 ? partitions
                    : (int) Math.max(1, Math.min(step.sc().defaultParallelism(), chunks.count()));
            List<ChunkLoss> losses;
            Broadcast<List<NgramLanguageModel>> fitted = step.sc().broadcast(baselines);
            try (BroadcastModel network = BroadcastModel.of(step.sc(), model.directory().weights())) {
                losses = evaluate(chunked(pieces, chunks, parallelism), network, fitted, chunks.segmentLength())
                        .collect();
            } finally {
                fitted.destroy();
                pieces.unpersist(false);
            }
            CrossEntropy total = CrossEntropy.EMPTY;
            double[] baselineNats = new double[BASELINES.size()];
            for (ChunkLoss c : losses.stream().sorted(Comparator.comparingLong(ChunkLoss::index)).toList()) {
                total = total.plus(new CrossEntropy(c.targets(), c.nats()));
                for (int b = 0; b < baselineNats.length; b++) {
                    baselineNats[b] += c.baselineNats()[b];
                }
            }
            if (losses.size() != chunks.count() || total.tokens() != chunks.targetCount()) {
                throw new IllegalStateException("evaluated " + losses.size() + " chunks with " + total.tokens()
                        + " targets, expected " + chunks.count() + " with " + chunks.targetCount());
            }
            if (!Double.isFinite(total.totalNats())) {
                throw new SeqPipeException("the network's outputs on the " + split + " stream are not numbers"
                        + " (model " + model.directory().path() + ")");
            }
            Map<NgramBaseline, CrossEntropy> baselineEntropy = new LinkedHashMap<>();
            for (int b = 0; b < baselineNats.length; b++) {
                baselineEntropy.put(BASELINES.get(b), new CrossEntropy(total.tokens(), baselineNats[b]));
            }
            step.writeRejects(step.sc().emptyRDD());
            Report report = new Report(UUID.randomUUID().toString(), model.trainedWith().task(),
                    model.directory().path().toString(), step.qualify(streamPath), split,
                    model.trainedWith().data().unit(), chunks.count(), chunks.length(), chunks.segmentLength(),
                    total, baselineEntropy, step.target(), step.qualify(cfg.paths().metricsHistory()));
            step.commitMetrics(new MetricsOutput.Run(report.runId(), report.task(), report.dataset(),
                    report.historyPath()), report, details(report), reportSections(report));
            return report;
        });
    }

    /** The ids of report.html's chart and table. */
    static final String BASELINES_ID = "perplexity-vs-baselines";

    /**
     * The sections of report.html beside the common ones: the network against the n-gram baselines (cross-entropy
     * chart and a table with perplexity, bits per character and whether each baseline is beaten).
     */
    static ReportSections reportSections(Report r) {
        return page -> {
            page.heading("The network against the n-gram baselines (" + r.split() + " stream)");
            Map<String, Double> nats = new LinkedHashMap<>();
            nats.put("network", r.network().natsPerToken());
            List<List<String>> rows = new ArrayList<>();
            rows.add(baselineRow("network", r.network(), r.unit(), "-"));
            for (Map.Entry<NgramBaseline, CrossEntropy> b : r.baselines().entrySet()) {
                nats.put(b.getKey().metricName(), b.getValue().natsPerToken());
                rows.add(baselineRow(b.getKey().metricName(), b.getValue(), r.unit(),
                        r.beats(b.getKey()) ? "yes" : "no"));
            }
            page.chart(BASELINES_ID, "Cross-entropy of the network and of each n-gram baseline on the same targets",
                    Charts.bars("Cross-entropy on the " + r.split() + " stream (lower is better)", "model",
                            "nats per " + r.unit().name().toLowerCase(Locale.ROOT), Map.of("cross-entropy", nats),
                            null, false), 700, 360);
            List<String> header = new ArrayList<>(List.of("model", "nats/unit", "perplexity"));
            if (r.unit() == LmUnit.CHAR) {
                header.add("bits/char");
            }
            header.add("beaten by the network");
            page.table(BASELINES_ID + "-table", header, rows);
            page.note(r.network().tokens() + " targets, state carried within chunks of up to " + r.chunkLength()
                    + ". evaluate does not sample text; `score` samples text from the model (generate.*).");
        };
    }

    private static List<String> baselineRow(String name, CrossEntropy c, LmUnit unit, String beaten) {
        List<String> row = new ArrayList<>(List.of(name, ReportPage.number(c.natsPerToken()),
                ReportPage.number(c.perplexity())));
        if (unit == LmUnit.CHAR) {
            row.add(ReportPage.number(c.bitsPerToken()));
        }
        row.add(beaten);
        return row;
    }

    /** The prepared data must be encoded with the model's vocabulary. */
    private static void requireSameVocabulary(InferenceStep<LmModel> step, String prepared, LmModel model) {
        Path file = new Path(prepared, PrepareLmData.VOCABULARY_FILE);
        if (!HadoopFiles.exists(file, step.hadoop())) {
            throw new SeqPipeException("paths.prepared " + prepared + " has no " + PrepareLmData.VOCABULARY_FILE
                    + " (run prepare first)");
        }
        if (!HadoopFiles.readLines(file, step.hadoop()).equals(model.vocabulary().toLines())) {
            throw new SeqPipeException("paths.prepared " + prepared + " was prepared with another vocabulary than the"
                    + " model at " + model.directory().path() + " (their " + ModelDirectory.VOCABULARY + " differ)");
        }
    }

    /** The stream {@code evaluate.split} names; auto: test when prepare wrote one of at least 2 units. */
    private static String heldOutSplit(InferenceStep<LmModel> step, String prepared,
                                       LmTaskConfig.EvaluateSplit split) {
        String chosen = switch (split) {
            case VALIDATION -> LmSplit.VALIDATION;
            case TEST -> LmSplit.TEST;
            case AUTO -> {
                Path test = new Path(prepared, LmSplit.TEST + LmData.STREAM_SUFFIX);
                yield HadoopFiles.exists(test, step.hadoop()) && pieces(step.spark(), test.toString(), LmSplit.TEST)
                        .map(p -> (long) p.units().length).fold(0L, Long::sum) >= 2 ? LmSplit.TEST
                        : LmSplit.VALIDATION;
            }
        };
        if (!HadoopFiles.exists(new Path(prepared, chosen + LmData.STREAM_SUFFIX), step.hadoop())) {
            throw new SeqPipeException("paths.prepared " + prepared + " has no " + chosen + LmData.STREAM_SUFFIX
                    + "/ for evaluate.split = " + split.name().toLowerCase(Locale.ROOT) + " (run prepare first)");
        }
        return chosen;
    }

    /** A held-out stream's pieces as prepare wrote them ({@link LmData#STREAM}). */
    static JavaRDD<UnitPiece> pieces(SparkSession spark, String path, String split) {
        return spark.read().parquet(path).toJavaRDD().map(r -> new UnitPiece(split, r.getLong(0), ints(r.getList(1))));
    }

    /**
     * The unigram and bigram counts of the training split's stream, from its prepared sequences: each sequence adds
     * the targets it counts (every stream offset from 1 once) with the input before each as its context, and the
     * first sequence adds the stream's first unit.
     */
    static NgramCounts trainCounts(SparkSession spark, String trainPath, int vocabularySize) {
        return spark.read().parquet(trainPath).toJavaRDD().map(LmData::sequence)
                .aggregate(new NgramCounts(vocabularySize), EvaluateLm::observe, NgramCounts::merge);
    }

    private static NgramCounts observe(NgramCounts counts, CutSequence s) {
        int from = s.firstCountedStep();
        int to = s.validSteps();
        if (s.start() == 0 && from == 0 && to > 0) {
            counts.observe(new int[]{s.inputs()[0]});
        }
        if (to > from) {
            counts.observe(Arrays.copyOfRange(s.targets(), from, to), s.inputs()[from]);
        }
        return counts;
    }

    /** Each chunk's units, whole, keyed by its index, spread over {@code partitions}. */
    static JavaRDD<Tuple2<Long, int[]>> chunked(JavaRDD<UnitPiece> pieces, StreamChunks chunks, int partitions) {
        return pieces.flatMapToPair(p -> {
            List<Tuple2<Long, UnitPiece>> out = new ArrayList<>();
            for (long c = chunks.firstChunkReading(p.start()); c < chunks.count() && chunks.start(c) < p.end(); c++) {
                UnitPiece part = p.within(chunks.start(c), chunks.end(c));
                if (part != null) {
                    out.add(new Tuple2<>(c, part));
                }
            }
            return out.iterator();
        }).groupByKey(partitions).map(g -> new Tuple2<>(g._1(), assemble(chunks, g._1(), g._2())));
    }

    private static int[] assemble(StreamChunks chunks, long index, Iterable<UnitPiece> parts) {
        List<UnitPiece> sorted = new ArrayList<>();
        parts.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(UnitPiece::start));
        long start = chunks.start(index);
        int[] units = new int[(int) (chunks.end(index) - start)];
        long next = start;
        for (UnitPiece p : sorted) {
            if (p.start() != next) {
                throw new IllegalStateException("chunk " + index + " has a gap or overlap at offset " + next);
            }
            System.arraycopy(p.units(), 0, units, (int) (p.start() - start), p.units().length);
            next = p.end();
        }
        if (next != chunks.end(index)) {
            throw new IllegalStateException("chunk " + index + " ends at " + next + ", expected " + chunks.end(index));
        }
        return units;
    }

    /** Each chunk's sums, one chunk per call, the network restored once per partition. */
    static JavaRDD<ChunkLoss> evaluate(JavaRDD<Tuple2<Long, int[]>> chunks, BroadcastModel network,
                                       Broadcast<List<NgramLanguageModel>> baselines, int segmentLength) {
        return chunks.mapPartitions(it -> {
            if (!it.hasNext()) {
                return Collections.emptyIterator();
            }
            ComputationGraph net = network.restore();
            List<NgramLanguageModel> models = baselines.value();
            List<ChunkLoss> out = new ArrayList<>();
            while (it.hasNext()) {
                Tuple2<Long, int[]> chunk = it.next();
                int[] units = chunk._2();
                double[] baselineNats = new double[models.size()];
                int[] targets = Arrays.copyOfRange(units, 1, units.length);
                for (int b = 0; b < baselineNats.length; b++) {
                    baselineNats[b] = models.get(b).crossEntropy(targets, units[0]).totalNats();
                }
                out.add(new ChunkLoss(chunk._1(), targets.length, carriedStateNats(net, units, segmentLength),
                        baselineNats));
            }
            return out.iterator();
        });
    }

    /**
     * The summed negative log-likelihood of {@code units[1..]}, each predicted from the units before it in this
     * chunk ({@link #carriedStateLogProbs}).
     */
    static double carriedStateNats(ComputationGraph net, int[] units, int segmentLength) {
        double nats = 0;
        for (double logProb : carriedStateLogProbs(net, units, segmentLength)) {
            nats -= logProb;
        }
        return nats;
    }

    /**
     * The natural-log probability of each of {@code units[1..]}, predicted from the units before it: from a zero
     * state, segment after segment of {@code segmentLength} steps with {@code rnnTimeStep}, the state carried across
     * segments. A probability that underflows counts as {@link Double#MIN_NORMAL}. Clears the network's state after.
     */
    static double[] carriedStateLogProbs(ComputationGraph net, int[] units, int segmentLength) {
        net.rnnClearPreviousState();
        double[] logProbs = new double[Math.max(0, units.length - 1)];
        int next = 0;
        for (CutSequence s : new Segments(units.length, segmentLength).cut(units)) {
            int steps = s.validSteps();
            float[] ids = new float[steps];
            for (int t = 0; t < steps; t++) {
                ids[t] = s.inputs()[t];
            }
            INDArray probabilities = net.rnnTimeStep(Nd4j.create(ids, new long[]{1, 1, steps}, 'c'))[0];
            for (int t = 0; t < steps; t++) {
                double p = probabilities.rank() == 2 ? probabilities.getDouble(0, s.targets()[t])
                        : probabilities.getDouble(0, s.targets()[t], t);
                logProbs[next++] = Math.log(Math.max(p, Double.MIN_NORMAL));
            }
        }
        net.rnnClearPreviousState();
        if (next != logProbs.length) {
            throw new IllegalStateException("predicted " + next + " of " + logProbs.length + " targets");
        }
        return logProbs;
    }

    private static int[] ints(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    /** The sections of metrics.json beside the common ones ({@link MetricsOutput}). */
    static Map<String, Object> details(Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put("split", r.split());
        evaluation.put("unit", r.unit().name().toLowerCase(Locale.ROOT));
        evaluation.put("targets", r.network().tokens());
        evaluation.put("chunks", r.chunks());
        evaluation.put("chunkLength", r.chunkLength());
        evaluation.put("segmentLength", r.segmentLength());
        evaluation.put("state", "zero at each chunk's start, carried across the segments of a chunk");
        m.put("evaluation", evaluation);
        Map<String, Object> baselines = new LinkedHashMap<>();
        Map<String, Object> beats = new LinkedHashMap<>();
        for (Map.Entry<NgramBaseline, CrossEntropy> b : r.baselines().entrySet()) {
            baselines.put(b.getKey().metricName(), Map.of("crossEntropy", b.getValue().natsPerToken(),
                    "perplexity", b.getValue().perplexity()));
            beats.put(b.getKey().metricName(), r.beats(b.getKey()));
        }
        m.put("baselines", baselines);
        m.put("beats", beats);
        m.put("definitions", Map.of(
                "crossEntropy", "nats per predicted unit: -sum ln p(unit | the units before it in its chunk) / targets",
                "perplexity", "exp(crossEntropy)",
                "bitsPerCharacter", "crossEntropy / ln 2 (lm.unit = char)",
                "baselines", "n-gram models fitted on the prepared training split's units, scored on the same"
                        + " targets, each unit from the one before it"));
        return m;
    }
}
