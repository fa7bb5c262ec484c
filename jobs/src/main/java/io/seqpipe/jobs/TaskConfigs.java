package io.seqpipe.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.tasks.classification.ClassificationTaskConfig;

import java.io.File;
import java.util.List;

/** Resolves the CLI's config layers for the task the user names ({@code task = ...}, default sentiment). */
final class TaskConfigs {
    static final List<String> TASKS = List.of("sentiment");

    private TaskConfigs() {
    }

    static Config resolve(File conf, List<String> overrides) {
        Config user = ConfigLayering.parseOverrides(overrides);
        if (conf != null && conf.isFile()) {
            user = user.withFallback(ConfigFactory.parseFile(conf));
        }
        String task = user.hasPath("task") ? user.getString("task") : "sentiment";
        if (!TASKS.contains(task)) {
            throw new InvalidConfigException("task '" + task + "' is not supported; supported tasks: " + TASKS);
        }
        Config defaults = ConfigFactory.parseResources(TaskConfigs.class,
                "/io/seqpipe/tasks/" + task + ".defaults.conf", ConfigParseOptions.defaults().setAllowMissing(false));
        return ConfigLayering.resolve(defaults, conf, overrides);
    }

    static ClassificationTaskConfig classification(Config resolved) {
        return ClassificationTaskConfig.from(resolved);
    }
}
