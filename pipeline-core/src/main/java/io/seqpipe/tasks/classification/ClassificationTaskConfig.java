package io.seqpipe.tasks.classification;

import com.typesafe.config.Config;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.data.ClassLayout;
import io.seqpipe.data.DelimitedFormat;
import io.seqpipe.data.SeededSplit;
import io.seqpipe.model.CharEncoderSpec;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.tasks.LabelledTaskPaths;
import io.seqpipe.tasks.PredictionFormat;
import io.seqpipe.text.SequenceShape;
import io.seqpipe.text.TokenizerConfig;
import io.seqpipe.text.embeddings.EmbeddingsSettings;
import io.seqpipe.text.embeddings.WordMatcher;
import io.seqpipe.train.CheckpointSettings;
import io.seqpipe.train.TrainSettings;
import io.seqpipe.tasks.StepConfig;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The validated configuration of a text-classification task ({@code task = sentiment}). Built from the resolved
 * config by {@link #from(Config)}; every bad value fails there, before Spark starts. Defaults and documentation of
 * every key: {@code io/seqpipe/tasks/sentiment.defaults.conf} and the files it includes.
 *
 * @param embeddings pretrained vectors for the word embedding ({@code model.embeddings.*})
 * @param chars      the character-level word encoder and its vocabulary ({@code model.chars.*}; off: {@code none})
 * @param ensemble   {@code train.ensemble}: how many networks train and classify together (their mean
 *                   probabilities); 1 = one network
 */
public record ClassificationTaskConfig(Config resolved, LabelledTaskPaths paths, DelimitedFormat input,
                                       DelimitedFormat scoreInput, TokenizerConfig tokenizer, int vocabularyMinCount,
                                       int vocabularyMaxSize, List<String> fixedLabels, SequenceShape sequence,
                                       ModelSpec model, OptimizerSpec optimizer, TrainSettings train,
                                       String positiveLabel, int evaluateBatchSize, int scoreBatchSize,
                                       String appName, String defaultMaster, CheckpointSettings checkpoints,
                                       ClassLayout layout, ClassLayout scoreLayout, SeededSplit split,
                                       List<String> foldMetrics, Set<PredictionFormat> outputFormats,
                                       boolean allowSingleClass, boolean allowNanMetrics,
                                       EmbeddingsSettings embeddings, CharEncoderSpec chars, int ensemble)
        implements StepConfig {

    public static ClassificationTaskConfig from(Config resolved) {
        ConfigReader r = new ConfigReader(resolved);
        String task = r.task("sentiment");
        LabelledTaskPaths paths = LabelledTaskPaths.from(r);
        List<String> labels = r.stringList("labels.values");
        if (labels.size() == 1) {
            throw new InvalidConfigException("labels.values must list at least 2 labels (or none to derive them), got "
                    + labels);
        }
        if (labels.stream().distinct().count() != labels.size()) {
            throw new InvalidConfigException("labels.values has duplicates: " + labels);
        }
        SeededSplit split = SeededSplit.from(r);
        split.requireNoOfficialSplit(paths.validation(), paths.test());
        int minCount = r.integer("vocabulary.minCount");
        int maxSize = r.integer("vocabulary.maxSize");
        return new ClassificationTaskConfig(resolved, paths, DelimitedFormat.from(r, "input", true),
                DelimitedFormat.from(r, "score.input", false), TokenizerConfig.from(r, "tokenizer"), minCount, maxSize,
                labels, SequenceShape.from(r, "sequence"), ModelSpec.from(r), OptimizerSpec.from(r),
                TrainSettings.from(r), r.string("evaluate.positiveLabel"), r.integer("evaluate.batchSize"),
                r.integer("score.batchSize"), r.string("spark.appName"), r.string("spark.defaultMaster"),
                CheckpointSettings.from(r), ClassLayout.from(r, "input"), ClassLayout.from(r, "score.input"), split,
                r.stringList("evaluate.foldMetrics"),
                PredictionFormat.read(r, EnumSet.of(PredictionFormat.PARQUET, PredictionFormat.CSV,
                        PredictionFormat.JSONL), task), r.bool("labels.allowSingleClass"),
                r.bool("evaluate.allowNanMetrics"), EmbeddingsSettings.from(r), CharEncoderSpec.from(r),
                r.integer("train.ensemble"));
    }

    /**
     * The config of ensemble member {@code i} (0-based): this one with {@code train.seed + i} as the seed of its
     * weight initialization, data order and dropout ({@link #train}, {@link #optimizer}).
     */
    public ClassificationTaskConfig member(int i) {
        return from(TrainSettings.memberConfig(resolved, i));
    }

    /**
     * How the vocabulary's tokens are matched against the words of {@code model.embeddings.path}: lower-cased with
     * {@code model.embeddings.lowercase}; a file word joins the vocabulary lower-cased when the tokenizer lower-cases.
     */
    public WordMatcher embeddingsMatcher() {
        return new WordMatcher(embeddings.lowercase(), tokenizer.lowercase(), false);
    }
}
