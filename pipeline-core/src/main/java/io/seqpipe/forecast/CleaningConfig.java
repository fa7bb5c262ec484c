package io.seqpipe.forecast;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.util.Locale;

/**
 * What to do with imperfect rows of a series (config section {@code cleaning}). Every action is counted in a
 * {@link CleaningSummary}.
 *
 * @param missingValues        a value that is not a finite number ({@code NA}, empty, {@code abc})
 * @param duplicateTimestamps  a row repeating a timestamp of an earlier row of the same key (the first one is kept)
 * @param outOfOrderTimestamps a row whose timestamp is earlier than a preceding row's (in file order)
 * @param gaps                 missing steps of a regular series
 * @param frequency            the expected step between rows, or null to infer it per key as the most common step
 */
public record CleaningConfig(MissingValues missingValues, DuplicateTimestamps duplicateTimestamps,
                             OutOfOrderTimestamps outOfOrderTimestamps, Gaps gaps, SeriesFrequency frequency)
        implements Serializable {

    /**
     * Missing or non-numeric values. {@code REJECT} and {@code FAIL} act while parsing (the row becomes a
     * {@code non_numeric_value} reject, or the job stops naming the row); {@code FFILL} and {@code INTERPOLATE} keep
     * the row and fill the value during cleaning.
     */
    public enum MissingValues { REJECT, FFILL, INTERPOLATE, FAIL }

    /** Duplicate timestamps within a key: reject the later rows, or stop. */
    public enum DuplicateTimestamps { REJECT, FAIL }

    /** Out-of-order timestamps within a key: reject the late-arriving rows, sort them into place, or stop. */
    public enum OutOfOrderTimestamps { REJECT, SORT, FAIL }

    /**
     * Missing steps of a regular series: keep the series as it is, insert the missing steps (values forward-filled
     * or linearly interpolated, categories forward-filled), or stop.
     */
    public enum Gaps { KEEP, FFILL, INTERPOLATE, FAIL }

    public CleaningConfig {
        if (missingValues == null || duplicateTimestamps == null || outOfOrderTimestamps == null || gaps == null) {
            throw new IllegalArgumentException("every cleaning policy must be set");
        }
    }

    /**
     * Reads {@code <prefix>.missingValues}, {@code .duplicateTimestamps}, {@code .outOfOrderTimestamps}, {@code .gaps}
     * and {@code .frequency} ({@code infer}, or an amount and unit such as {@code 1 month}, {@code 1 hour}).
     */
    public static CleaningConfig from(ConfigReader r, String prefix) {
        String frequency = r.string(prefix + ".frequency").strip();
        return new CleaningConfig(r.enumValue(prefix + ".missingValues", MissingValues.class),
                r.enumValue(prefix + ".duplicateTimestamps", DuplicateTimestamps.class),
                r.enumValue(prefix + ".outOfOrderTimestamps", OutOfOrderTimestamps.class),
                r.enumValue(prefix + ".gaps", Gaps.class),
                frequency.toLowerCase(Locale.ROOT).equals("infer") ? null : parseFrequency(prefix, frequency));
    }

    private static SeriesFrequency parseFrequency(String prefix, String text) {
        try {
            return SeriesFrequency.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(prefix + ".frequency must be infer or an amount and unit such as 1 month,"
                    + " 1 hour, 15 minutes, got '" + text + "'");
        }
    }
}
