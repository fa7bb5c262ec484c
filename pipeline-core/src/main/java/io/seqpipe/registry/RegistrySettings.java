package io.seqpipe.registry;

import com.typesafe.config.Config;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;

/**
 * The {@code registry.*} keys every task's defaults carry.
 *
 * @param root where the registry lives (any Hadoop path), or null when unset
 * @param name the model name under the root ({@code registry.name}, default the task's name)
 * @param keep how many newest versions {@code registry prune} keeps besides the champion
 */
public record RegistrySettings(String root, String name, int keep) {
    public RegistrySettings {
        RegistryNames.requireModelName(name, "registry.name");
        ConfigReader.check(keep >= 1, "registry.keep", keep, ">= 1");
    }

    public static RegistrySettings from(Config resolved) {
        ConfigReader r = new ConfigReader(resolved);
        return new RegistrySettings(r.optionalString("registry.root"), r.string("registry.name"),
                r.integer("registry.keep"));
    }

    /** The root, or a config error saying how to set it. */
    public String requireRoot(String forWhat) {
        if (root == null) {
            throw new InvalidConfigException("registry.root must be set for " + forWhat
                    + " (e.g. --set registry.root=hdfs:///seqpipe/registry)");
        }
        return root;
    }
}
