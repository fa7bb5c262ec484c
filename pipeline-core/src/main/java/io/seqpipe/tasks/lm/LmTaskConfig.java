package io.seqpipe.tasks.lm;

import com.typesafe.config.Config;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.lm.LmDataConfig;
import io.seqpipe.lm.sampling.SamplingSettings;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.tasks.StepConfig;
import io.seqpipe.train.CheckpointSettings;
import io.seqpipe.train.TrainSettings;

import java.io.Serializable;

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
 */
public record LmTaskConfig(Config resolved, String task, LmPaths paths, LmDataConfig data, ModelSpec model,
                           NetworkFactory.TokenInput input, OptimizerSpec optimizer, TrainSettings train, int tbptt,
                           int validationBatchSize, EvaluateSettings evaluate, SamplingSettings generate,
                           int samplesPerPrompt, CheckpointSettings checkpoints,
                           String appName, String defaultMaster) implements StepConfig, Serializable {

    /**
     * The paths of the task: {@code train} (the corpus prepare splits; null when unset), {@code score} (prompts; null
     * when unset) and the shared outputs. There is no {@code paths.test}: evaluation reads the held-out splits that
     * prepare cut out of the corpus.
     */
    public record LmPaths(String train, String score, String prepared, String model, String metrics,
                          String metricsHistory, String predictions) implements StepConfig.Paths, Serializable {
        @Override
        public String test() {
            return null;
        }

        static LmPaths from(ConfigReader r) {
            return new LmPaths(r.optionalString("paths.train"), r.optionalString("paths.score"),
                    r.string("paths.prepared"), r.string("paths.model"), r.string("paths.metrics"),
                    r.string("paths.metricsHistory"), r.string("paths.predictions"));
        }
    }

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
        return new LmTaskConfig(resolved, task, LmPaths.from(r), LmDataConfig.from(r), ModelSpec.from(r),
                r.enumValue("model.input", NetworkFactory.TokenInput.class), OptimizerSpec.from(r),
                TrainSettings.from(r), r.integer("train.tbptt"), r.integer("train.validationBatchSize"),
                EvaluateSettings.from(r), generate(r), r.integer("generate.samplesPerPrompt"),
                CheckpointSettings.from(r), r.string("spark.appName"),
                r.string("spark.defaultMaster"));
    }
}
