package io.seqpipe.registry;

import io.seqpipe.config.InvalidConfigException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a registry uses, checked in one place. A model name and a version are single path segments of letters,
 * digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit (so never a hidden {@code _tmp.}
 * directory). The entries a registry keeps beside its versions ({@code CHAMPION}, {@code LOCK}, {@code runs}) are not
 * valid versions. {@code retrain} names the version it registers after its snapshot date ({@code 2026-11-23}), so
 * versions sort by date as strings.
 */
public final class RegistryNames {
    /** The directory of champion pointer files, see {@link ChampionPointer}. */
    public static final String CHAMPION = "CHAMPION";
    /** The lock file of a model name, see {@link RegistryLock}. */
    public static final String LOCK = "LOCK";
    /** The directory of retrain run logs. */
    public static final String RUNS = "runs";
    /** A version's registry metadata, beside the model files. */
    public static final String VERSION_JSON = "version.json";
    /** A version's evaluation at registration time (the task's own {@code metrics.json}). */
    public static final String METRICS_JSON = "metrics.json";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Set<String> RESERVED = Set.of(CHAMPION, LOCK, RUNS);

    private RegistryNames() {
    }

    public static String requireModelName(String name, String what) {
        if (name == null || !SEGMENT.matcher(name).matches()) {
            throw new InvalidConfigException(what + " must be letters, digits, '.', '_' or '-' starting with a letter "
                    + "or digit, got '" + name + "'");
        }
        return name;
    }

    public static String requireVersion(String version, String what) {
        if (!isVersion(version)) {
            throw new InvalidConfigException(what + " must be letters, digits, '.', '_' or '-' starting with a letter"
                    + " or digit, and not one of " + RESERVED + ", got '" + version + "'");
        }
        return version;
    }

    /** Whether {@code name} can be a version (a directory entry of a model name that is not a reserved one). */
    public static boolean isVersion(String name) {
        return name != null && SEGMENT.matcher(name).matches() && !RESERVED.contains(name);
    }

    /** The version {@code retrain} registers for a snapshot date. */
    public static String versionForDate(LocalDate date) {
        return date.toString();
    }

    /** Parses an ISO date ({@code 2026-11-23}); a bad one fails naming {@code key}. */
    public static LocalDate parseDate(String date, String key) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidConfigException(key + " must be an ISO date like 2026-11-23, got '" + date + "'");
        }
    }
}
