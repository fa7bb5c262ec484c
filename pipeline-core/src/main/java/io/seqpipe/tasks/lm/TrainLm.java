package io.seqpipe.tasks.lm;

import io.seqpipe.lm.LmVocabulary;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.provenance.TrainingRun;
import io.seqpipe.spark.BroadcastModel;
import io.seqpipe.tasks.TrainReport;
import io.seqpipe.tasks.TrainStep;
import io.seqpipe.tasks.TrainingRecipe;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.train.MinibatchFormat;
import io.seqpipe.train.ParameterAveragingTrainer;
import io.seqpipe.train.TrainingListener;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code train} for language models: fits {@link NetworkFactory#languageModel} (the unit ids in, {@code model.*}, a
 * softmax over the vocabulary at every step; truncated BPTT with {@code train.tbptt}) on the prepared training
 * sequences with parameter averaging, validating each epoch by the cross-entropy per counted target (nats) of the
 * prepared validation sequences, each read from a zero state (distributed; lower is better, the best epoch is kept),
 * and writes the model directory to {@code paths.model}, atomically ({@link TrainStep}). The model's
 * {@code vocabulary.txt} is the prepared {@code vocabulary.txt} as written ({@link LmVocabulary#toLines}, escaped);
 * its {@code labels.txt} numbers the output classes, which are the vocabulary's ids ({@code 0} to {@code V - 1}). Checkpoints ({@code train.checkpoint.*}) let {@code train --resume}
 * continue an interrupted run where it stopped.
 */
public final class TrainLm {
    /** The provenance's token count: the targets the training sequences count (each target position once). */
    static final String TRAIN_TARGETS = "trainTargets";

    /**
     * What training did; {@code training} is also the model's provenance ({@link TrainingRun}).
     *
     * @param bestValidationCrossEntropy nats per validation target of the best epoch (NaN without validation)
     */
    public record Summary(String model, TrainingRun training, double finalLoss, double bestValidationCrossEntropy)
            implements TrainReport {
        @Override
        public List<String> lines() {
            TrainingRun t = training;
            List<String> lines = new ArrayList<>();
            lines.add("train: wrote " + model);
            if (t.resumedFrom() != null) {
                lines.add("  resumed from checkpoint " + t.resumedFrom());
            }
            lines.add(String.format("  %d train sequences (%d targets) / %d validation, %d epochs (best %d), %d"
                            + " parameters", t.trainExamples(), t.tokens().get(TRAIN_TARGETS), t.validationExamples(),
                    t.epochsRun(), t.bestEpoch(), t.parameters()));
            lines.add(String.format("  final train loss %.4f%s", finalLoss, t.validationExamples() == 0 ? ""
                    : String.format(", best validation cross-entropy %.4f nats/unit (perplexity %.3f)",
                    bestValidationCrossEntropy, Math.exp(bestValidationCrossEntropy))));
            lines.add(String.format("  %.1f s, %.1f sequences/s, %.0f targets/s, padding efficiency %.3f%s",
                    t.seconds(), t.examplesPerSecond(), t.tokensPerSecond(), t.paddingEfficiency(),
                    earlyStopSuffix()));
            lines.add("  minibatches fitted per executor: " + t.executors());
            return List.copyOf(lines);
        }
    }

    private TrainLm() {
    }

    /** @param resume continue from the newest valid checkpoint in {@code train.checkpoint.dir} ({@code --resume}) */
    public static Summary run(SparkSession spark, LmTaskConfig cfg, boolean overwrite, boolean resume,
                              List<TrainingListener> extraListeners) {
        TrainStep.Settings settings = new TrainStep.Settings(cfg.task(), cfg.paths().prepared(), cfg.paths().model(),
                cfg.train(), cfg.checkpoints(), cfg.resolved());
        TrainStep.Outcome o = TrainStep.run(spark, settings, overwrite, resume, extraListeners,
                prepared -> new Recipe(cfg, LmVocabulary.fromLines(prepared.lines(PrepareLmData.VOCABULARY_FILE))));
        return new Summary(o.model(), o.training(), o.finalLoss(), o.bestValidation());
    }

    /** The examples of a prepared sequence split. */
    static JavaRDD<LmExample> examples(Dataset<Row> rows) {
        return rows.toJavaRDD().map(r -> LmExample.of(LmData.sequence(r)));
    }

    /**
     * The per-epoch validator: nats per counted target over the validation sequences, the sums of nats and targets
     * taken over the partitions (lower is better; NaN when the network's outputs are not numbers).
     */
    static ParameterAveragingTrainer.Validator crossEntropyValidator(JavaSparkContext sc, JavaRDD<LmExample> data,
                                                                   int batchSize) {
        return new ParameterAveragingTrainer.Validator() {
            @Override
            public double score(ComputationGraph network) {
                try (BroadcastModel model = BroadcastModel.of(sc, network)) {
                    double[] sums = model.predict(data, new LmAdapter(), batchSize)
                            .aggregate(new double[2], (sum, p) -> {
                                sum[0] += p.output().nats();
                                sum[1] += p.output().targets();
                                return sum;
                            }, (a, b) -> new double[]{a[0] + b[0], a[1] + b[1]});
                    return sums[1] == 0 ? Double.NaN : sums[0] / sums[1];
                }
            }

            @Override
            public String metricName() {
                return "crossEntropy";
            }

            @Override
            public boolean higherIsBetter() {
                return false;
            }
        };
    }

    /** Unit ids in, the next unit's distribution at every step out, validated by cross-entropy. */
    private record Recipe(LmTaskConfig cfg, LmVocabulary vocabulary) implements TrainingRecipe<LmExample, LmExample> {
        @Override
        public String exampleNoun() {
            return "sequences";
        }

        @Override
        public JavaRDD<LmExample> trainExamples(Dataset<Row> rows) {
            return examples(rows);
        }

        @Override
        public JavaRDD<LmExample> validationExamples(Dataset<Row> rows) {
            return examples(rows);
        }

        @Override
        public ParameterAveragingTrainer.Validator validator(JavaSparkContext sc, JavaRDD<LmExample> validation,
                                                            long count) {
            return crossEntropyValidator(sc, validation, cfg.validationBatchSize());
        }

        @Override
        public ComputationGraphConfiguration network() {
            return NetworkFactory.languageModel(cfg.model(), cfg.optimizer(), vocabulary.size(), cfg.input(),
                    cfg.tbptt());
        }

        @Override
        public MinibatchFormat<LmExample> format() {
            return new LmBatches(vocabulary.size());
        }

        @Override
        public ModelFiles modelFiles() {
            // the escaped lines: a character vocabulary holds line breaks (and a space, which is no label): the output
            // classes are the vocabulary's ids, labels.txt numbers them
            List<String> ids = new ArrayList<>(vocabulary.size());
            for (int id = 0; id < vocabulary.size(); id++) {
                ids.add(Integer.toString(id));
            }
            return new ModelFiles(Vocabulary.fromLines(vocabulary.toLines()), new LabelIndex(ids));
        }

        @Override
        public List<String> provenanceLabels() {
            // the output classes are the vocabulary, in the model directory; the provenance does not repeat it
            return List.of();
        }

        @Override
        public String validationMetricKey() {
            return "validation.crossEntropy";
        }

        @Override
        public Map<String, Long> countTokens(JavaRDD<LmExample> train) {
            return Map.of(TRAIN_TARGETS, train.map(e -> (long) e.countedSteps()).fold(0L, Long::sum));
        }

        @Override
        public Map<String, Object> trainingExtras() {
            Map<String, Object> extras = new LinkedHashMap<>();
            extras.put("unit", cfg.data().unit().name().toLowerCase(Locale.ROOT));
            extras.put("input", cfg.input().name().toLowerCase(Locale.ROOT));
            extras.put("tbptt", cfg.tbptt());
            return extras;
        }
    }
}
