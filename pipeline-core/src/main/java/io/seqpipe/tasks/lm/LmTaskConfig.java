package io.seqpipe.tasks.lm;

import com.typesafe.config.Config;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.lm.LmDataConfig;
import io.seqpipe.lm.LmSplit;
import io.seqpipe.lm.sampling.SamplingSettings;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.tasks.PredictionFormat;
import io.seqpipe.tasks.StepConfig;
import io.seqpipe.train.CheckpointSettings;
import io.seqpipe.train.TrainSettings;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The validated configuration of {@code task = lm}. Every bad value fails in {@link #from(Config)}, before Spark
 * starts. Keys, defaults and their documentation: {@code io/seqpipe/tasks/lm.defaults.conf}.
 *
 * @param data                the corpus, units, vocabulary, split and sequence settings ({@link LmDataConfig})
 * @param model               {@code model.*} but {@code model.input}
 * @param input               {@code model.input}: how unit ids enter the network
 * @param tbptt               {@code train.tbptt}: the truncated BPTT length, 0 = full backpropagation
 * @param validationBatchSize {@code train.validationBatchSize}: sequences per forward pass of the validator
 * @param evaluate            {@code evaluate.*}: the held-out stream evaluate reads and how it is cut
 * @param generate            {@code generate.*} but the number of samples: how score continues each prompt
 * @param samplesPerPrompt    {@code generate.samplesPerPrompt}: continuations drawn per prompt
 * @param scoreMode           {@code score.mode}: what score does with each line or document of {@code paths.score}
 * @param outputFormats       {@code score.outputFormats}: the files score writes beside the Parquet predictions
 */
public record LmTaskConfig(Config resolved, String task, LmPaths paths, LmDataConfig data, ModelSpec model,
                           NetworkFactory.TokenInput input, OptimizerSpec optimizer, TrainSettings train, int tbptt,
                           int validationBatchSize, EvaluateSettings evaluate, SamplingSettings generate,
                           int samplesPerPrompt, ScoreMode scoreMode, Set<PredictionFormat> outputFormats,
                           CheckpointSettings checkpoints,
                           String appName, String defaultMaster) implements StepConfig, Serializable {

    /**
     * The paths of the task: {@code train} (the corpus prepare splits, or the training corpus with
     * {@code split.by = files}; null when unset), {@code validation} and {@code test} (the held-out corpora with
     * {@code split.by = files}; null otherwise), {@code score} (prompts or documents; null when unset) and the shared
     * outputs. Evaluation reads the held-out streams that prepare wrote.
     */
    public record LmPaths(String train, String validation, String test, String score, String prepared,
                          String model, String metrics, String metricsHistory, String predictions)
            implements StepConfig.Paths, Serializable {

        /**
         * Reads the paths; {@code paths.validation} is required with {@code split.by = files} and, like
         * {@code paths.test}, refused with any other split.
         */
        static LmPaths from(ConfigReader r, LmSplit split) {
            String validation = r.optionalString("paths.validation");
            String test = r.optionalString("paths.test");
            if (split.by() == LmSplit.By.FILES) {
                ConfigReader.check(validation != null, "paths.validation", "<unset>",
                        "set with split.by = files (the validation corpus)");
            } else {
                String set = validation != null ? "paths.validation" : test != null ? "paths.test" : null;
                ConfigReader.check(set == null, set, validation != null ? validation : test, "unset with split.by = "
                        + split.by().name().toLowerCase(Locale.ROOT) + " (the held-out splits are cut out"
                        + " of paths.train); set split.by = files to read them from files of their own");
            }
            return new LmPaths(r.optionalString("paths.train"), validation, test, r.optionalString("paths.score"),
                    r.string("paths.prepared"), r.string("paths.model"), r.string("paths.metrics"),
                    r.string("paths.metricsHistory"), r.string("paths.predictions"));
        }
    }

    /**
     * {@code score.mode}: GENERATE continues each line of {@code paths.score} (a prompt) under {@code generate.*};
     * LIKELIHOOD scores each document of {@code paths.score} (its log-likelihood, cross-entropy and perplexity).
     */
    public enum ScoreMode { GENERATE, LIKELIHOOD }

    /** Which held-out stream {@code evaluate.split} names. */
    public enum EvaluateSplit { AUTO, VALIDATION, TEST }

    /**
     * {@code evaluate.*}.
     *
     * @param split         {@code evaluate.split}: the held-out stream, or AUTO (test when prepare wrote one)
     * @param segmentLength {@code evaluate.segmentLength}: steps per forward call, the state carried across
     * @param chunkLength   {@code evaluate.chunkLength}: targets per chunk, each read from a zero state by one task
     */
    public record EvaluateSettings(EvaluateSplit split, int segmentLength, int chunkLength) implements Serializable {
        static EvaluateSettings from(ConfigReader r) {
            return new EvaluateSettings(r.enumValue("evaluate.split", EvaluateSplit.class),
                    r.integer("evaluate.segmentLength"), r.integer("evaluate.chunkLength"));
        }
    }

    /**
     * {@code generate.*}, each value in the bound its defaults declare. The stop symbol is taken as written: a blank
     * one (a space, a line break) is a unit like any other; only the empty string is refused.
     */
    static SamplingSettings generate(ConfigReader r) {
        String stop = r.isSet("generate.stopSymbol") ? r.string("generate.stopSymbol") : null;
        ConfigReader.check(stop == null || !stop.isEmpty(), "generate.stopSymbol", "\"\"",
                "null (no stop symbol) or a unit");
        return new SamplingSettings(r.number("generate.temperature"), r.integer("generate.topK"),
                r.number("generate.topP"), r.integer("generate.maxTokens"), stop, r.longValue("generate.seed"));
    }

    public static LmTaskConfig from(Config resolved) {
        ConfigReader r = new ConfigReader(resolved);
        String task = r.task("lm");
        ModelSpec model = ModelSpec.from(r);
        ConfigReader.check(!model.bidirectional(), "model.bidirectional", true,
                "false for a language model (it predicts each unit from the units before it only)");
        int tbptt = r.integer("train.tbptt");
        ConfigReader.check(tbptt == 0 || model.cell() != ModelSpec.Cell.RNN, "train.tbptt", tbptt,
                "0 with model.cell = rnn (truncated BPTT needs model.cell = lstm or gru)");
        LmDataConfig data = LmDataConfig.from(r);
        return new LmTaskConfig(resolved, task, LmPaths.from(r, data.split()), data, model,
                r.enumValue("model.input", NetworkFactory.TokenInput.class), OptimizerSpec.from(r),
                TrainSettings.from(r), tbptt, r.integer("train.validationBatchSize"),
                EvaluateSettings.from(r), generate(r), r.integer("generate.samplesPerPrompt"),
                r.enumValue("score.mode", ScoreMode.class), PredictionFormat.read(r,
                        EnumSet.of(PredictionFormat.PARQUET, PredictionFormat.CSV, PredictionFormat.JSONL), task),
                CheckpointSettings.from(r), r.string("spark.appName"),
                r.string("spark.defaultMaster"));
    }
}
