package io.seqpipe.tasks.lm;

import io.seqpipe.SeqPipeException;
import io.seqpipe.inference.InferenceAdapter.SerializableFunction;
import io.seqpipe.inference.Prediction;
import io.seqpipe.lm.LmVocabulary;
import io.seqpipe.lm.UnitTokenizer;
import io.seqpipe.spark.BroadcastModel;
import io.seqpipe.spark.RejectsOutput;
import io.seqpipe.spark.SchemaNotation;
import io.seqpipe.tasks.InferenceStep;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.text.Vocabulary;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code score} with {@code score.mode = likelihood}: the log-likelihood and perplexity of every document of
 * {@code paths.score} under the saved network, written as {@code predictions/} (Parquet) to {@code paths.predictions},
 * atomically. Documents are read as prepare reads a corpus ({@code input.documents}, {@code input.charset}: one per
 * line or one per file), tokenized into units as the training text was (a unit outside the vocabulary is
 * {@code <unk>}, and counted). Undecodable lines and documents without units go to {@code rejects/} with their file
 * and line, and are counted.
 *
 * <p>Each document is read as it would follow a document boundary in the training stream: the network starts from a
 * zero state with the boundary unit as its first input, then predicts every unit of the document from the units
 * before it, the state carried across segments of {@code evaluate.segmentLength} steps (the same computation as
 * {@code evaluate}). The boundary after the document is not a target, so a model trained on one long document scores
 * as fairly as one trained on many. Each row: {@code source} (its file), {@code line} (its 1-based line for one
 * document per line, 0 for a whole file), {@code text}, {@code units} (the targets), {@code unknown_units},
 * {@code log_likelihood} (nats, the sum over the units), {@code cross_entropy} (nats per unit), {@code perplexity}
 * and {@code log_probs} (each unit's natural-log probability, in order).
 */
public final class ScoreLmLikelihood {
    static final StructType SCHEMA = SchemaNotation.parse("""
            source STRING NOT NULL, line BIGINT NOT NULL, text STRING NOT NULL, units INT NOT NULL,
            unknown_units INT NOT NULL, log_likelihood DOUBLE NOT NULL, cross_entropy DOUBLE NOT NULL,
            perplexity DOUBLE NOT NULL, log_probs ARRAY<DOUBLE NOT NULL> NOT NULL""");

    /**
     * What likelihood scoring wrote; {@link #lines()} is its console summary.
     *
     * @param units        the targets over every scored document
     * @param crossEntropy nats per unit over every scored document (their log-likelihoods summed, over
     *                     {@code units})
     */
    record Summary(String output, String model, SplitCounts input, long units, double crossEntropy)
            implements JobReport {
        @Override
        public List<String> lines() {
            return List.of("score: wrote " + output + "/predictions",
                    "  " + input.describe("score").replace("read", "documents read"),
                    String.format("  %d units scored: cross-entropy %.4f nats/unit, perplexity %.3f", units,
                            crossEntropy, Math.exp(crossEntropy)));
        }
    }

    /** One document's units, encoded. */
    record EncodedDocument(String source, long line, String text, int[] ids) implements Serializable {
    }

    private ScoreLmLikelihood() {
    }

    /** @param partitions the partitions the documents are spread over; 0 = as read */
    static Summary run(SparkSession spark, LmTaskConfig cfg, boolean overwrite, int partitions) {
        return InferenceStep.run(spark, InferenceStep.Settings.score(cfg), overwrite, LmModel::load, step -> {
            LmModel model = step.model();
            LmVocabulary vocabulary = model.vocabulary();
            DocumentParser parser = new DocumentParser(cfg.data().charset(),
                    model.trainedWith().data().unitTokenizer());
            JavaRDD<LmDocument> read = LmCorpus.read(step.sc(), step.input(), cfg.data().documents(), parser,
                    "paths.score");
            if (partitions > 0) {
                read = read.repartition(partitions);
            }
            read = read.persist(StorageLevel.MEMORY_AND_DISK());
            Map<String, Long> outcomes = new TreeMap<>(read.flatMap(d -> d.rejections().stream()
                    .map(r -> r.reason().code()).iterator()).countByValue());
            long kept = read.filter(LmDocument::kept).count();
            outcomes.put(SplitCounts.WRITTEN, kept);
            SplitCounts counts = SplitCounts.of(step.input(), outcomes);
            if (kept == 0) {
                read.unpersist(false);
                throw new SeqPipeException("paths.score " + step.input() + " has no documents to score: "
                        + counts.describe("score"));
            }
            UnitTokenizer tokenizer = model.trainedWith().data().unitTokenizer();
            JavaRDD<EncodedDocument> documents = read.filter(LmDocument::kept).map(d -> new EncodedDocument(
                    d.source(), d.line(), d.text(), vocabulary.encode(tokenizer.units(d.text()))));
            int segmentLength = cfg.evaluate().segmentLength();
            long units;
            double nats;
            try (BroadcastModel network = BroadcastModel.of(step.sc(), model.directory().weights())) {
                JavaRDD<Row> rows = likelihoods(documents, EncodedDocument::ids, network, segmentLength)
                        .map(p -> row(p.input(), p.output())).persist(StorageLevel.MEMORY_AND_DISK());
                Dataset<Row> predictions = spark.createDataFrame(rows, SCHEMA);
                step.writePredictions("predictions", predictions, cfg.outputFormats(), null, null);
                units = rows.map(r -> (long) r.getInt(3)).fold(0L, Long::sum);
                nats = -rows.map(r -> r.getDouble(5)).fold(0.0, Double::sum);
                step.writeRejects(read.flatMap(d -> d.rejections().stream()
                        .map(r -> RejectsOutput.row("score", r)).iterator()));
                rows.unpersist(false);
                read.unpersist(false);
            }
            Summary summary = new Summary(step.target(), model.directory().path().toString(), counts, units,
                    nats / units);
            step.commitSummary(summary);
            return summary;
        });
    }

    /**
     * Scores texts with the saved language model at {@code modelPath} (loaded and checked as score loads it) on the
     * executors, as {@code score.mode = likelihood} does: the network broadcast once and restored once per
     * partition, each text tokenized into units as the training text was and read after the boundary from a zero
     * state, the state carried across segments of {@code segmentLength} steps. Each input comes back with its
     * likelihood, or null when its text is null, blank or has no units (what score rejects as {@code empty_text}).
     * The broadcast is left to Spark's cleaner, as the result is lazy: actions on it may run long after this returns.
     */
    public static <R> JavaRDD<Prediction<R, Likelihood>> documentLikelihoods(
            JavaSparkContext sc, String modelPath, JavaRDD<R> inputs, SerializableFunction<R, String> text,
            int segmentLength) {
        LmModel model = LmModel.load(modelPath, sc.hadoopConfiguration());
        LmVocabulary vocabulary = model.vocabulary();
        UnitTokenizer tokenizer = model.trainedWith().data().unitTokenizer();
        DocumentParser parser = new DocumentParser(model.trainedWith().data().charset(), tokenizer);
        JavaRDD<Tuple2<R, int[]>> encoded = inputs.map(r -> {
            String t = text.apply(r);
            return new Tuple2<>(r, t == null || !parser.parseText("", 0, t).kept() ? null
                    : vocabulary.encode(tokenizer.units(t)));
        });
        return likelihoods(encoded, Tuple2::_2, BroadcastModel.of(sc, model.directory().weights()), segmentLength)
                .map(p -> new Prediction<>(p.input()._1(), p.output()));
    }

    /**
     * One document's likelihood: its units read after the boundary from a zero state.
     *
     * @param units         the targets
     * @param unknownUnits  the targets outside the vocabulary (read as {@code <unk>})
     * @param logLikelihood nats, the sum of {@code logProbs}
     * @param crossEntropy  nats per unit
     * @param perplexity    {@code exp(crossEntropy)}
     * @param logProbs      each unit's natural-log probability, in order
     */
    public record Likelihood(int units, int unknownUnits, double logLikelihood, double crossEntropy,
                             double perplexity, double[] logProbs) implements Serializable {
    }

    /** Each input with the likelihood of its unit ids (null for null ids), the network restored once per partition. */
    private static <I> JavaRDD<Prediction<I, Likelihood>> likelihoods(JavaRDD<I> inputs,
                                                                     SerializableFunction<I, int[]> ids,
                                                                     BroadcastModel network, int segmentLength) {
        return inputs.mapPartitions(it -> {
            List<Prediction<I, Likelihood>> out = new ArrayList<>();
            ComputationGraph net = null;
            while (it.hasNext()) {
                I input = it.next();
                int[] units = ids.apply(input);
                if (units != null && net == null) {
                    net = network.restore();
                }
                out.add(new Prediction<>(input, units == null ? null : likelihood(net, units, segmentLength)));
            }
            return out.iterator();
        });
    }

    /** The likelihood of a document's unit ids, read after the boundary from a zero state, the state carried. */
    static Likelihood likelihood(ComputationGraph net, int[] ids, int segmentLength) {
        int[] units = new int[ids.length + 1];
        units[0] = LmVocabulary.BOUNDARY_ID;
        System.arraycopy(ids, 0, units, 1, ids.length);
        double[] logProbs = EvaluateLm.carriedStateLogProbs(net, units, segmentLength);
        double logLikelihood = 0;
        for (double lp : logProbs) {
            logLikelihood += lp;
        }
        int unknown = 0;
        for (int id : ids) {
            if (id == Vocabulary.UNK_ID) {
                unknown++;
            }
        }
        double crossEntropy = -logLikelihood / logProbs.length;
        return new Likelihood(logProbs.length, unknown, logLikelihood, crossEntropy, Math.exp(crossEntropy),
                logProbs);
    }

    /** One document's row of {@link #SCHEMA}. */
    static Row row(EncodedDocument d, Likelihood l) {
        return RowFactory.create(d.source(), d.line(), d.text(), l.units(), l.unknownUnits(), l.logLikelihood(),
                l.crossEntropy(), l.perplexity(), l.logProbs());
    }
}
