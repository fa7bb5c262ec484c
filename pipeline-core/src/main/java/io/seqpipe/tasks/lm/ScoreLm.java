package io.seqpipe.tasks.lm;

import io.seqpipe.SeqPipeException;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.lm.LmUnit;
import io.seqpipe.lm.LmVocabulary;
import io.seqpipe.lm.UnitTokenizer;
import io.seqpipe.lm.sampling.NextTokenSampler;
import io.seqpipe.lm.sampling.SamplingSettings;
import io.seqpipe.spark.BroadcastModel;
import io.seqpipe.spark.RejectsOutput;
import io.seqpipe.spark.SchemaNotation;
import io.seqpipe.tasks.InferenceStep;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.SplitCounts;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * {@code score} for language models: continues every line of {@code paths.score} (a prompt) with the saved network
 * and writes {@code predictions/} (Parquet) to {@code paths.predictions}, atomically. Blank lines go to
 * {@code rejects/} ({@code empty_text}, with their line numbers) and are counted.
 *
 * <p>A prompt is tokenized as the training text was (a unit outside the vocabulary is {@code <unk>}) and read step by
 * step with {@code rnnTimeStep} from a zero state; then each next unit is drawn from the network's softmax by
 * {@link NextTokenSampler} under {@code generate.*} and fed back, the state carried. One prompt at a time per network
 * ({@code rnnTimeStep} takes no mask, so prompts of different lengths are not batched). The generation ends at
 * {@code generate.stopSymbol}, at the document boundary, or after {@code generate.maxTokens} units. Each prompt draws
 * from {@link SamplingSettings#randomFor(long)} of its index in the input (from 0, over the files in order), so the same
 * seed gives the same text however the prompts are partitioned.
 *
 * {@code generate.samplesPerPrompt} continuations of a prompt are drawn one after the other from its stream.
 *
 * <p>Each row: {@code line} (its number in its file, from 1), {@code sample} (from 0), {@code prompt}, {@code generated} (the generated units
 * as text, without the stop symbol or boundary that ended it), {@code tokens} (the generated units, the ending one
 * included), {@code log_probs} (the network's own natural-log probability of each generated unit, at temperature 1
 * and unfiltered) and {@code finished} (false when cut at {@code generate.maxTokens}).
 */
public final class ScoreLm {
    static final StructType SCHEMA = SchemaNotation.parse("""
            line BIGINT NOT NULL, sample INT NOT NULL, prompt STRING NOT NULL, generated STRING NOT NULL,
            tokens ARRAY<STRING NOT NULL> NOT NULL, log_probs ARRAY<DOUBLE NOT NULL> NOT NULL,
            finished BOOLEAN NOT NULL""");

    /** What score wrote; {@link #lines()} is its console summary. */
    public record Summary(String output, String model, SplitCounts input, long unfinished) implements JobReport {
        @Override
        public List<String> lines() {
            return List.of("score: wrote " + output + "/predictions",
                    "  " + input.describe("score").replace("read", "lines read") + ", cut at generate.maxTokens "
                            + unfinished + (unfinished == 1 ? " generation" : " generations"));
        }
    }

    /**
     * One line of the input.
     *
     * @param index its position over all the input's lines, from 0 (its random stream)
     * @param line  its number in its file, from 1
     */
    record Prompt(String file, long line, long index, String text, int[] ids) implements Serializable {
    }

    /** One prompt's continuation. */
    record Generation(List<String> tokens, double[] logProbs, boolean finished) {
    }

    private ScoreLm() {
    }

    /**
     * {@code score}: generation ({@code score.mode = generate}, this class) or the likelihood of each document
     * ({@code score.mode = likelihood}, {@link ScoreLmLikelihood}).
     */
    public static JobReport run(SparkSession spark, LmTaskConfig cfg, boolean overwrite) {
        return cfg.scoreMode() == LmTaskConfig.ScoreMode.LIKELIHOOD ? ScoreLmLikelihood.run(spark, cfg, overwrite, 0)
                : generate(spark, cfg, overwrite, 0);
    }

    /** Generation; @param partitions the partitions the prompts are spread over; 0 = as read */
    static Summary generate(SparkSession spark, LmTaskConfig cfg, boolean overwrite, int partitions) {
        SamplingSettings sampling = cfg.generate();
        int samplesPerPrompt = cfg.samplesPerPrompt();
        return InferenceStep.run(spark, InferenceStep.Settings.score(cfg), overwrite, LmModel::load, step -> {
            LmModel model = step.model();
            LmVocabulary vocabulary = model.vocabulary();
            int stopId = stopId(sampling, vocabulary);
            UnitTokenizer tokenizer = model.trainedWith().data().unitTokenizer();
            String input = step.input();
            JavaRDD<Line> texts = null;
            for (Path file : HadoopFiles.inputFiles(input, step.hadoop(), "paths.score")) {
                String name = file.toString();
                JavaRDD<Line> lines = step.sc().textFile(name).zipWithIndex()
                        .map(t -> new Line(name, t._2() + 1, t._1()));
                texts = texts == null ? lines : texts.union(lines);
            }
            JavaRDD<Prompt> all = texts.zipWithIndex().map(t -> {
                List<String> units = t._1().text().isBlank() ? List.of() : tokenizer.units(t._1().text());
                return new Prompt(t._1().file(), t._1().line(), t._2(), t._1().text(), vocabulary.encode(units));
            });
            if (partitions > 0) {
                all = all.repartition(partitions);
            }
            all = all.persist(StorageLevel.MEMORY_AND_DISK());
            JavaRDD<Prompt> prompts = all.filter(p -> p.ids().length > 0);
            JavaRDD<Row> rejects = all.filter(p -> p.ids().length == 0).map(p -> RejectsOutput.row("score",
                    new Rejection(p.file(), p.line(), RejectReason.EMPTY_TEXT, "the line has no units", p.text())));
            long written = prompts.count();
            long blank = all.count() - written;
            SplitCounts counts = SplitCounts.of(input, blank == 0 ? Map.of(SplitCounts.WRITTEN, written)
                    : Map.of(SplitCounts.WRITTEN, written, RejectReason.EMPTY_TEXT.code(), blank));
            if (written == 0) {
                throw new SeqPipeException("paths.score " + input + " has no prompts to continue: "
                        + counts.describe("score"));
            }
            String separator = tokenizer.unit() == LmUnit.CHAR ? "" : " ";
            long unfinished;
            try (BroadcastModel network = BroadcastModel.of(step.sc(), model.directory().weights())) {
                NextTokenSampler sampler = new NextTokenSampler(sampling);
                JavaRDD<Row> rows = prompts.mapPartitions(it -> {
                    List<Row> out = new ArrayList<>();
                    ComputationGraph net = it.hasNext() ? network.restore() : null;
                    while (it.hasNext()) {
                        Prompt p = it.next();
                        RandomGenerator random = sampling.randomFor(p.index());
                        for (int sample = 0; sample < samplesPerPrompt; sample++) {
                            Generation g = generate(net, p.ids(), sampler, sampling.maxTokens(), stopId, random,
                                    vocabulary);
                            List<String> text = g.finished() ? g.tokens().subList(0, g.tokens().size() - 1)
                                    : g.tokens();
                            out.add(RowFactory.create(p.line(), sample, p.text(), String.join(separator, text),
                                    g.tokens().toArray(String[]::new), g.logProbs(), g.finished()));
                        }
                    }
                    return out.iterator();
                }).persist(StorageLevel.MEMORY_AND_DISK());
                Dataset<Row> predictions = spark.createDataFrame(rows, SCHEMA);
                step.writePredictions("predictions", predictions, cfg.outputFormats(), null, null);
                unfinished = rows.filter(r -> !r.getBoolean(6)).count();
                step.writeRejects(rejects);
                rows.unpersist(false);
                all.unpersist(false);
            }
            Summary summary = new Summary(step.target(), model.directory().path().toString(), counts, unfinished);
            step.commitSummary(summary);
            return summary;
        });
    }

    /** A line read with its file and number. */
    record Line(String file, long line, String text) implements Serializable {
    }

    /** The id of {@code generate.stopSymbol}, or -1 when none; it must be a unit of the model's vocabulary. */
    static int stopId(SamplingSettings sampling, LmVocabulary vocabulary) {
        if (!sampling.hasStopSymbol()) {
            return -1;
        }
        int id = vocabulary.id(sampling.stopSymbol());
        if (!sampling.stopSymbol().equals(vocabulary.unit(id))) {
            throw new SeqPipeException("generate.stopSymbol must be a unit of the model's vocabulary, got '"
                    + sampling.stopSymbol() + "'");
        }
        return id;
    }

    /**
     * Continues one prompt: reads {@code prompt} from a zero state, then draws up to {@code maxTokens} units, each
     * fed back with the state carried, ending after {@code stopId} or the boundary. Clears the network's state after.
     */
    static Generation generate(ComputationGraph net, int[] prompt, NextTokenSampler sampler, int maxTokens, int stopId,
                               RandomGenerator random, LmVocabulary vocabulary) {
        net.rnnClearPreviousState();
        double[] p = lastStep(net, prompt);
        List<String> tokens = new ArrayList<>();
        double[] logProbs = new double[maxTokens];
        boolean finished = false;
        while (tokens.size() < maxTokens) {
            int id = sampler.sampleFromProbabilities(p, random);
            logProbs[tokens.size()] = Math.log(p[id]);
            tokens.add(vocabulary.unit(id));
            if (id == stopId || id == LmVocabulary.BOUNDARY_ID) {
                finished = true;
                break;
            }
            if (tokens.size() < maxTokens) {
                p = lastStep(net, new int[]{id});
            }
        }
        net.rnnClearPreviousState();
        return new Generation(tokens, Arrays.copyOf(logProbs, tokens.size()), finished);
    }

    /** Feeds {@code ids} with the state carried and returns the softmax of the last step. */
    static double[] lastStep(ComputationGraph net, int[] ids) {
        float[] steps = new float[ids.length];
        for (int t = 0; t < ids.length; t++) {
            steps[t] = ids[t];
        }
        INDArray out = net.rnnTimeStep(Nd4j.create(steps, new long[]{1, 1, ids.length}, 'c'))[0];
        int v = (int) out.size(1);
        double[] p = new double[v];
        for (int i = 0; i < v; i++) {
            p[i] = out.rank() == 2 ? out.getDouble(0, i) : out.getDouble(0, i, ids.length - 1);
        }
        return p;
    }
}
