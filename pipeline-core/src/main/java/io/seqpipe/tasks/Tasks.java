package io.seqpipe.tasks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.seqpipe.config.ConfigKeys;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.tasks.classification.SentimentTask;
import io.seqpipe.tasks.forecast.ForecastTask;
import io.seqpipe.tasks.lm.LmTask;
import io.seqpipe.tasks.tagging.TaggingTask;
import io.seqpipe.tasks.translation.TranslationTask;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The tasks SeqPipe runs and how a user's config becomes one: the task's defaults
 * ({@code io/seqpipe/tasks/<task>.defaults.conf}, every key documented) under the user's file under {@code --set}
 * overrides, then validated into the task's config record.
 */
public final class Tasks {
    private static final Map<String, Function<Config, Task>> FACTORIES = new TreeMap<>(Map.of(
            "sentiment", SentimentTask::new,
            "forecast", ForecastTask::new,
            "lm", LmTask::new,
            "ner", TaggingTask::new,
            "pos", TaggingTask::new,
            "translation", TranslationTask::new));

    private Tasks() {
    }

    /** The supported task names, sorted. */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /**
     * Resolves the config layers for the task the user names ({@code task = ...} in the file or an override; default
     * sentiment).
     *
     * @param conf the user's config file, or null
     */
    public static Config resolve(File conf, List<String> overrides) {
        String task = named(conf, overrides);
        Config defaults = ConfigFactory.parseResources(Tasks.class, "/io/seqpipe/tasks/" + task + ".defaults.conf",
                ConfigParseOptions.defaults().setAllowMissing(false));
        return ConfigLayering.resolve(defaults, conf, overrides,
                new ConfigLayering.SupportedKeys(task, key -> tasksWithKey(key, task)));
    }

    /**
     * The task a user's config names ({@code task = ...} in the file or an override; default sentiment).
     *
     * @throws InvalidConfigException if it names no supported task
     */
    public static String named(File conf, List<String> overrides) {
        Config user = ConfigLayering.parseOverrides(overrides);
        if (conf != null) {
            user = user.withFallback(ConfigLayering.parseFile(conf));
        }
        String task = user.hasPath("task") ? user.getString("task") : "sentiment";
        if (!FACTORIES.containsKey(task)) {
            throw new InvalidConfigException("task '" + task + "' is not supported; supported tasks: " + names());
        }
        return task;
    }

    /** Every config key of a task: type, bound, default and documentation, from its defaults. */
    public static ConfigKeys keys(String task) {
        if (!FACTORIES.containsKey(task)) {
            throw new InvalidConfigException("task '" + task + "' is not supported; supported tasks: " + names());
        }
        return ConfigKeys.forTask(task);
    }

    /** The tasks other than {@code task} that have {@code key} (or keys under it), sorted. */
    static List<String> tasksWithKey(String key, String task) {
        List<String> with = new ArrayList<>();
        for (String other : names()) {
            if (!other.equals(task) && ConfigKeys.forTask(other).specs().keySet().stream()
                    .anyMatch(k -> k.equals(key) || k.startsWith(key + "."))) {
                with.add(other);
            }
        }
        return with;
    }

    /** The task of a resolved config, its config validated. */
    public static Task create(Config resolved) {
        String task = resolved.getString("task");
        Function<Config, Task> factory = FACTORIES.get(task);
        if (factory == null) {
            throw new InvalidConfigException("task '" + task + "' is not supported; supported tasks: " + names());
        }
        if (resolved.hasPath(EvaluationPage.REPORT_KEY)) {
            // every task's evaluate reads it (InferenceStep): a bad value fails here, before Spark starts
            new ConfigReader(resolved).bool(EvaluationPage.REPORT_KEY);
        }
        return factory.apply(resolved);
    }
}
