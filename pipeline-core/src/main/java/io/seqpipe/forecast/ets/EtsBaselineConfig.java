package io.seqpipe.forecast.ets;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How {@code evaluate} fits its ETS baseline (config section {@code evaluate.ets}).
 *
 * @param candidates  the models chosen among by AICc ({@code models = [auto]}: all of {@link EtsForm#all()})
 * @param fitOn       the part of each series the parameters are estimated on
 * @param maxFitSteps at most this many of the latest steps of that part are used (the filter starts there)
 */
public record EtsBaselineConfig(List<EtsForm> candidates, FitPart fitOn, int maxFitSteps) implements Serializable {
    public static final String MODELS = "evaluate.ets.models";

    /** The steps the ETS parameters are estimated on. */
    public enum FitPart {
        /** The training part. */
        TRAIN,
        /** Everything before the test part. */
        TRAIN_AND_VALIDATION
    }

    public EtsBaselineConfig {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new InvalidConfigException(MODELS + " must name at least one ETS model or auto, got []");
        }
        ConfigReader.check(maxFitSteps >= EtsSelector.MIN_VALUES, "evaluate.ets.maxFitSteps", maxFitSteps,
                ">= " + EtsSelector.MIN_VALUES);
    }

    public static EtsBaselineConfig from(ConfigReader r) {
        List<String> names = new ArrayList<>();
        if (r.config().hasPath(MODELS) && r.config().getValue(MODELS).valueType()
                == com.typesafe.config.ConfigValueType.STRING) {
            for (String part : r.string(MODELS).split(",")) {
                if (!part.isBlank()) {
                    names.add(part.trim());
                }
            }
        } else {
            names.addAll(r.stringList(MODELS));
        }
        return new EtsBaselineConfig(models(names), r.enumValue("evaluate.ets.fitOn", FitPart.class),
                r.integer("evaluate.ets.maxFitSteps"));
    }

    /** {@code [auto]} or model codes such as {@code [ANN, AAdN, MAM]}. */
    static List<EtsForm> models(List<String> names) {
        if (names.size() == 1 && names.get(0).trim().toLowerCase(Locale.ROOT).equals("auto")) {
            return EtsForm.all();
        }
        List<EtsForm> forms = new ArrayList<>();
        for (String name : names) {
            try {
                EtsForm form = EtsForm.parse(name);
                if (form.error() == EtsForm.Component.ADDITIVE
                        && form.season() == EtsForm.Component.MULTIPLICATIVE) {
                    throw new IllegalArgumentException("additive errors with a multiplicative season are unstable"
                            + " (R's ets forbids them); use M" + form.code().substring(1));
                }
                if (!forms.contains(form)) {
                    forms.add(form);
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(MODELS + " must be [auto] or a list of ETS models (ANN, AAN, AAdN,"
                        + " ANA, AAA, AAdA, MNN, MAN, MAdN, MNA, MAA, MAdA, MNM, MAM, MAdM), got '" + name + "': "
                        + e.getMessage());
            }
        }
        return forms;
    }
}
