package io.seqpipe.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The one place where configuration layers are merged: task defaults, then a HOCON file, then repeatable
 * {@code key=value} overrides (highest precedence). Substitutions such as {@code ${paths.work}/model} resolve
 * after the merge, so an override of {@code paths.work} moves every path derived from it.
 *
 * <p>Every key the user sets must exist in the defaults; an unknown key is an error that names the key and the
 * closest known key.
 */
public final class ConfigLayering {
    private ConfigLayering() {
    }

    /**
     * Merges and resolves the layers.
     *
     * @param defaults  the task's defaults; its key set is the set of known keys
     * @param confFile  a HOCON file, or null
     * @param overrides {@code key=value} strings; a value starting with {@code [}, <code>{</code> or {@code "} is
     *                  parsed as HOCON, anything else is taken as a plain string (so {@code hdfs://nn:8020/x} needs
     *                  no quoting)
     */
    public static Config resolve(Config defaults, File confFile, List<String> overrides) {
        return resolve(defaults, confFile, overrides, null);
    }

    /**
     * Merges and resolves the layers of one task's config; a key the task does not know but another task does is
     * refused as {@code config key 'decode.beamSize' is not supported by task ner (it is a key of: translation)}.
     *
     * @param supported which task the defaults are for and which tasks know a key; null: every unknown key is
     *                  "unknown"
     */
    public static Config resolve(Config defaults, File confFile, List<String> overrides, SupportedKeys supported) {
        Config file = confFile == null ? ConfigFactory.empty() : parseFile(confFile);
        Config user = parseOverrides(overrides).withFallback(file);
        rejectUnknownKeys(user, defaults, supported);
        try {
            // System environment variables are available to substitutions as ${?HOME} etc.
            return user.withFallback(defaults).resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(true));
        } catch (ConfigException e) {
            throw new InvalidConfigException("cannot resolve config: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a HOCON config file (includes, no substitutions resolved yet).
     *
     * @throws InvalidConfigException   if the file does not exist
     * @throws ConfigSyntaxException if it is not valid HOCON: {@code <file>:<line>: <reason>}
     */
    public static Config parseFile(File confFile) {
        if (!confFile.isFile()) {
            throw new InvalidConfigException("config file " + confFile + " does not exist or is not a file");
        }
        try {
            return ConfigFactory.parseFile(confFile, ConfigParseOptions.defaults()
                    .setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
        } catch (ConfigException e) {
            int line = e.origin() == null ? -1 : e.origin().lineNumber();
            throw new ConfigSyntaxException(confFile.getPath() + (line > 0 ? ":" + line : "") + ": " + reason(e), e);
        }
    }

    /** A Typesafe Config error's message without its origin prefix ({@code "file: 5: "}). */
    private static String reason(ConfigException e) {
        String message = e.getMessage();
        String prefix = e.origin() == null ? null : e.origin().description() + ": ";
        return prefix != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /** Parses {@code key=value} overrides into one config; a later override of the same key wins. */
    public static Config parseOverrides(List<String> overrides) {
        Config result = ConfigFactory.empty();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new InvalidConfigException("override '" + override + "' must look like key=value");
            }
            String key = override.substring(0, eq).trim();
            String raw = override.substring(eq + 1).trim();
            try {
                ConfigUtil.splitPath(key);
            } catch (ConfigException e) {
                throw new InvalidConfigException("override '" + override + "' has an invalid key '" + key + "'", e);
            }
            result = result.withValue(key, parseValue(key, raw));
        }
        return result;
    }

    private static ConfigValue parseValue(String key, String raw) {
        if (raw.startsWith("[") || raw.startsWith("{") || raw.startsWith("\"")) {
            try {
                return ConfigFactory.parseString("v = " + raw).getValue("v");
            } catch (ConfigException e) {
                throw new ConfigSyntaxException("--set " + key + "=" + raw + ": " + reason(e), e);
            }
        }
        if (raw.equals("null")) {
            return ConfigValueFactory.fromAnyRef(null, "override");
        }
        return ConfigValueFactory.fromAnyRef(raw, "--set " + key);
    }

    /**
     * Which task a config is for, and which other tasks have a key: for the error on a key of another task.
     *
     * @param task         the task whose defaults are being resolved
     * @param tasksWithKey the tasks (other than {@code task}) whose defaults have a key, sorted; empty when none
     */
    public record SupportedKeys(String task, java.util.function.Function<String, List<String>> tasksWithKey) {
    }

    /** Fails on the first key (in sorted order) that the user set and the defaults do not know. */
    static void rejectUnknownKeys(Config user, Config defaults) {
        rejectUnknownKeys(user, defaults, null);
    }

    private static void rejectUnknownKeys(Config user, Config defaults, SupportedKeys supported) {
        TreeSet<String> known = new TreeSet<>();
        collectPaths(defaults.resolve().root(), "", known, true);
        TreeSet<String> given = new TreeSet<>();
        collectPaths(user.root(), "", given, false);
        for (String key : given) {
            if (known.contains(key)) {
                continue;
            }
            // an object the user set may replace a leaf default of null (e.g. a map-valued option); allow a
            // prefix of a known key as well (the user wrote an empty object)
            boolean parentOfKnown = known.stream().anyMatch(k -> k.startsWith(key + "."));
            if (parentOfKnown) {
                continue;
            }
            List<String> others = supported == null ? List.of() : supported.tasksWithKey().apply(key);
            if (!others.isEmpty()) {
                throw new InvalidConfigException("config key '" + key + "' is not supported by task "
                        + supported.task() + " (it is a key of: " + String.join(", ", others) + ")");
            }
            String hint = closest(key, known);
            throw new InvalidConfigException("unknown config key '" + key + "'"
                    + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                    + "; see the task's defaults for every key");
        }
    }

    private static void collectPaths(ConfigObject object, String prefix, TreeSet<String> out, boolean includeParents) {
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            String path = prefix + e.getKey();
            ConfigValue value = e.getValue();
            if (isObject(value)) {
                if (includeParents) {
                    out.add(path);
                }
                ConfigObject child = (ConfigObject) value;
                if (child.isEmpty()) {
                    out.add(path);
                }
                collectPaths(child, path + ".", out, includeParents);
            } else {
                out.add(path);
            }
        }
    }

    /**
     * Whether a value of the user's (unresolved) layer is an object to descend into. A value that still holds a
     * substitution, e.g. {@code paths.train = "/data/"${retrain.date}"/train.tsv"} or a key set twice in a file with
     * one of them a substitution, has no type before resolution: it counts as a leaf, checked by its key.
     */
    private static boolean isObject(ConfigValue value) {
        try {
            return value.valueType() == ConfigValueType.OBJECT;
        } catch (ConfigException.NotResolved e) {
            return false;
        }
    }

    private static String closest(String key, TreeSet<String> known) {
        List<String> candidates = new ArrayList<>(known);
        candidates.sort(Comparator.comparingInt(k -> editDistance(k.toLowerCase(), key.toLowerCase())));
        if (candidates.isEmpty()) {
            return null;
        }
        String best = candidates.get(0);
        return editDistance(best.toLowerCase(), key.toLowerCase()) <= Math.max(3, key.length() / 3) ? best : null;
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The name of the resolved-config file every step writes into its output folder. */
    public static final String RESOLVED_FILE = "config.resolved.conf";

    /**
     * The resolved config as the text of {@link #RESOLVED_FILE}: a comment line, then {@link #describe}'s lines. It
     * parses as HOCON (a masked value reads as the string {@code "*****"}).
     */
    public static String resolvedFile(Config resolved) {
        StringBuilder text = new StringBuilder("# the resolved config of this step (defaults, --conf file, --set "
                + "overrides); values of secret-looking keys and passwords inside URIs are masked\n");
        describe(resolved).forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /**
     * Renders the resolved config as sorted {@code key = value} lines (valid HOCON), masking values of secret-looking
     * keys as {@code "*****"} and the user-info of URIs ({@link Secrets}).
     */
    public static List<String> describe(Config resolved) {
        return describe(resolved, null);
    }

    /** The placeholder {@link #describe(Config, ConfigKeys)} prints for a declared key that has no value. */
    public static final String UNSET = "<unset>";

    /**
     * {@link #describe(Config)}'s lines, and {@code key = <unset>} for each key {@code keys} declares that has no
     * value (null, or a default that depends on an unset key), so every key a task has is listed. Not HOCON.
     *
     * @param keys the task's keys, or null for only the keys that have a value
     */
    public static List<String> describe(Config resolved, ConfigKeys keys) {
        Map<String, String> lines = new java.util.TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : resolved.entrySet()) {
            String key = e.getKey();
            String value = Secrets.isSecretKey(key) ? "\"" + Secrets.MASK + "\"" : Secrets.maskUris(
                    resolved.getValue(key).render(com.typesafe.config.ConfigRenderOptions.concise()));
            lines.put(key, key + " = " + value);
        }
        if (keys != null) {
            for (String key : keys.specs().keySet()) {
                if (!lines.containsKey(key) && !hasValue(resolved, key)) {
                    lines.put(key, key + " = " + UNSET);
                }
            }
        }
        return new ArrayList<>(lines.values());
    }

    private static boolean hasValue(Config resolved, String key) {
        try {
            return resolved.hasPath(key);
        } catch (ConfigException e) {
            return false;
        }
    }
}
