package io.seqpipe.registry;

import io.seqpipe.config.InvalidConfigException;

/**
 * A model named through the registry rather than by path: {@code registry://<name>} (the name's champion) or
 * {@code registry://<name>/<version>}. Pure parsing; {@link ModelRegistry#resolve} turns one into a directory.
 *
 * @param version the version, or null for the champion
 */
public record ModelReference(String name, String version) {
    public static final String SCHEME = "registry://";

    public ModelReference {
        RegistryNames.requireModelName(name, "registry model name");
        if (version != null) {
            RegistryNames.requireVersion(version, "registry version");
        }
    }

    /** Whether {@code path} is a registry reference rather than a Hadoop path. */
    public static boolean isReference(String path) {
        return path != null && path.startsWith(SCHEME);
    }

    /** Parses {@code registry://<name>[/<version>]}; a malformed one fails naming {@code key}. */
    public static ModelReference parse(String reference, String key) {
        if (!isReference(reference)) {
            throw new InvalidConfigException(key + " must start with " + SCHEME + ", got '" + reference + "'");
        }
        String rest = reference.substring(SCHEME.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] parts = rest.split("/", -1);
        if (parts.length > 2 || parts[0].isEmpty()) {
            throw new InvalidConfigException(key + " must look like registry://<name> or registry://<name>/<version>,"
                    + " got '" + reference + "'");
        }
        try {
            return new ModelReference(parts[0], parts.length == 2 ? parts[1] : null);
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException(key + " = '" + reference + "': " + e.getMessage());
        }
    }

    public boolean isChampion() {
        return version == null;
    }

    @Override
    public String toString() {
        return SCHEME + name + (version == null ? "" : "/" + version);
    }
}
