package io.seqpipe.config;

import java.util.List;
import java.util.Locale;

/**
 * One config key as its defaults file declares it: the annotation line {@code # @<type> [bound]} above the key, the
 * doc comment lines with it, and the key's default value. {@link ConfigKeys} reads these; {@link ConfigReader} takes
 * bounds from them, and {@code --help} and {@code --print-config} list them.
 *
 * @param name       the full key, e.g. {@code train.batchSize}
 * @param type       the value's type
 * @param bound      the allowed range of a number ({@code int}, {@code long}, {@code double}); null for other types
 * @param choices    the allowed values of an {@code enum} key (lower case, as written in the defaults); empty for
 *                   other types
 * @param defaultValue the default rendered as HOCON ({@code 32}, {@code "seqpipe-work/model"}, {@code [parquet]}), or
 *                   null when the key is unset by default
 * @param doc        the doc comment lines (without {@code #}), possibly empty
 * @param declaredIn the defaults resource whose comment declares the key
 */
public record KeySpec(String name, Type type, Bound bound, List<String> choices, String defaultValue,
                      List<String> doc, String declaredIn) {

    /** The value types a key may declare. */
    public enum Type {
        /** A whole number in an {@code int} {@link Bound}. */
        INT,
        /** A whole number in a {@code long} {@link Bound}. */
        LONG,
        /** A finite decimal number in a {@link Bound}. */
        DOUBLE,
        /** {@code auto} or a decimal number in a {@link Bound}. */
        AUTO_OR_DOUBLE,
        BOOL,
        STRING,
        /** A Hadoop path (hdfs://..., file://..., or a plain path). */
        PATH,
        /** One of {@link KeySpec#choices()}. */
        ENUM,
        /** A list of strings (or one comma-separated string where the reader allows it). */
        LIST,
        /** A HOCON object whose keys the user chooses. */
        OBJECT;

        /** The name used in annotations and listings: {@code int}, {@code auto-or-double}, ... */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        boolean numeric() {
            return this == INT || this == LONG || this == DOUBLE || this == AUTO_OR_DOUBLE;
        }
    }

    /**
     * The range of a number key, both ends included. {@code text} is as written in the defaults: {@code [1, 1000000]},
     * {@code >= 1}, {@code (0, 1]} or {@code [0, 1)} (an excluded end becomes the next double inside), or empty for
     * any value of the type.
     */
    public record Bound(double min, double max, String text) {
        /** Whether an end is excluded ({@code (0, 1]}, {@code [0, 1)}). */
        public boolean excludesAnEnd() {
            return text.startsWith("(") || text.endsWith(")");
        }

        /** Whether {@code value} lies in the range. */
        public boolean contains(double value) {
            return !Double.isNaN(value) && value >= min && value <= max;
        }
    }

    public KeySpec {
        choices = List.copyOf(choices);
        doc = List.copyOf(doc);
    }

    /** The type and bound as the defaults annotate them, e.g. {@code int [1, 1000000]} or {@code enum lstm | gru}. */
    public String typeAndBound() {
        if (type == Type.ENUM) {
            return type.label() + " " + String.join(" | ", choices);
        }
        return bound == null || bound.text().isEmpty() ? type.label() : type.label() + " " + bound.text();
    }

    /** The first doc line (the rest of its sentence may continue on the next lines), or empty. */
    public String summary() {
        return doc.isEmpty() ? "" : doc.get(0);
    }

    /** Whether the key has no default value (it is unset unless the user sets it). */
    public boolean unsetByDefault() {
        return defaultValue == null;
    }
}
