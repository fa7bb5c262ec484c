package io.seqpipe.tasks.classification;

import io.seqpipe.model.NetworkFactory;
import io.seqpipe.provenance.ModelDirectory;
import io.seqpipe.provenance.TrainingRun;
import io.seqpipe.tasks.CharacterColumn;
import io.seqpipe.tasks.CharacterIds;
import io.seqpipe.tasks.PretrainedEmbeddings;
import io.seqpipe.tasks.TrainReport;
import io.seqpipe.tasks.TrainStep;
import io.seqpipe.tasks.TrainingRecipe;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.train.BatchAssembler;
import io.seqpipe.train.EncodedExample;
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
import java.util.List;
import java.util.Map;

/**
 * {@code train}: fits the configured classifier on {@code paths.prepared} with parameter averaging and writes a
 * self-describing model directory ({@link ModelDirectory}) to {@code paths.model}, atomically ({@link TrainStep}).
 */
public final class TrainClassifier {

    /** What training did; {@code training} is also the model's provenance ({@link TrainingRun}). */
    public record Summary(String model, TrainingRun training, double finalLoss, double bestValidationAccuracy)
            implements TrainReport {
        @Override
        public List<String> lines() {
            TrainingRun t = training;
            List<String> lines = new ArrayList<>();
            lines.add("train: wrote " + model);
            if (t.resumedFrom() != null) {
                lines.add("  resumed from checkpoint " + t.resumedFrom());
            }
            lines.add(String.format("  %d train / %d validation examples, %d epochs (best %d), %d parameters",
                    t.trainExamples(), t.validationExamples(), t.epochsRun(), t.bestEpoch(), t.parameters()));
            lines.add(String.format("  final train loss %.4f, best validation accuracy %.4f", finalLoss,
                    bestValidationAccuracy));
            lines.add(String.format("  %.1f s, %.1f examples/s%s", t.seconds(), t.examplesPerSecond(),
                    earlyStopSuffix()));
            // the lines above describe member 0, except the validation accuracy: the ensemble's (of the mean)
            ensembleLine("validationAccuracy", "accuracy", "the mean probabilities'").ifPresent(lines::add);
            return List.copyOf(lines);
        }
    }

    private TrainClassifier() {
    }

    public static Summary run(SparkSession spark, ClassificationTaskConfig cfg, boolean overwrite,
                              List<TrainingListener> extraListeners) {
        return run(spark, cfg, overwrite, false, extraListeners);
    }

    /** @param resume continue from the newest valid checkpoint in {@code train.checkpoint.dir} ({@code --resume}) */
    public static Summary run(SparkSession spark, ClassificationTaskConfig cfg, boolean overwrite, boolean resume,
                              List<TrainingListener> extraListeners) {
        TrainStep.Settings settings = new TrainStep.Settings("sentiment", cfg.paths().prepared(), cfg.paths().model(),
                cfg.train(), cfg.checkpoints(), cfg.resolved());
        TrainStep.Outcome o = TrainStep.run(spark, settings, overwrite, resume, extraListeners, prepared -> {
            Vocabulary vocabulary = Vocabulary.fromLines(prepared.lines("vocabulary.txt"));
            // before any training: a file of the wrong dimension fails here
            PretrainedEmbeddings.Loaded pretrained = PretrainedEmbeddings.loadIfEnabled(cfg.embeddings(), vocabulary,
                    cfg.embeddingsMatcher(), "model.embedding", cfg.model().embedding(), cfg.train().seed(),
                    spark.sparkContext().hadoopConfiguration());
            return new Recipe(cfg, vocabulary, new LabelIndex(prepared.lines("labels.txt")),
                    CharacterColumn.fromPrepared(prepared, cfg.chars()), pretrained);
        });
        return new Summary(o.model(), o.training(), o.finalLoss(), o.bestValidation());
    }

    /**
     * Encoded token sequences, one label each, validated by accuracy.
     *
     * @param chars      the character vocabulary with {@code model.chars.encoder}, or null
     * @param pretrained the word vectors of {@code model.embeddings.path}, or null
     */
    private record Recipe(ClassificationTaskConfig cfg, Vocabulary vocabulary, LabelIndex labels, CharacterIds chars,
                          PretrainedEmbeddings.Loaded pretrained)
            implements TrainingRecipe<EncodedExample, EncodedExample> {
        @Override
        public String exampleNoun() {
            return "examples";
        }

        @Override
        public JavaRDD<EncodedExample> trainExamples(Dataset<Row> rows) {
            return ClassificationData.examples(rows);
        }

        @Override
        public JavaRDD<EncodedExample> validationExamples(Dataset<Row> rows) {
            return ClassificationData.examples(rows);
        }

        @Override
        public ParameterAveragingTrainer.Validator validator(JavaSparkContext sc, JavaRDD<EncodedExample> validation,
                                                            long count) {
            return ClassifierEvaluation.accuracyValidator(sc, validation, labels.labels(), cfg.evaluateBatchSize());
        }

        @Override
        public ComputationGraphConfiguration network() {
            return NetworkFactory.sequenceClassifier(cfg.model(), cfg.optimizer(), vocabulary.size(),
                    pretrained != null && !cfg.embeddings().trainable(), chars == null ? null : cfg.chars(),
                    chars == null ? 0 : chars.size(), labels.size());
        }

        @Override
        public void initialize(ComputationGraph network) {
            if (pretrained != null) {
                pretrained.assignTo(network, NetworkFactory.EMBEDDING);
            }
        }

        @Override
        public Map<String, Object> trainingExtras() {
            return pretrained == null ? Map.of() : pretrained.trainingExtras();
        }

        @Override
        public Ensemble<EncodedExample> ensemble() {
            // member i: the configured network with seed train.seed + i; validated on their mean probabilities
            return cfg.ensemble() == 1 ? null : Ensemble.of(cfg.ensemble(), i -> cfg.member(i).train(),
                    i -> new Recipe(cfg.member(i), vocabulary, labels, chars, pretrained).network(),
                    (sc, validation, members) -> ClassifierEvaluation.accuracy(sc, validation, labels.labels(),
                            cfg.evaluateBatchSize(), members));
        }

        @Override
        public MinibatchFormat<EncodedExample> format() {
            return BatchAssembler.classificationFormat(labels.size(), chars != null);
        }

        @Override
        public ModelFiles modelFiles() {
            return chars == null ? new ModelFiles(vocabulary, labels)
                    : new ModelFiles(vocabulary, labels, Map.of(CharacterIds.FILE, chars.toLines()));
        }

        @Override
        public String validationMetricKey() {
            return "validationAccuracy";
        }

        @Override
        public boolean allowNanValidation() {
            return cfg.allowNanMetrics();
        }
    }
}
