package io.seqpipe.forecast.ets;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One member of the exponential-smoothing state-space family in Hyndman's error-trend-season taxonomy (Hyndman,
 * Koehler, Ord &amp; Snyder, <i>Forecasting with Exponential Smoothing</i>, 2008): additive or multiplicative
 * errors, no / additive / additive damped trend, no / additive / multiplicative seasonality. Written as in R's
 * {@code forecast::ets}: {@code ANN} (simple exponential smoothing), {@code AAN} (Holt), {@code AAdN} (damped Holt),
 * {@code AAA} and {@code MAM} (additive and multiplicative Holt-Winters), {@code MAdM}, ... Multiplicative trends are
 * not offered (as in {@code ets} by default).
 */
public record EtsForm(Component error, Component trend, boolean damped, Component season) implements Serializable {

    /** A component's type: none, additive or multiplicative. */
    public enum Component {
        NONE("N"), ADDITIVE("A"), MULTIPLICATIVE("M");

        private final String letter;

        Component(String letter) {
            this.letter = letter;
        }

        public String letter() {
            return letter;
        }
    }

    public EtsForm {
        if (error == Component.NONE) {
            throw new IllegalArgumentException("an ETS model has additive or multiplicative errors, not none");
        }
        if (trend == Component.MULTIPLICATIVE) {
            throw new IllegalArgumentException("multiplicative trends are not supported; use N, A or Ad");
        }
        if (damped && trend == Component.NONE) {
            throw new IllegalArgumentException("a damped model needs a trend (Ad), got N with damping");
        }
    }

    /**
     * Parses {@code ANN}, {@code AAdN}, {@code MAM}, ... (error, trend with an optional {@code d}, season; case
     * insensitive).
     */
    public static EtsForm parse(String code) {
        String c = code.trim().toUpperCase(Locale.ROOT);
        boolean damped = c.length() == 4 && c.charAt(2) == 'D';
        if (!(c.length() == 3 || damped)) {
            throw new IllegalArgumentException("an ETS model is written as error, trend (optionally damped: d) and"
                    + " season, e.g. ANN, AAdN, MAM; got '" + code + "'");
        }
        return new EtsForm(component(c.charAt(0), code), component(c.charAt(1), code), damped,
                component(c.charAt(damped ? 3 : 2), code));
    }

    private static Component component(char letter, String code) {
        return switch (letter) {
            case 'N' -> Component.NONE;
            case 'A' -> Component.ADDITIVE;
            case 'M' -> Component.MULTIPLICATIVE;
            default -> throw new IllegalArgumentException("ETS components are N, A or M, got '" + letter + "' in '"
                    + code + "'");
        };
    }

    /**
     * The models {@code forecast::ets} searches by default (with {@code restrict = TRUE}, no multiplicative trend):
     * 6 with additive errors, 9 with multiplicative errors; additive errors never with multiplicative seasonality.
     */
    public static List<EtsForm> all() {
        List<EtsForm> forms = new ArrayList<>();
        for (Component error : List.of(Component.ADDITIVE, Component.MULTIPLICATIVE)) {
            for (Component season : Component.values()) {
                if (error == Component.ADDITIVE && season == Component.MULTIPLICATIVE) {
                    continue;
                }
                forms.add(new EtsForm(error, Component.NONE, false, season));
                forms.add(new EtsForm(error, Component.ADDITIVE, false, season));
                forms.add(new EtsForm(error, Component.ADDITIVE, true, season));
            }
        }
        return forms;
    }

    public boolean hasTrend() {
        return trend != Component.NONE;
    }

    public boolean seasonal() {
        return season != Component.NONE;
    }

    /** Whether the model needs strictly positive data (a multiplicative error or season). */
    public boolean multiplicative() {
        return error == Component.MULTIPLICATIVE || season == Component.MULTIPLICATIVE;
    }

    /** The length of the state vector {@code (l, b, s_1..s_m)} for season length {@code m}. */
    public int stateLength(int m) {
        return 1 + (hasTrend() ? 1 : 0) + (seasonal() ? m : 0);
    }

    /**
     * The parameters estimated: smoothing parameters ({@code alpha}, {@code beta}, {@code gamma}, {@code phi} as
     * present) and the free initial states ({@code l}, {@code b}, {@code m - 1} seasonal states; the last follows
     * from the others summing to 0, or to {@code m} when multiplicative).
     */
    public int estimatedParameters(int m) {
        int smoothing = 1 + (hasTrend() ? 1 : 0) + (seasonal() ? 1 : 0) + (damped ? 1 : 0);
        return smoothing + 1 + (hasTrend() ? 1 : 0) + (seasonal() ? m - 1 : 0);
    }

    /** {@code ANN}, {@code AAdN}, {@code MAM}: the notation of R's {@code ets(model = ...)} with {@code d}. */
    public String code() {
        return error.letter() + trend.letter() + (damped ? "d" : "") + season.letter();
    }

    /** {@code ETS(M,Ad,M)}. */
    @Override
    public String toString() {
        return "ETS(" + error.letter() + "," + trend.letter() + (damped ? "d" : "") + "," + season.letter() + ")";
    }
}
