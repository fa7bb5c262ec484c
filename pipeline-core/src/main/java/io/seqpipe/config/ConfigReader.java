package io.seqpipe.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.util.List;
import java.util.Locale;

/**
 * Typed access to a resolved config whose errors name the key and the bad value, e.g.
 * {@code train.batchSize must be >= 1, got -3}. Config records use it in their {@code from(Config)} factories.
 */
public final class ConfigReader {
    private final Config config;

    public ConfigReader(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
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

    public int intAtLeast(String key, int min) {
        return intIn(key, min, Integer.MAX_VALUE);
    }

    public int intIn(String key, int min, int max) {
        int value;
        try {
            value = config.getInt(key);
        } catch (ConfigException.Missing e) {
            throw new InvalidConfigException(key + " is required but not set");
        } catch (ConfigException.WrongType e) {
            throw new InvalidConfigException(key + " must be an integer, got " + render(key));
        }
        check(value >= min && value <= max, key, value, range(min, max));
        return value;
    }

    public long longValue(String key) {
        try {
            return config.getLong(key);
        } catch (ConfigException.Missing e) {
            throw new InvalidConfigException(key + " is required but not set");
        } catch (ConfigException.WrongType e) {
            throw new InvalidConfigException(key + " must be an integer, got " + render(key));
        }
    }

    public double doubleIn(String key, double min, double max) {
        double value;
        try {
            value = config.getDouble(key);
        } catch (ConfigException.Missing e) {
            throw new InvalidConfigException(key + " is required but not set");
        } catch (ConfigException.WrongType e) {
            throw new InvalidConfigException(key + " must be a number, got " + render(key));
        }
        check(!Double.isNaN(value) && value >= min && value <= max, key, value, "in [" + min + ", " + max + "]");
        return value;
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

    /** An enum constant named case-insensitively (dashes allowed for underscores). */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
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

    /** Throws {@code "<key> must be <requirement>, got <value>"} unless {@code ok}. */
    public static void check(boolean ok, String key, Object value, String requirement) {
        if (!ok) {
            throw new InvalidConfigException(key + " must be " + requirement + ", got " + value);
        }
    }

    private static String range(int min, int max) {
        if (max == Integer.MAX_VALUE) {
            return ">= " + min;
        }
        return "in [" + min + ", " + max + "]";
    }

    private String render(String key) {
        return config.getValue(key).render(com.typesafe.config.ConfigRenderOptions.concise());
    }
}
