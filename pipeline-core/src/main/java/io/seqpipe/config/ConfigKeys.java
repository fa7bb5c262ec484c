package io.seqpipe.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalogue of config keys of one defaults file: every key, its type, bound, default and documentation, read from
 * the file itself. Each key carries, as the first line of the comment just above it, an annotation
 * <pre>
 *   # @int [1, 1000000]          a whole number in a closed range (also {@code >= 1}, or no bound)
 *   # @long                      a 64-bit whole number
 *   # @double [0, 0.99]          a decimal number (also {@code (0, 1]}, {@code [0, 1)}, {@code >= 0}, or no bound:
 *                                any finite number)
 *   # @auto-or-double [0, 0.99]  the word auto or a decimal number in the range
 *   # @enum lstm | gru | rnn     one of the named values
 *   # @bool, @string, @path, @list, @object
 * </pre>
 * followed by its doc lines. A key a task's file only gives another value (without an annotation) keeps the
 * declaration of the file it includes ({@code include classpath("...")}), so a shared key is declared and documented
 * once. Validation ({@link ConfigReader#integer}, {@link ConfigReader#number}), {@code seqpipe <command> --help} and
 * {@code --print-config} all read bounds and defaults from here.
 */
public final class ConfigKeys {
    /**
     * The defaults files a config without a {@code task} key (a reader's own unit test, say) takes declarations from,
     * first declaration first.
     */
    static final List<String> STANDALONE_RESOURCES = List.of("io/seqpipe/config/shared.defaults.conf",
            "io/seqpipe/train/train.defaults.conf", "io/seqpipe/forecast/timeseries.defaults.conf",
            "io/seqpipe/tasks/tagging.defaults.conf");
    private static final String TASK_RESOURCE = "io/seqpipe/tasks/%s.defaults.conf";
    private static final Pattern INCLUDE = Pattern.compile("^\\s*include\\s+classpath\\(\"([^\"]+)\"\\)",
            Pattern.MULTILINE);
    private static final Map<String, ConfigKeys> CACHE = new ConcurrentHashMap<>();

    private final String resource;
    private final Map<String, KeySpec> specs;
    private final List<String> unannotated;

    private ConfigKeys(String resource, Map<String, KeySpec> specs, List<String> unannotated) {
        this.resource = resource;
        this.specs = Collections.unmodifiableMap(new TreeMap<>(specs));
        this.unannotated = List.copyOf(unannotated);
    }

    /** The catalogue of a task's defaults ({@code io/seqpipe/tasks/<task>.defaults.conf}). */
    public static ConfigKeys forTask(String task) {
        return of(String.format(Locale.ROOT, TASK_RESOURCE, task));
    }

    /**
     * The catalogue that declares the keys of {@code config}: its task's, or without a {@code task} key the
     * declarations of the shared defaults files.
     */
    public static ConfigKeys forConfig(Config config) {
        if (config.hasPath("task") && config.getValue("task").valueType() == ConfigValueType.STRING) {
            return forTask(config.getString("task"));
        }
        return Standalone.KEYS;
    }

    /** The declarations of the shared files, loaded on first use. */
    private static final class Standalone {
        static final ConfigKeys KEYS = standalone();
    }

    /** The catalogue of a defaults file on the classpath (parsed once, then cached). */
    public static ConfigKeys of(String resource) {
        ConfigKeys cached = CACHE.get(resource);
        if (cached != null) {
            return cached;
        }
        // not computeIfAbsent: loading a file loads the files it includes, a nested update of the same map
        ConfigKeys loaded = load(resource);
        ConfigKeys raced = CACHE.putIfAbsent(resource, loaded);
        return raced == null ? loaded : raced;
    }

    /** The defaults file this catalogue describes. */
    public String resource() {
        return resource;
    }

    /** Every key, sorted by name. */
    public Map<String, KeySpec> specs() {
        return specs;
    }

    /** The key's declaration, if it has one here. */
    public Optional<KeySpec> find(String key) {
        return Optional.ofNullable(specs.get(key));
    }

    /** The key's declaration; a key without one is a programming error (a reader asks for a key nobody declared). */
    public KeySpec spec(String key) {
        KeySpec spec = specs.get(key);
        if (spec == null) {
            throw new IllegalStateException("config key " + key + " has no declaration (# @<type> annotation) in "
                    + resource + " or the files it includes");
        }
        return spec;
    }

    /**
     * One line per key, aligned in columns: the key, its type and bound, its default ({@code <unset>} when it has
     * none) and the first line of its documentation, e.g.
     * {@code train.batchSize   int [1, 1000000]   32   examples (sentences, pairs, windows) per minibatch on ...}.
     */
    public List<String> listing() {
        int keyWidth = 0;
        int typeWidth = 0;
        int defaultWidth = 0;
        for (KeySpec spec : specs.values()) {
            keyWidth = Math.max(keyWidth, spec.name().length());
            typeWidth = Math.max(typeWidth, spec.typeAndBound().length());
            defaultWidth = Math.max(defaultWidth, Math.min(24, shownDefault(spec).length()));
        }
        List<String> lines = new ArrayList<>();
        String format = "%-" + keyWidth + "s  %-" + typeWidth + "s  %-" + defaultWidth + "s  %s";
        for (KeySpec spec : specs.values()) {
            lines.add(String.format(Locale.ROOT, format, spec.name(), spec.typeAndBound(), shownDefault(spec),
                    spec.summary()).stripTrailing());
        }
        return lines;
    }

    private static String shownDefault(KeySpec spec) {
        return spec.unsetByDefault() ? ConfigLayering.UNSET : spec.defaultValue();
    }

    /** Keys of the defaults without an annotation: each should have one (a test walks every task's defaults). */
    public List<String> unannotated() {
        return unannotated;
    }

    private static ConfigKeys standalone() {
        Map<String, KeySpec> merged = new LinkedHashMap<>();
        for (String r : STANDALONE_RESOURCES) {
            of(r).specs().forEach(merged::putIfAbsent);
        }
        return new ConfigKeys(String.join(", ", STANDALONE_RESOURCES), merged, List.of());
    }

    private static ConfigKeys load(String resource) {
        Config parsed = ConfigFactory.parseResources(ConfigKeys.class.getClassLoader(), resource,
                ConfigParseOptions.defaults().setAllowMissing(false));
        Config resolved;
        try {
            resolved = parsed.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true)
                    .setUseSystemEnvironment(false));
        } catch (ConfigException e) {
            throw new IllegalStateException("cannot resolve the defaults " + resource + ": " + e.getMessage(), e);
        }
        List<ConfigKeys> included = new ArrayList<>();
        for (String include : includes(resource)) {
            included.add(of(include));
        }
        Map<String, ConfigValue> leaves = new TreeMap<>();
        collectLeaves(resolved.root(), "", leaves);
        Map<String, ConfigValue> unresolvedLeaves = new TreeMap<>();
        collectLeaves(parsed.root(), "", unresolvedLeaves);
        Map<String, KeySpec> specs = new TreeMap<>();
        List<String> unannotated = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : leaves.entrySet()) {
            String key = e.getKey();
            String defaultValue = rendered(e.getValue());
            ConfigValue own = unresolvedLeaves.get(key);
            KeySpec spec = own == null ? null : declared(key, own.origin(), defaultValue, resource);
            if (spec == null) {
                spec = declared(key, e.getValue().origin(), defaultValue, resource);
            }
            if (spec == null) {
                for (ConfigKeys inc : included) {
                    KeySpec shared = inc.specs.get(key);
                    if (shared != null) {
                        spec = new KeySpec(key, shared.type(), shared.bound(), shared.choices(), defaultValue,
                                shared.doc(), shared.declaredIn());
                        break;
                    }
                }
            }
            if (spec == null) {
                unannotated.add(key);
            } else {
                specs.put(key, spec);
            }
        }
        return new ConfigKeys(resource, specs, unannotated);
    }

    /** The classpath resources a defaults file includes, in order. */
    private static List<String> includes(String resource) {
        try (InputStream in = ConfigKeys.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no defaults file " + resource + " on the classpath");
            }
            Matcher m = INCLUDE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Leaves of a config tree: values other than objects, nulls and unresolved values included; empty objects. */
    private static void collectLeaves(ConfigObject object, String prefix, Map<String, ConfigValue> out) {
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            String path = prefix + e.getKey();
            ConfigValue value = e.getValue();
            boolean isObject;
            try {
                isObject = value.valueType() == ConfigValueType.OBJECT;
            } catch (ConfigException.NotResolved unresolved) {
                isObject = false;
            }
            if (isObject && !((ConfigObject) value).isEmpty()) {
                collectLeaves((ConfigObject) value, path + ".", out);
            } else {
                out.put(path, value);
            }
        }
    }

    /** A default as HOCON text, or null when the key is null or its value depends on an unset key. */
    private static String rendered(ConfigValue value) {
        try {
            return value.valueType() == ConfigValueType.NULL ? null
                    : value.render(ConfigRenderOptions.concise());
        } catch (ConfigException.NotResolved e) {
            return null;
        }
    }

    /** The declaration in the comments above a key, or null when they hold no annotation. */
    private static KeySpec declared(String key, ConfigOrigin origin, String defaultValue, String resource) {
        List<String> comments = origin.comments();
        int at = -1;
        for (int i = 0; i < comments.size(); i++) {
            if (comments.get(i).strip().startsWith("@")) {
                at = i;
            }
        }
        if (at < 0) {
            return null;
        }
        List<String> doc = new ArrayList<>();
        for (String line : comments.subList(at + 1, comments.size())) {
            doc.add(line.startsWith(" ") ? line.substring(1) : line);
        }
        String where = (origin.resource() == null ? resource : origin.resource()) + ":" + origin.lineNumber();
        return parse(key, comments.get(at).strip(), defaultValue, doc, where);
    }

    /**
     * Parses an annotation such as {@code @int [1, 1000000]}.
     *
     * @param where the file and line, for errors
     */
    static KeySpec parse(String key, String annotation, String defaultValue, List<String> doc, String where) {
        String body = annotation.substring(1).strip();
        int space = body.indexOf(' ');
        String typeName = space < 0 ? body : body.substring(0, space);
        String rest = space < 0 ? "" : body.substring(space + 1).strip();
        KeySpec.Type type = Arrays.stream(KeySpec.Type.values()).filter(t -> t.label().equals(typeName))
                .findFirst().orElseThrow(() -> new IllegalStateException(where + ": unknown type '@" + typeName
                        + "' in the annotation of " + key + "; types: int, long, double, auto-or-double, bool, string,"
                        + " path, enum, list, object"));
        String file = where.contains(":") ? where.substring(0, where.lastIndexOf(':')) : where;
        if (type == KeySpec.Type.ENUM) {
            List<String> choices = Arrays.stream(rest.split("\\|")).map(String::strip).filter(s -> !s.isEmpty())
                    .toList();
            if (choices.size() < 2) {
                throw new IllegalStateException(where + ": @enum of " + key + " must name at least two values, e.g. "
                        + "@enum lstm | gru");
            }
            return new KeySpec(key, type, null, choices, defaultValue, doc, file);
        }
        if (!type.numeric()) {
            if (!rest.isEmpty()) {
                throw new IllegalStateException(where + ": @" + type.label() + " of " + key + " takes no bound, got '"
                        + rest + "'");
            }
            return new KeySpec(key, type, null, List.of(), defaultValue, doc, file);
        }
        return new KeySpec(key, type, bound(key, type, rest, where), List.of(), defaultValue, doc, file);
    }

    private static final Pattern RANGE = Pattern.compile("([\\[(])\\s*(\\S+)\\s*,\\s*(\\S+)\\s*([])])");
    private static final Pattern AT_LEAST = Pattern.compile(">=\\s*(\\S+)");

    private static KeySpec.Bound bound(String key, KeySpec.Type type, String text, String where) {
        double typeMin = switch (type) {
            case INT -> Integer.MIN_VALUE;
            case LONG -> Long.MIN_VALUE;
            default -> -Double.MAX_VALUE;
        };
        double typeMax = switch (type) {
            case INT -> Integer.MAX_VALUE;
            case LONG -> Long.MAX_VALUE;
            default -> Double.MAX_VALUE;
        };
        if (text.isEmpty()) {
            return new KeySpec.Bound(typeMin, typeMax, "");
        }
        try {
            Matcher range = RANGE.matcher(text);
            if (range.matches()) {
                double min = Double.parseDouble(range.group(2));
                double max = Double.parseDouble(range.group(3));
                boolean open = range.group(1).equals("(") || range.group(4).equals(")");
                if (open && (type == KeySpec.Type.INT || type == KeySpec.Type.LONG)) {
                    throw new IllegalStateException(where + ": the bound of integer key " + key
                            + " must include its ends, e.g. [1, 10]");
                }
                min = range.group(1).equals("(") ? Math.nextUp(min) : min;
                max = range.group(4).equals(")") ? Math.nextDown(max) : max;
                checkRange(key, min, max, typeMin, typeMax, where);
                return new KeySpec.Bound(min, max, text);
            }
            Matcher atLeast = AT_LEAST.matcher(text);
            if (atLeast.matches()) {
                double min = Double.parseDouble(atLeast.group(1));
                checkRange(key, min, typeMax, typeMin, typeMax, where);
                return new KeySpec.Bound(min, typeMax, text);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(where + ": bad bound '" + text + "' of " + key + "; write [min, max] "
                + "(an end in ( or ) is excluded) or >= min");
    }

    private static void checkRange(String key, double min, double max, double typeMin, double typeMax, String where) {
        if (!(min <= max) || min < typeMin || max > typeMax) {
            throw new IllegalStateException(where + ": empty bound or one beyond the type of " + key);
        }
    }
}
