package io.seqpipe.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.seqpipe.DecimalNumber;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Typed access to a resolved config whose errors name the key and the bad value, e.g.
 * {@code train.batchSize must be in [1, 1000000], got -3}. Config records use it in their {@code from(Config)}
 * factories; {@link #integer} and {@link #number} take the key's bound from its declaration in the defaults
 * ({@link ConfigKeys}), so a bound is written once, beside the key's default and documentation.
 */
public final class ConfigReader {
    private final Config config;
    private ConfigKeys keys;

    /** A reader whose bounds come from the catalogue of the config's task ({@link ConfigKeys#forConfig}). */
    public ConfigReader(Config config) {
        this.config = config;
    }

    /** A reader whose bounds come from {@code keys}. */
    public ConfigReader(Config config, ConfigKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    /** The catalogue this reader takes bounds from. */
    public ConfigKeys keys() {
        if (keys == null) {
            keys = ConfigKeys.forConfig(config);
        }
        return keys;
    }

    /** The declaration of {@code key}, which must be of {@code type}. */
    private KeySpec spec(String key, KeySpec.Type type) {
        KeySpec spec = keys().spec(key);
        if (spec.type() != type) {
            throw new IllegalStateException("config key " + key + " is declared @" + spec.type().label() + " in "
                    + spec.declaredIn() + ", read as " + type.label());
        }
        return spec;
    }

    /**
     * An integer in the bound its defaults declare ({@code # @int [1, 1000000]} above the key), written as a whole
     * number ({@link #intIn}).
     */
    public int integer(String key) {
        KeySpec.Bound bound = spec(key, KeySpec.Type.INT).bound();
        return intIn(key, (int) bound.min(), (int) bound.max());
    }

    /** A number in the bound its defaults declare ({@code # @double [0, 0.99]} above the key), as {@link #doubleIn}. */
    public double number(String key) {
        KeySpec.Bound bound = spec(key, KeySpec.Type.DOUBLE).bound();
        if (bound.excludesAnEnd()) { // named as declared: "split.train must be in (0, 1], got 0.0"
            double value = exact(key, "a number").doubleValue();
            check(bound.contains(value), key, value, "in " + bound.text());
            return value;
        }
        return doubleIn(key, bound.min(), bound.max());
    }

    /**
     * {@code auto} (as NaN) or a number in the bound its defaults declare ({@code # @auto-or-double [0, 0.99]}); any
     * other value raises {@code <key> must be auto or a number in <bound>, got <value>}.
     */
    public double autoOrNumber(String key) {
        KeySpec.Bound bound = spec(key, KeySpec.Type.AUTO_OR_DOUBLE).bound();
        String text = config.hasPath(key) && config.getValue(key).unwrapped() instanceof String s ? s.strip() : null;
        if ("auto".equalsIgnoreCase(text)) {
            return Double.NaN;
        }
        try {
            return doubleIn(key, bound.min(), bound.max());
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException(key + " must be auto or a number in " + bound.text() + ", got "
                    + (text != null && !text.matches("[-+0-9.eE]+") ? "'" + text + "'"
                    : text != null ? text : render(key)));
        }
    }

    public Config config() {
        return config;
    }

    /** The {@code task} of a config record that serves one task only: it must be {@code expected}. */
    public String task(String expected) {
        String task = string("task");
        if (!task.equals(expected)) {
            throw new InvalidConfigException("task must be " + expected + " for this pipeline, got " + task);
        }
        return task;
    }

    public boolean isSet(String key) {
        return config.hasPath(key);
    }

    public String string(String key) {
        if (!config.hasPath(key)) {
            throw new InvalidConfigException(key + " is required but not set");
        }
        try {
            return config.getString(key);
        } catch (ConfigException.WrongType e) {
            throw new InvalidConfigException(key + " must be a string, got " + render(key));
        }
    }

    /** A string, or null when the key is unset or null. */
    public String optionalString(String key) {
        if (!config.hasPath(key)) {
            return null;
        }
        String s = string(key);
        return s.isBlank() ? null : s;
    }

    /**
     * An integer {@code >= min}. For a config key, prefer {@link #integer}: its bound belongs in the defaults, beside
     * the key's default and documentation.
     */
    public int intAtLeast(String key, int min) {
        return intIn(key, min, Integer.MAX_VALUE);
    }

    /**
     * An integer in {@code [min, max]}. The value must be written as a whole number ({@link DecimalNumber}'s grammar;
     * {@code 2.0} and {@code 1e3} are whole, {@code 2.9} is an error, not 2), as a HOCON number or a string. For a
     * config key, prefer {@link #integer}, which takes the bound from the key's declaration.
     */
    public int intIn(String key, int min, int max) {
        return (int) wholeNumber(key, min, max, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** Any 64-bit integer, written as a whole number; one beyond the range of a long is an error, not clamped. */
    public long longValue(String key) {
        return wholeNumber(key, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * A number in {@code [min, max]}, in {@link DecimalNumber}'s grammar (not {@code 0x1p4}, {@code 12f}, NaN). For a
     * config key, prefer {@link #number}, which takes the bound from the key's declaration.
     */
    public double doubleIn(String key, double min, double max) {
        double value = exact(key, "a number").doubleValue();
        check(!Double.isNaN(value) && value >= min && value <= max, key, value, "in [" + min + ", " + max + "]");
        return value;
    }

    private long wholeNumber(String key, long min, long max, long typeMin, long typeMax) {
        BigDecimal value = exact(key, "an integer");
        String text = numberText(key);
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw new InvalidConfigException(key + " must be an integer, got " + text);
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            boolean beyondType = value.compareTo(BigDecimal.valueOf(typeMin)) < 0
                    || value.compareTo(BigDecimal.valueOf(typeMax)) > 0;
            boolean openRange = min == typeMin || max == typeMax;
            throw new InvalidConfigException(key + " must be " + (beyondType && openRange
                    ? "an integer in [" + min + ", " + max + "]" : range(min, max)) + ", got " + text);
        }
        return value.longValueExact();
    }

    /** The exact value of a number key: a HOCON number as written, or a string holding one. */
    private BigDecimal exact(String key, String kind) {
        if (!config.hasPath(key)) {
            throw new InvalidConfigException(key + " is required but not set");
        }
        BigDecimal value;
        try {
            value = DecimalNumber.exact(numberText(key));
        } catch (NumberFormatException e) { // an exponent beyond BigDecimal's range
            value = null;
        }
        if (value == null) {
            throw new InvalidConfigException(key + " must be " + kind + ", got " + render(key));
        }
        return value;
    }

    /** The text of a number key's value (stripped when a string), or null for other value types. */
    private String numberText(String key) {
        ConfigValue value = config.getValue(key);
        return switch (value.valueType()) {
            case NUMBER -> value.render(ConfigRenderOptions.concise());
            case STRING -> ((String) value.unwrapped()).strip();
            default -> null;
        };
    }

    public boolean bool(String key) {
        try {
            return config.getBoolean(key);
        } catch (ConfigException.Missing e) {
            throw new InvalidConfigException(key + " is required but not set");
        } catch (ConfigException.WrongType e) {
            throw new InvalidConfigException(key + " must be true or false, got " + render(key));
        }
    }

    public List<String> stringList(String key) {
        try {
            return List.copyOf(config.getStringList(key));
        } catch (ConfigException.Missing e) {
            throw new InvalidConfigException(key + " is required but not set");
        } catch (ConfigException.WrongType e) {
            throw new InvalidConfigException(key + " must be a list of strings, got " + render(key));
        }
    }

    /**
     * An enum constant named case-insensitively (dashes allowed for underscores). When the defaults declare the key
     * ({@code # @enum a | b}), each declared value must be one of the enum's constants.
     */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        keys().find(key).ifPresent(spec -> requireChoices(spec, type));
        String raw = string(key);
        String normalized = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalized)) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : " | ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new InvalidConfigException(key + " must be one of " + allowed + ", got '" + raw + "'");
    }

    private static <E extends Enum<E>> void requireChoices(KeySpec spec, Class<E> type) {
        java.util.Set<String> declared = new java.util.TreeSet<>();
        spec.choices().forEach(c -> declared.add(c.toUpperCase(Locale.ROOT).replace('-', '_')));
        java.util.Set<String> constants = new java.util.TreeSet<>();
        for (E constant : type.getEnumConstants()) {
            constants.add(constant.name());
        }
        if (spec.type() != KeySpec.Type.ENUM || !constants.containsAll(declared)) {
            throw new IllegalStateException("config key " + spec.name() + " is declared " + spec.typeAndBound()
                    + " in " + spec.declaredIn() + " but read as one of " + constants);
        }
    }

    /** Throws {@code "<key> must be <requirement>, got <value>"} unless {@code ok}. */
    public static void check(boolean ok, String key, Object value, String requirement) {
        if (!ok) {
            throw new InvalidConfigException(key + " must be " + requirement + ", got " + value);
        }
    }

    private static String range(long min, long max) {
        if (max == Integer.MAX_VALUE || max == Long.MAX_VALUE) {
            return ">= " + min;
        }
        return "in [" + min + ", " + max + "]";
    }

    private String render(String key) {
        return config.getValue(key).render(com.typesafe.config.ConfigRenderOptions.concise());
    }
}
