package io.seqpipe.tasks;

import com.typesafe.config.Config;
import io.seqpipe.config.ConfigKeys;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.config.KeySpec;
import io.seqpipe.registry.PromotionPolicy;
import io.seqpipe.registry.RegistrySettings;
import io.seqpipe.retrain.RetrainSettings;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each key's bound is one and the same in the defaults (its default lies in it), in {@code --help} (the listing shows
 * it) and in validation (a value just outside is refused naming the bound, the ends are accepted), for every key of
 * every task.
 */
class ConfigKeyBoundsTest {
    /**
     * What a task needs set to validate at all (the forecast data keys have no defaults), and pos read from generic
     * columns, whose column keys conllu refuses.
     */
    private static final Map<String, List<String>> BASE = Map.of(
            "forecast", List.of("series.timestampColumns=[t]", "series.valueColumns=[v]", "window.targetColumns=[v]"),
            "pos", List.of("input.format=columns", "input.tagColumn=1"));
    private static final List<String> RETRAIN = List.of("registry.root=/tmp/registry", "retrain.date=2026-01-02");

    /** Everything that validates a config before Spark starts: the task and the registry and retrain settings. */
    private static void validate(String task, List<String> overrides) {
        List<String> all = new ArrayList<>(List.of("task=" + task));
        all.addAll(BASE.getOrDefault(task, List.of()));
        all.addAll(RETRAIN);
        all.addAll(overrides);
        Config resolved = Tasks.resolve(null, all);
        Tasks.create(resolved);
        RegistrySettings.from(resolved);
        RetrainSettings.from(resolved);
        PromotionPolicy.from(new ConfigReader(resolved));
    }

    @Test
    void everyBoundIsTheSameInValidationHelpAndDefaults() {
        int checked = 0;
        for (String task : Tasks.names()) {
            validate(task, List.of());
            ConfigKeys keys = Tasks.keys(task);
            List<String> help = keys.listing();
            for (KeySpec spec : keys.specs().values()) {
                String line = help.stream().filter(l -> l.startsWith(spec.name() + " ")).findFirst().orElse(null);
                assertNotNull(line, task + ": --help lists " + spec.name());
                assertTrue(Pattern.compile("^" + Pattern.quote(spec.name()) + " +" + Pattern.quote(spec.typeAndBound())
                                + " +" + Pattern.quote(spec.unsetByDefault() ? "<unset>" : spec.defaultValue()))
                        .matcher(line).find(), task + ": " + line);
                if (spec.bound() == null || spec.type() == KeySpec.Type.LONG) {
                    continue;
                }
                KeySpec.Bound bound = spec.bound();
                String written = spec.defaultValue() == null ? null : spec.defaultValue().replace("\"", "");
                if (written != null && !written.equals("auto")) {
                    double value = Double.parseDouble(written);
                    assertTrue(bound.contains(value), task + ": the default of " + spec.name() + " is in "
                            + bound.text() + ", got " + value);
                }
                for (String outside : outside(spec)) {
                    InvalidConfigException e = assertThrows(InvalidConfigException.class,
                            () -> validate(task, List.of(spec.name() + "=" + outside)), task + ": " + spec.name()
                                    + " = " + outside + " is refused");
                    assertEquals(spec.name() + " must be " + requirement(spec) + ", got " + got(spec, outside),
                            e.getMessage(), task);
                    checked++;
                }
                for (String end : ends(spec)) {
                    try {
                        validate(task, List.of(spec.name() + "=" + end));
                    } catch (InvalidConfigException e) {
                        // another rule may refuse an end (split.fold < split.folds), never the key's own bound
                        assertFalse(e.getMessage().startsWith(spec.name() + " must be " + requirement(spec)),
                                task + ": " + spec.name() + " = " + end + " is inside " + bound.text() + ": "
                                        + e.getMessage());
                    }
                }
            }
        }
        assertTrue(checked > 200, "checked " + checked);
    }

    /** The requirement validation names: ConfigReader's wording for the declared bound. */
    private static String requirement(KeySpec spec) {
        KeySpec.Bound b = spec.bound();
        return switch (spec.type()) {
            case INT -> b.max() == Integer.MAX_VALUE ? ">= " + (long) b.min()
                    : "in [" + (long) b.min() + ", " + (long) b.max() + "]";
            case AUTO_OR_DOUBLE -> "auto or a number in " + b.text();
            default -> b.excludesAnEnd() ? "in " + b.text() : "in [" + b.min() + ", " + b.max() + "]";
        };
    }

    private static String got(KeySpec spec, String written) {
        return spec.type() == KeySpec.Type.INT ? written : String.valueOf(Double.parseDouble(written));
    }

    /** Values just outside the bound (none beyond an open end). */
    private static List<String> outside(KeySpec spec) {
        KeySpec.Bound b = spec.bound();
        List<String> values = new ArrayList<>();
        if (spec.type() == KeySpec.Type.INT) {
            if (b.min() > Integer.MIN_VALUE) {
                values.add(String.valueOf((long) b.min() - 1));
            }
            if (b.max() < Integer.MAX_VALUE) {
                values.add(String.valueOf((long) b.max() + 1));
            }
            return values;
        }
        if (b.min() > -Double.MAX_VALUE) {
            values.add(b.text().startsWith("(") ? String.valueOf(Math.nextDown(b.min()) == 0 ? 0.0
                    : Math.nextDown(b.min())) : below(b.min()));
        }
        if (b.max() < Double.MAX_VALUE) {
            values.add(b.text().endsWith(")") ? String.valueOf(Math.nextUp(b.max())) : above(b.max()));
        }
        return values;
    }

    private static String below(double min) {
        return new BigDecimal(String.valueOf(min)).subtract(new BigDecimal("0.001")).toString();
    }

    private static String above(double max) {
        return new BigDecimal(String.valueOf(max)).add(new BigDecimal("0.001")).toString();
    }

    /** The ends of the bound, both inside it. */
    private static List<String> ends(KeySpec spec) {
        KeySpec.Bound b = spec.bound();
        if (spec.type() == KeySpec.Type.INT) {
            return List.of(String.valueOf((long) b.min()), String.valueOf((long) b.max()));
        }
        List<String> values = new ArrayList<>();
        if (b.min() > -Double.MAX_VALUE) {
            values.add(new BigDecimal(b.min()).toString());
        }
        if (b.max() < Double.MAX_VALUE) {
            values.add(new BigDecimal(b.max()).toString());
        }
        return values;
    }

    @Test
    void aKeyOfAnotherTaskIsNamedAsNotSupported() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Tasks.resolve(null, List.of("task=ner", "decode.beamSize=3")));
        assertEquals("config key 'decode.beamSize' is not supported by task ner (it is a key of: translation)",
                e.getMessage());
        InvalidConfigException several = assertThrows(InvalidConfigException.class,
                () -> Tasks.resolve(null, List.of("task=translation", "train.wordDropout=0.1")));
        assertEquals("config key 'train.wordDropout' is not supported by task translation (it is a key of: ner, pos)",
                several.getMessage());
        InvalidConfigException object = assertThrows(InvalidConfigException.class,
                () -> Tasks.resolve(null, List.of("task=forecast", "features={casing=false}")));
        assertEquals("config key 'features.casing' is not supported by task forecast (it is a key of: ner, pos)",
                object.getMessage());
        InvalidConfigException typo = assertThrows(InvalidConfigException.class,
                () -> Tasks.resolve(null, List.of("task=ner", "train.epoch=3")));
        assertEquals("unknown config key 'train.epoch' (did you mean 'train.epochs'?); see the task's defaults for "
                + "every key", typo.getMessage());
    }

    @Test
    void printConfigListsUnsetKeysAsUnset() {
        Config resolved = Tasks.resolve(null, List.of("task=sentiment", "paths.validation=dev.tsv"));
        List<String> lines = ConfigLayering.describe(resolved, Tasks.keys("sentiment"));
        assertTrue(lines.contains("paths.train = <unset>"), String.join("\n", lines));
        assertTrue(lines.contains("registry.root = <unset>"));
        assertTrue(lines.contains("input.idColumn = <unset>"));
        assertTrue(lines.contains("paths.test = \"dev.tsv\""), "set through its substitution");
        assertTrue(lines.contains("train.batchSize = 32"));
        assertEquals(Tasks.keys("sentiment").specs().size(), lines.size(), "one line per key");
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(null);
        assertEquals(sorted, lines);
        assertFalse(ConfigLayering.describe(resolved).contains("paths.train = <unset>"), "the resolved file's lines");
    }
}
