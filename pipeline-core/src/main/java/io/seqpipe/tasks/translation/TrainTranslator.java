package io.seqpipe.tasks.translation;

import io.seqpipe.model.NetworkFactory;
import io.seqpipe.provenance.TrainingRun;
import io.seqpipe.tasks.TrainReport;
import io.seqpipe.tasks.TrainStep;
import io.seqpipe.tasks.TrainingRecipe;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.train.MinibatchFormat;
import io.seqpipe.train.ParameterAveragingTrainer;
import io.seqpipe.train.TrainingListener;
import io.seqpipe.translation.EncodedPair;
import io.seqpipe.translation.TranslationVocabularies;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code train} for translation: fits {@link NetworkFactory#encoderDecoder} on {@code paths.prepared} with parameter
 * averaging (teacher forcing), validating each epoch by perplexity on the prepared validation split (distributed;
 * lower is better, the best epoch is kept), and writes the model directory to {@code paths.model}, atomically
 * ({@link TrainStep}). Checkpoints ({@code train.checkpoint.*}) let {@code train --resume} continue an interrupted run
 * where it stopped.
 */
public final class TrainTranslator {
    private static final String SOURCE_TOKENS = "sourceTokens";
    private static final String TARGET_TOKENS = "targetTokens";

    /** What training did; {@code training} is also the model's provenance ({@link TrainingRun}). */
    public record Summary(String model, TrainingRun training, double finalLoss, double bestValidationPerplexity)
            implements TrainReport {
        @Override
        public List<String> lines() {
            TrainingRun t = training;
            List<String> lines = new ArrayList<>();
            lines.add("train: wrote " + model);
            if (t.resumedFrom() != null) {
                lines.add("  resumed from checkpoint " + t.resumedFrom());
            }
            lines.add(String.format("  %d train pairs (%d source + %d target tokens) / %d validation, %d epochs (best"
                            + " %d), %d parameters", t.trainExamples(), t.tokens().get(SOURCE_TOKENS),
                    t.tokens().get(TARGET_TOKENS), t.validationExamples(), t.epochsRun(), t.bestEpoch(),
                    t.parameters()));
            lines.add(String.format("  final train loss %.4f%s", finalLoss, t.validationExamples() == 0 ? ""
                    : String.format(", best validation perplexity %.3f", bestValidationPerplexity)));
            lines.add(String.format("  %.1f s, %.1f pairs/s, %.0f tokens/s, padding efficiency %.3f (real source steps"
                            + " / computed)%s", t.seconds(), t.examplesPerSecond(), t.tokensPerSecond(),
                    t.paddingEfficiency(), earlyStopSuffix()));
            lines.add("  minibatches fitted per executor: " + t.executors());
            return List.copyOf(lines);
        }
    }

    private TrainTranslator() {
    }

    /** @param resume continue from the newest valid checkpoint in {@code train.checkpoint.dir} ({@code --resume}) */
    public static Summary run(SparkSession spark, TranslationTaskConfig cfg, boolean overwrite, boolean resume,
                              List<TrainingListener> extraListeners) {
        TrainStep.Settings settings = new TrainStep.Settings(cfg.task(), cfg.paths().prepared(), cfg.paths().model(),
                cfg.train(), cfg.checkpoints(), cfg.resolved());
        TrainStep.Outcome o = TrainStep.run(spark, settings, overwrite, resume, extraListeners,
                prepared -> new Recipe(cfg, vocabulary(prepared.lines(PrepareTranslationData.SOURCE_VOCABULARY)),
                        vocabulary(prepared.lines(PrepareTranslationData.TARGET_VOCABULARY))));
        return new Summary(o.model(), o.training(), o.finalLoss(), o.bestValidation());
    }

    private static Vocabulary vocabulary(List<String> lines) {
        return TranslationVocabularies.check(Vocabulary.fromLines(lines));
    }

    /**
     * Source and target token ids in, next target tokens out (teacher forcing), validated by perplexity. The model's
     * vocabulary is the source one, its labels the target vocabulary.
     */
    private record Recipe(TranslationTaskConfig cfg, Vocabulary source, Vocabulary target)
            implements TrainingRecipe<EncodedPair, EncodedPair> {
        @Override
        public String exampleNoun() {
            return "pairs";
        }

        @Override
        public JavaRDD<EncodedPair> trainExamples(Dataset<Row> rows) {
            return TranslationData.examples(rows);
        }

        @Override
        public JavaRDD<EncodedPair> validationExamples(Dataset<Row> rows) {
            return TranslationData.examples(rows);
        }

        @Override
        public ParameterAveragingTrainer.Validator validator(JavaSparkContext sc, JavaRDD<EncodedPair> validation,
                                                            long count) {
            return EvaluateTranslator.perplexityValidator(sc, validation, target.size(), cfg.decodeBatchSize());
        }

        @Override
        public ComputationGraphConfiguration network() {
            return NetworkFactory.encoderDecoder(cfg.model(), cfg.decoder(), cfg.optimizer(), source.size(),
                    target.size());
        }

        @Override
        public MinibatchFormat<EncodedPair> format() {
            return new TranslationBatches(target.size());
        }

        @Override
        public ModelFiles modelFiles() {
            return new ModelFiles(source, new LabelIndex(target.toLines()));
        }

        @Override
        public List<String> provenanceLabels() {
            // the target vocabulary is in the model directory; the provenance does not repeat it
            return List.of();
        }

        @Override
        public String validationMetricKey() {
            return "validation.perplexity";
        }

        @Override
        public Map<String, Long> countTokens(JavaRDD<EncodedPair> train) {
            return Map.of(SOURCE_TOKENS, train.map(e -> (long) e.source().length).fold(0L, Long::sum),
                    TARGET_TOKENS, train.map(e -> (long) e.decoderOutput().length).fold(0L, Long::sum));
        }
    }
}
