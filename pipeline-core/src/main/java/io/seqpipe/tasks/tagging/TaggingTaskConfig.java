package io.seqpipe.tasks.tagging;

import com.typesafe.config.Config;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.data.SeededSplit;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.model.CharEncoderSpec;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.model.TaggerHead;
import io.seqpipe.model.crf.TransitionConstraints;
import io.seqpipe.tagging.ColumnFormat;
import io.seqpipe.tagging.TagScheme;
import io.seqpipe.tagging.TagTransitions;
import io.seqpipe.tasks.LabelledTaskPaths;
import io.seqpipe.tasks.PredictionFormat;
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
 * The validated configuration of a sequence-labelling task ({@code task = ner} or {@code pos}). Every bad value fails
 * in {@link #from(Config)}, before Spark starts. Keys and defaults: {@code io/seqpipe/tasks/tagging.defaults.conf},
 * with the task's own defaults in {@code ner.defaults.conf} / {@code pos.defaults.conf}.
 *
 * @param inputScheme      the tag scheme of the labelled files ({@code none} for tags without chunks, e.g. POS)
 * @param wordDropout      probability that a training token's word id is replaced by {@code <unk>}
 * @param trainScheme      the scheme the model learns (tags are converted on read); metrics are computed on chunks,
 *                         so they do not depend on it
 * @param maxTrainLength   training sentences longer than this are cut (counted); evaluate and score never cut
 * @param scoreFormat      {@code text} (one sentence per line, tokenized with {@code score.tokenizer}) or
 *                         {@code columns} (a file in {@code input.*}'s format; its tags are kept as gold tags)
 * @param outputFormats    what score writes its predictions as ({@code score.outputFormats}; Parquet always)
 * @param checkpoints      where and how often {@code train} writes checkpoints for {@code --resume}
 *                         ({@code train.checkpoint.*})
 * @param chars            the character-level word encoder and its vocabulary ({@code model.chars.*}; off:
 *                         {@code none})
 * @param embeddings       pretrained vectors for the word channel ({@code model.embeddings.*})
 */
public record TaggingTaskConfig(Config resolved, String task, LabelledTaskPaths paths, ColumnFormat input,
                                TagScheme inputScheme, TagScheme trainScheme, TokenFeatures.Spec features,
                                double wordDropout, int wordMinCount, int wordMaxSize, int maxTrainLength,
                                ModelSpec model, OptimizerSpec optimizer, TrainSettings train, int evaluateBatchSize,
                                int topErrors, int scoreBatchSize,
                                ScoreFormat scoreFormat, TokenizerConfig scoreTokenizer, String appName,
                                String defaultMaster, SeededSplit split, List<String> foldMetrics,
                                Set<PredictionFormat> outputFormats, CheckpointSettings checkpoints,
                                CharEncoderSpec chars, EmbeddingsSettings embeddings)
        implements StepConfig {

    /** What {@code score} reads. */
    public enum ScoreFormat { TEXT, COLUMNS }

    public TaggingTaskConfig {
        if (inputScheme.hasChunks() != trainScheme.hasChunks()) {
            throw new InvalidConfigException("tags.input = " + name(inputScheme) + " and tags.train = "
                    + name(trainScheme) + " do not fit: both must mark chunks (iob1/iob2/iobes) or neither (none)");
        }
        if (trainScheme == TagScheme.IOB1) {
            throw new InvalidConfigException("tags.train = iob1 is not supported: train in iob2 or iobes (IOB1's B- is"
                    + " rare and ambiguous to learn)");
        }
        // model.output and model.crf.constrained, checked before Spark starts (read by head())
        new ConfigReader(resolved).enumValue("model.output", TaggerHead.Output.class);
        new ConfigReader(resolved).bool("model.crf.constrained");
    }

    /**
     * The tagger's output layer ({@code model.output}) for the tags {@code tagNames} (in label-index order): the
     * softmax, or a CRF that, with {@code model.crf.constrained} and a chunk scheme, forbids the transitions that
     * {@link #trainScheme} never writes ({@link TagTransitions}).
     */
    public TaggerHead head(List<String> tagNames) {
        ConfigReader r = new ConfigReader(resolved);
        if (r.enumValue("model.output", TaggerHead.Output.class) == TaggerHead.Output.SOFTMAX) {
            return TaggerHead.softmax();
        }
        if (!r.bool("model.crf.constrained") || !trainScheme.hasChunks()) {
            return TaggerHead.crf(null);
        }
        return TaggerHead.crf(TransitionConstraints.of(TagTransitions.allowedMatrix(trainScheme, tagNames),
                TagTransitions.allowedAtEdge(trainScheme, tagNames, true),
                TagTransitions.allowedAtEdge(trainScheme, tagNames, false)));
    }

    public static TaggingTaskConfig from(Config resolved) {
        ConfigReader r = new ConfigReader(resolved);
        String task = r.string("task");
        LabelledTaskPaths paths = LabelledTaskPaths.from(r);
        SeededSplit split = SeededSplit.from(r);
        split.requireNoOfficialSplit(paths.validation(), paths.test());
        return new TaggingTaskConfig(resolved, task, paths, ColumnFormat.from(r, "input"),
                r.enumValue("tags.input", TagScheme.class), r.enumValue("tags.train", TagScheme.class),
                TokenFeatures.Spec.from(r), r.number("train.wordDropout"),
                r.integer("vocabulary.minCount"),
                r.integer("vocabulary.maxSize"), r.integer("sequence.maxTrainLength"),
                ModelSpec.from(r), OptimizerSpec.from(r), TrainSettings.from(r),
                r.integer("evaluate.batchSize"), r.integer("evaluate.topErrors"),
                r.integer("score.batchSize"), r.enumValue("score.format", ScoreFormat.class),
                TokenizerConfig.from(r, "score.tokenizer"), r.string("spark.appName"),
                r.string("spark.defaultMaster"), split, r.stringList("evaluate.foldMetrics"),
                PredictionFormat.read(r, EnumSet.allOf(PredictionFormat.class), task), CheckpointSettings.from(r),
                CharEncoderSpec.from(r), EmbeddingsSettings.from(r));
    }

    /** Whether the task's metric is entity (chunk) F1 rather than token accuracy. */
    public boolean chunked() {
        return trainScheme.hasChunks();
    }

    /** How the word vocabulary's forms are matched against the words of {@code model.embeddings.path}. */
    public WordMatcher embeddingsMatcher() {
        return new WordMatcher(embeddings.lowercase(), features.lowercase(), features.digitsToZero());
    }

    private static String name(TagScheme s) {
        return s.name().toLowerCase(java.util.Locale.ROOT);
    }
}
