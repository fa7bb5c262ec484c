package io.seqpipe.registry;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where {@code paths.model = registry://<name>[/<version>]} becomes a model directory, for every task:
 * the CLI passes the resolved config of {@code evaluate} and {@code score} through {@link #resolve} before it creates
 * the task, so the tasks only ever see a path (and metrics.json and the predictions record the concrete version).
 */
public final class ModelPathResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ModelPathResolver.class);
    public static final String KEY = "paths.model";

    private ModelPathResolver() {
    }

    /** Whether the config names its model through the registry. */
    public static boolean usesRegistry(Config resolved) {
        return resolved.hasPath(KEY) && ModelReference.isReference(resolved.getString(KEY));
    }

    /**
     * The config with {@code paths.model} replaced by the directory its registry reference names (the champion's
     * version directory for {@code registry://<name>}); the config unchanged when {@code paths.model} is a path.
     */
    public static Config resolve(Config resolved, Configuration hadoop) {
        if (!usesRegistry(resolved)) {
            return resolved;
        }
        ModelReference ref = ModelReference.parse(resolved.getString(KEY), KEY);
        ModelRegistry registry = new ModelRegistry(RegistrySettings.from(resolved).requireRoot(KEY + " = " + ref),
                hadoop);
        String dir = registry.resolve(ref).toString();
        LOG.info("{} = {} resolved to {}", KEY, ref, dir);
        return resolved.withValue(KEY, ConfigValueFactory.fromAnyRef(dir, "resolved from " + ref));
    }
}
