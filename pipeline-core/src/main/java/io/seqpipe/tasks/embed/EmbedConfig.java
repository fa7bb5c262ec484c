package io.seqpipe.tasks.embed;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.seqpipe.config.ConfigKeys;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.text.TokenizerConfig;

import java.io.File;
import java.util.List;

/**
 * The validated configuration of {@code seqpipe embed}: its defaults file {@value #DEFAULTS} (every key declared and
 * documented there) under the user's file under {@code --set} overrides. Every bad value fails in {@link #from}, before
 * Spark starts.
 *
 * @param input             the corpus, one sentence per line ({@code embed.input})
 * @param output            the output directory ({@code embed.output})
 * @param tokenizer         how a line becomes tokens ({@code embed.tokenizer.*})
 * @param numPartitions     MLlib Word2Vec's partitions
 */
public record EmbedConfig(Config resolved, String input, String output, int vectorSize, int minCount, int windowSize,
                          int maxIter, double stepSize, int numPartitions, int maxSentenceLength, long seed,
                          TokenizerConfig tokenizer, String appName, String defaultMaster) {
    /** The defaults file: embed's keys and their documentation. */
    public static final String DEFAULTS = "io/seqpipe/embed/embed.defaults.conf";

    /** Resolves the layers: the defaults, the user's file, the overrides (a later one wins); unknown keys fail. */
    public static Config resolve(File conf, List<String> overrides) {
        Config defaults = ConfigFactory.parseResources(EmbedConfig.class.getClassLoader(), DEFAULTS,
                ConfigParseOptions.defaults().setAllowMissing(false));
        return ConfigLayering.resolve(defaults, conf, overrides);
    }

    /** Every key of {@code embed}: type, bound, default and documentation. */
    public static ConfigKeys keys() {
        return ConfigKeys.of(DEFAULTS);
    }

    public static EmbedConfig from(Config resolved) {
        ConfigReader r = new ConfigReader(resolved, keys());
        String input = r.optionalString("embed.input");
        String output = r.optionalString("embed.output");
        if (input == null) {
            throw new InvalidConfigException("embed.input must be set: the corpus, one sentence per line");
        }
        if (output == null) {
            throw new InvalidConfigException("embed.output must be set: the directory the vectors are written to");
        }
        return new EmbedConfig(resolved, input, output, r.integer("embed.vectorSize"), r.integer("embed.minCount"),
                r.integer("embed.windowSize"), r.integer("embed.maxIter"), r.number("embed.stepSize"),
                r.integer("embed.numPartitions"), r.integer("embed.maxSentenceLength"), r.longValue("embed.seed"),
                TokenizerConfig.from(r, "embed.tokenizer"), r.string("spark.appName"),
                r.string("spark.defaultMaster"));
    }
}
