package io.seqpipe.tasks.tagging;

import io.seqpipe.tasks.CharacterColumn;
import io.seqpipe.tasks.CharacterIds;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.provenance.TrainingRun;
import io.seqpipe.model.TokenChannel;
import io.seqpipe.tasks.PretrainedEmbeddings;
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
import java.util.List;
import java.util.Map;

/**
 * {@code train} for the tagging tasks: fits the per-token tagger ({@link NetworkFactory#tokenTagger}) on
 * {@code paths.prepared} with parameter averaging, validating each epoch (entity F1 or token accuracy) when the
 * prepared data has a validation split, and writes the model directory (with the affix vocabularies as artifacts)
 * to {@code paths.model}, atomically ({@link TrainStep}). Checkpoints go to {@code train.checkpoint.dir} for
 * {@code train --resume} and are deleted once the model is committed.
 */
public final class TrainTagger {

    /**
     * What training did; {@code training} is also the model's provenance ({@link TrainingRun}).
     *
     * @param validationMetric the validation metric's name, or null without a validation split
     */
    public record Summary(String model, TrainingRun training, double finalLoss, String validationMetric,
                          double bestValidation) implements TrainReport {
        @Override
        public List<String> lines() {
            TrainingRun t = training;
            List<String> lines = new ArrayList<>();
            lines.add("train: wrote " + model);
            lines.add(String.format("  %d train sentences (%d tokens) / %d validation, %d epochs (best %d), %d"
                            + " parameters", t.trainExamples(), t.tokens().get(TRAIN_TOKENS), t.validationExamples(),
                    t.epochsRun(), t.bestEpoch(), t.parameters()));
            if (t.resumedFrom() != null) {
                lines.add("  resumed from " + t.resumedFrom());
            }
            lines.add(String.format("  final train loss %.4f%s", finalLoss, validationMetric == null ? ""
                    : String.format(", best validation %s %.4f", validationMetric, bestValidation)));
            lines.add(String.format("  %.1f s, %.1f sentences/s, %.0f tokens/s, padding efficiency %.3f (real tokens /"
                            + " computed steps)%s", t.seconds(), t.examplesPerSecond(), t.tokensPerSecond(),
                    t.paddingEfficiency(), earlyStopSuffix()));
            lines.add("  minibatches fitted per executor: " + t.executors());
            return List.copyOf(lines);
        }
    }

    private static final String TRAIN_TOKENS = "trainTokens";

    private TrainTagger() {
    }

    public static Summary run(SparkSession spark, TaggingTaskConfig cfg, boolean overwrite,
                              List<TrainingListener> extraListeners) {
        return run(spark, cfg, overwrite, false, extraListeners);
    }

    /** @param resume continue from the newest valid checkpoint in {@code train.checkpoint.dir} ({@code --resume}) */
    public static Summary run(SparkSession spark, TaggingTaskConfig cfg, boolean overwrite, boolean resume,
                              List<TrainingListener> extraListeners) {
        TrainStep.Settings settings = new TrainStep.Settings(cfg.task(), cfg.paths().prepared(), cfg.paths().model(),
                cfg.train(), cfg.checkpoints(), cfg.resolved());
        TrainStep.Outcome o = TrainStep.run(spark, settings, overwrite, resume, extraListeners, prepared -> {
            Vocabulary words = Vocabulary.fromLines(prepared.lines("vocabulary.txt"));
            TokenFeatures features = TokenFeatures.restore(cfg.features(), words,
                    name -> prepared.lines("artifacts/" + name));
            CharacterIds chars = CharacterColumn.fromPrepared(prepared, cfg.chars());
            // before any training: a file of the wrong dimension fails here
            PretrainedEmbeddings.Loaded pretrained = PretrainedEmbeddings.loadIfEnabled(cfg.embeddings(), words,
                    cfg.embeddingsMatcher(), "model.embedding", cfg.model().embedding(), cfg.train().seed(),
                    spark.sparkContext().hadoopConfiguration());
            return new Recipe(cfg, words, new LabelIndex(prepared.lines("labels.txt")), features, chars,
                    pretrained);
        });
        return new Summary(o.model(), o.training(), o.finalLoss(), o.validationMetric(), o.bestValidation());
    }

    /**
     * Tagged sentences in, one tag per token out, validated on the gold sentences.
     *
     * @param chars      the character vocabulary with {@code model.chars.encoder}, or null
     * @param pretrained the word vectors of {@code model.embeddings.path}, or null
     */
    private record Recipe(TaggingTaskConfig cfg, Vocabulary words, LabelIndex tags, TokenFeatures features,
                          CharacterIds chars, PretrainedEmbeddings.Loaded pretrained)
            implements TrainingRecipe<TaggedExample, TaggerEvaluation.Gold> {
        @Override
        public String exampleNoun() {
            return "sentences";
        }

        @Override
        public JavaRDD<TaggedExample> trainExamples(Dataset<Row> rows) {
            return TaggingData.examples(rows);
        }

        @Override
        public JavaRDD<TaggerEvaluation.Gold> validationExamples(Dataset<Row> rows) {
            return TaggingData.golds(rows);
        }

        @Override
        public ParameterAveragingTrainer.Validator validator(JavaSparkContext sc,
                                                            JavaRDD<TaggerEvaluation.Gold> validation, long count) {
            return TaggerEvaluation.validator(sc, validation, tags.labels(), cfg.trainScheme(),
                    cfg.evaluateBatchSize());
        }

        @Override
        public ComputationGraphConfiguration network() {
            return NetworkFactory.tokenTagger(cfg.model(), cfg.optimizer(), wordChannelFrozenIfAsked(
                    features.channels(cfg.model().embedding())), chars == null ? null : cfg.chars(),
                    chars == null ? 0 : chars.size(), tags.size(), cfg.head(tags.labels()));
        }

        /** The channels, the word channel frozen with {@code model.embeddings.trainable = false}. */
        private List<TokenChannel> wordChannelFrozenIfAsked(List<TokenChannel> channels) {
            if (pretrained == null || cfg.embeddings().trainable()) {
                return channels;
            }
            List<TokenChannel> out = new ArrayList<>(channels);
            out.replaceAll(ch -> ch.name().equals("word") ? ch.asFrozen() : ch);
            return out;
        }

        @Override
        public void initialize(ComputationGraph network) {
            if (pretrained != null) {
                pretrained.assignTo(network, NetworkFactory.embeddingOf("word"));
            }
        }

        @Override
        public Map<String, Object> trainingExtras() {
            return pretrained == null ? Map.of() : pretrained.trainingExtras();
        }

        @Override
        public MinibatchFormat<TaggedExample> format() {
            return TaggingBatches.format(tags.size(), cfg.wordDropout(), chars != null);
        }

        @Override
        public ModelFiles modelFiles() {
            if (chars == null) {
                return new ModelFiles(words, tags, features.artifacts());
            }
            Map<String, List<String>> artifacts = new java.util.LinkedHashMap<>(features.artifacts());
            artifacts.put(CharacterIds.FILE, chars.toLines());
            return new ModelFiles(words, tags, artifacts);
        }

        @Override
        public String validationMetricKey() {
            return "validation." + (cfg.chunked() ? "entityF1" : "tokenAccuracy");
        }

        @Override
        public Map<String, Long> countTokens(JavaRDD<TaggedExample> train) {
            return Map.of(TRAIN_TOKENS, train.map(e -> (long) e.length()).fold(0L, Long::sum));
        }
    }
}
