package io.seqpipe.tasks.translation;

import com.typesafe.config.Config;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.model.DecoderSpec;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.model.attention.LuongAttention;
import io.seqpipe.tasks.LabelledTaskPaths;
import io.seqpipe.tasks.PredictionFormat;
import io.seqpipe.train.CheckpointSettings;
import io.seqpipe.train.TrainSettings;
import io.seqpipe.translation.TranslationTokenizer;
import io.seqpipe.translation.decode.SearchSettings;
import io.seqpipe.tasks.StepConfig;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;
import java.util.Locale;

/**
 * The validated configuration of {@code task = translation}. Every bad value fails in {@link #from(Config)}, before
 * Spark starts. Keys, defaults and their documentation: {@code io/seqpipe/tasks/translation.defaults.conf}.
 *
 * @param input           how pairs are read: {@code aligned} files {@code <path>.<source.language>} and
 *                        {@code <path>.<target.language>}, or one {@code tsv} file of pairs
 * @param source          the source side's language code and tokenizer
 * @param target          the target side's language code and tokenizer
 * @param maxSourceLength training/validation pairs with more source tokens are rejected (counted); test pairs never
 * @param maxTargetLength the same for target tokens
 */
public record TranslationTaskConfig(Config resolved, String task, LabelledTaskPaths paths, Input input,
                                    Side source, Side target, int minCount, int maxVocabulary, int maxSourceLength,
                                    int maxTargetLength,
                                    ModelSpec model, DecoderSpec decoder, OptimizerSpec optimizer, TrainSettings train,
                                    SearchSettings search, int decodeBatchSize, int evaluateExamples,
                                    boolean scoreAttention, String appName, String defaultMaster,
                                    CheckpointSettings checkpoints, Set<PredictionFormat> outputFormats)
        implements StepConfig, Serializable {

    /** {@code input.format} and, for {@code tsv}, the 0-based source and target columns. */
    public record Input(Format format, int sourceColumn, int targetColumn) implements Serializable {
        public enum Format { ALIGNED, TSV }

        public Input {
            if (format == Format.TSV && sourceColumn == targetColumn) {
                throw new InvalidConfigException("input.sourceColumn and input.targetColumn must differ, both are "
                        + sourceColumn);
            }
        }
    }

    /**
     * One side of the corpus.
     *
     * @param language the language code ({@code de}, {@code en}, ...): the file suffix of aligned corpora and the
     *                 tokenizer's rules ({@code en}, {@code de}, {@code fr}; any other code gets no clitic rules)
     */
    public record Side(String language, TranslationTokenizer tokenizer) implements Serializable {
        static Side from(ConfigReader r, String side) {
            String code = r.string(side + ".language").trim();
            if (!code.matches("[A-Za-z][A-Za-z_-]{0,15}")) {
                throw new InvalidConfigException(side + ".language must be a language code such as de or en, got '"
                        + code + "'");
            }
            TranslationTokenizer.Language language = switch (code.toLowerCase(Locale.ROOT)) {
                case "en" -> TranslationTokenizer.Language.EN;
                case "de" -> TranslationTokenizer.Language.DE;
                case "fr" -> TranslationTokenizer.Language.FR;
                default -> TranslationTokenizer.Language.OTHER;
            };
            return new Side(code, new TranslationTokenizer(language, r.bool(side + ".lowercase"),
                    r.bool(side + ".splitHyphens")));
        }
    }

    public static TranslationTaskConfig from(Config resolved) {
        ConfigReader r = new ConfigReader(resolved);
        LabelledTaskPaths paths = LabelledTaskPaths.from(r);
        Input input = new Input(r.enumValue("input.format", Input.Format.class), r.integer("input.sourceColumn"),
                r.integer("input.targetColumn"));
        ModelSpec model = ModelSpec.from(r);
        DecoderSpec decoder = DecoderSpec.from(r);
        if (decoder.score() == LuongAttention.Score.DOT && decoder.hidden() != model.outputWidth()) {
            throw new InvalidConfigException("decoder.attention = dot needs decoder.hidden (" + decoder.hidden()
                    + ") = the encoder's output width (" + model.outputWidth() + " = model.hidden"
                    + (model.bidirectional() ? " x 2, bidirectional" : "") + "); use decoder.attention = general");
        }
        SearchSettings search = SearchSettings.of(r.integer("decode.beamSize"),
                r.integer("decode.maxLength"), r.number("decode.lengthPenalty"));
        return new TranslationTaskConfig(resolved, r.string("task"), paths, input, Side.from(r, "source"),
                Side.from(r, "target"), r.integer("vocabulary.minCount"),
                r.integer("vocabulary.maxSize"), r.integer("sequence.maxSourceLength"),
                r.integer("sequence.maxTargetLength"), model, decoder, OptimizerSpec.from(r),
                TrainSettings.from(r), search, r.integer("decode.batchSize"),
                r.integer("evaluate.examples"), r.bool("score.attention"), r.string("spark.appName"),
                r.string("spark.defaultMaster"), CheckpointSettings.from(r), PredictionFormat.read(r,
                        EnumSet.of(PredictionFormat.PARQUET, PredictionFormat.CSV, PredictionFormat.JSONL),
                        r.string("task")));
    }
}
