package io.seqpipe.io;

import com.typesafe.config.Config;
import io.seqpipe.config.InvalidConfigException;
import org.apache.hadoop.conf.Configuration;

import java.util.Locale;

/**
 * What {@link HadoopFiles#inputFiles} does with an input directory that looks like another job's uncommitted output
 * (part files or a {@code _temporary/} folder, but no {@code _SUCCESS} marker): {@code warn} (log a warning and read
 * the visible files) or {@code fail} (refuse it). Set by the config key {@value #KEY}; the CLI passes it to every
 * reader through the job's Hadoop configuration ({@value #HADOOP_PROPERTY}), so all tasks' inputs share it.
 */
public enum IncompleteInputPolicy {
    WARN, FAIL;

    public static final String KEY = "input.incompleteOutput";
    public static final String HADOOP_PROPERTY = "seqpipe.input.incompleteOutput";

    /** The policy of a resolved config ({@link #WARN} when the key is absent). */
    public static IncompleteInputPolicy from(Config resolved) {
        return resolved.hasPath(KEY) ? parse(resolved.getString(KEY), KEY) : WARN;
    }

    /** The policy a job's Hadoop configuration carries ({@link #WARN} when unset). */
    public static IncompleteInputPolicy of(Configuration hadoop) {
        String value = hadoop.get(HADOOP_PROPERTY);
        return value == null ? WARN : parse(value, HADOOP_PROPERTY);
    }

    /** Puts this policy into a job's Hadoop configuration, for {@link #of}. */
    public void applyTo(Configuration hadoop) {
        hadoop.set(HADOOP_PROPERTY, name().toLowerCase(Locale.ROOT));
    }

    private static IncompleteInputPolicy parse(String value, String key) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "warn" -> WARN;
            case "fail" -> FAIL;
            default -> throw new InvalidConfigException(key + " must be warn or fail, got '" + value + "'");
        };
    }
}
