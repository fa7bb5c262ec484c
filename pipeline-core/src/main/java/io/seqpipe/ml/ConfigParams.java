package io.seqpipe.ml;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import io.seqpipe.config.ConfigKeys;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.config.KeySpec;
import io.seqpipe.tasks.Tasks;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A stage's Spark ML {@link Param}s derived from a task's config keys, so each key is declared once: in its
 * defaults file ({@code # @int >= 1} above {@code model.hidden}, read by {@link ConfigKeys}). A key becomes a Param
 * named by the key with its dots as underscores ({@code model.hidden} ↔ {@code model_hidden}; no key has an
 * underscore), of the key's type ({@code int} → {@link IntParam}, {@code long}, {@code double}, {@code bool},
 * {@code list} → {@link StringArrayParam}; {@code string}, {@code path}, {@code enum} and {@code auto-or-double} →
 * {@code Param<String>}), documented by the key's type, bound and doc, defaulting to the task's default, and
 * validated as the CLI validates the key ({@link ConfigReader}'s typed reads, with the CLI's messages: setting
 * {@code model_hidden} to 0 fails with {@code model.hidden must be >= 1, got 0}). A stage turns its set Params back
 * into {@code key=value} overrides ({@link #overrides}) and resolves them as {@code --set} overrides are resolved.
 */
final class ConfigParams implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The task defaults with nothing set, per task: the base a Param's value is checked against. */
    private static final Map<String, Config> DEFAULTS = new ConcurrentHashMap<>();

    private final String task;
    private final Map<String, Param<?>> byKey = new LinkedHashMap<>();

    /**
     * The Params of {@code task}'s keys that {@code include} accepts, owned by {@code owner}; {@code object} keys
     * (user-named maps) have none.
     */
    ConfigParams(Params owner, String task, Predicate<String> include) {
        this.task = task;
        for (KeySpec spec : ConfigKeys.forTask(task).specs().values()) {
            if (!include.test(spec.name()) || spec.type() == KeySpec.Type.OBJECT) {
                continue;
            }
            if (spec.name().contains("_")) {
                throw new IllegalStateException("config key " + spec.name() + " has an underscore: its Param name "
                        + "would not map back to it");
            }
            byKey.put(spec.name(), param(owner, spec));
        }
    }

    /** The Param name of a config key: {@code model.hidden} → {@code model_hidden}. */
    static String paramName(String key) {
        return key.replace('.', '_');
    }

    /** The config key of a Param name: {@code model_hidden} → {@code model.hidden}. */
    static String key(String paramName) {
        return paramName.replace('_', '.');
    }

    /** Every Param, in key order. */
    List<Param<?>> params() {
        return List.copyOf(byKey.values());
    }

    /** The Param of {@code key}; an unknown key fails as the CLI fails on one. */
    Param<?> param(String key) {
        Param<?> p = byKey.get(key);
        if (p == null) {
            throw new InvalidConfigException("config key '" + key + "' is not a parameter of this stage (task "
                    + task + "); its parameters are the keys " + String.join(", ", byKey.keySet()));
        }
        return p;
    }

    /** The task's default of each key that has one, as its Param's value type. */
    Map<Param<?>, Object> defaults() {
        Config base = base(task);
        Map<Param<?>, Object> out = new LinkedHashMap<>();
        byKey.forEach((key, param) -> {
            if (base.hasPath(key)) {
                out.put(param, value(base, ConfigKeys.forTask(task).spec(key)));
            }
        });
        return out;
    }

    /** The {@code key=value} override of each Param set on {@code stage}, as {@code --set} writes them. */
    List<String> overrides(Params stage) {
        List<String> out = new ArrayList<>();
        for (String key : byKey.keySet()) {
            Param<?> p = stage.getParam(paramName(key));
            if (stage.isSet(p)) {
                out.add(key + "=" + render(ConfigKeys.forTask(task).spec(key), stage.getOrDefault(p)));
            }
        }
        return out;
    }

    /** The value as HOCON: numbers and booleans as written, strings quoted, lists as lists of quoted strings. */
    static String render(KeySpec spec, Object value) {
        return switch (spec.type()) {
            case INT, LONG, DOUBLE, BOOL -> String.valueOf(value);
            case LIST -> Arrays.stream((String[]) value).map(ConfigUtil::quoteString)
                    .collect(Collectors.joining(", ", "[", "]"));
            default -> ConfigUtil.quoteString(String.valueOf(value));
        };
    }

    /**
     * Checks one key's value as the CLI reads it (its type, bound or choices): the task's defaults with the value
     * set as an override, read by the key's typed {@link ConfigReader} accessor. Keys read together with others
     * are checked again, with the whole config, when the estimator builds it.
     *
     * @throws InvalidConfigException with the CLI's message
     */
    static void check(String task, KeySpec spec, Object value) {
        Config config = ConfigLayering.parseOverrides(List.of(spec.name() + "=" + render(spec, value)))
                .withFallback(base(task));
        ConfigReader r = new ConfigReader(config, ConfigKeys.forTask(task));
        String key = spec.name();
        switch (spec.type()) {
            case INT -> r.integer(key);
            case LONG -> r.longValue(key);
            case DOUBLE -> r.number(key);
            case AUTO_OR_DOUBLE -> r.autoOrNumber(key);
            case LIST -> r.stringList(key);
            case ENUM -> {
                String raw = r.string(key);
                Set<String> choices = spec.choices().stream().map(ConfigParams::enumName).collect(Collectors.toSet());
                if (!choices.contains(enumName(raw))) {
                    throw new InvalidConfigException(key + " must be one of " + String.join(" | ", spec.choices())
                            + ", got '" + raw + "'");
                }
            }
            default -> {
            }
        }
    }

    /** An enum value as {@link ConfigReader#enumValue} matches it: case-insensitive, dashes as underscores. */
    private static String enumName(String raw) {
        return raw.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    private static Config base(String task) {
        return DEFAULTS.computeIfAbsent(task, t -> Tasks.resolve(null, List.of("task=" + t)));
    }

    private static Object value(Config config, KeySpec spec) {
        String key = spec.name();
        return switch (spec.type()) {
            case INT -> config.getInt(key);
            case LONG -> config.getLong(key);
            case DOUBLE -> config.getDouble(key);
            case BOOL -> config.getBoolean(key);
            case LIST -> config.getStringList(key).toArray(new String[0]);
            default -> String.valueOf(config.getValue(key).unwrapped());
        };
    }

    private Param<?> param(Params owner, KeySpec spec) {
        String name = paramName(spec.name());
        String doc = "config key " + spec.name() + " (" + spec.typeAndBound() + "): "
                + String.join(" ", spec.doc()).strip();
        String key = spec.name();
        return switch (spec.type()) {
            case INT -> new IntParam(owner.uid(), name, doc, new Check<>(task, key));
            case LONG -> new LongParam(owner.uid(), name, doc, new Check<>(task, key));
            case DOUBLE -> new DoubleParam(owner.uid(), name, doc, new Check<>(task, key));
            case BOOL -> new BooleanParam(owner.uid(), name, doc);
            case LIST -> new StringArrayParam(owner, name, doc, new Check<>(task, key));
            default -> new Param<String>(owner.uid(), name, doc, new Check<>(task, key));
        };
    }

    /** A Param's validator: the key's CLI check ({@link #check}); a bad value throws the CLI's message. */
    private static final class Check<T> extends AbstractFunction1<T, Object> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String task;
        private final String key;

        Check(String task, String key) {
            this.task = task;
            this.key = key;
        }

        @Override
        public Object apply(T value) {
            check(task, ConfigKeys.forTask(task).spec(key), value);
            return Boolean.TRUE;
        }
    }
}
