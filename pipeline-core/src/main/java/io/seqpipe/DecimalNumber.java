package io.seqpipe;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one grammar for numbers a user writes, in data and in config values: an optional sign, digits, an optional
 * fraction, an optional exponent ({@code 12}, {@code -0.5}, {@code .5}, {@code 5.}, {@code 1.2e-3}). Java's
 * {@code Double.parseDouble} also reads {@code 12f}, {@code 12d}, {@code 0x1p4}, {@code NaN} and {@code Infinity};
 * none of these is a decimal number here, and neither are {@code 1_000}, {@code 1,000} or surrounding spaces.
 */
public final class DecimalNumber {
    private static final Pattern GRAMMAR = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private DecimalNumber() {
    }

    /** Whether {@code text} is a decimal number (its magnitude may still overflow a double). */
    public static boolean matches(String text) {
        return text != null && GRAMMAR.matcher(text).matches();
    }

    /** The finite value of {@code text}, or NaN when it is not a decimal number or overflows a double. */
    public static double parse(String text) {
        if (!matches(text)) {
            return Double.NaN;
        }
        double value = Double.parseDouble(text);
        return Double.isFinite(value) ? value : Double.NaN;
    }

    /** The exact value of {@code text}, or null when it is not a decimal number. */
    public static BigDecimal exact(String text) {
        return matches(text) ? new BigDecimal(text) : null;
    }
}
